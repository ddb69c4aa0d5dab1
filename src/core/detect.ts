// `auto`: which Django code wrote a cookie value, from its name and shape.
import { standardB64Decode } from './base64';
import { latin1Decode } from './bytes';
import { isLegacyMessages } from './formats/messages';
import { DEFAULT_LIMITS } from './limits';
import { loadObjectPayload, loadPickleReader, type ObjectPayload, PickleReaderNeeded } from './payload';
import { rsplitOnce } from './signing';
import type { Kind } from './types';

export type Detected = Kind | 'session-key' | 'csrf-token';

/** sign_object's `[.]b64` part of `X:TS:SIG`, read without inflating (cheap, no key needed). */
function objectPayloadKind(value: string, load: PayloadLoader): 'dict' | 'list' | 'compressed' | null {
  const inner = rsplitOnce(value, ':')?.[0];
  const payload = inner === undefined ? undefined : rsplitOnce(inner, ':')?.[0];
  if (payload === undefined) return null;
  if (payload.startsWith('.')) return 'compressed';
  const loaded = load(payload).payload;
  if (!loaded.ok) return null;
  return loaded.value.data.t === 'dict' ? 'dict' : loaded.value.data.t === 'list' ? 'list' : null;
}

/** How detection reads a payload: decode() passes its per-call memo, so the reader reuses it. */
export type PayloadLoader = (text: string) => ObjectPayload;

/**
 * The kind to read `value` as. Asynchronous because a payload may be a pickle, and the pickle
 * reader loads on first need: detection waits for it rather than guess from a half-read payload.
 */
export async function detectKind(
  value: string,
  cookieName?: string,
  load: PayloadLoader = (text) => loadObjectPayload(text, DEFAULT_LIMITS),
): Promise<Detected> {
  try {
    return detectShape(value, cookieName, load);
  } catch (e) {
    if (!(e instanceof PickleReaderNeeded)) throw e;
    await loadPickleReader();
    return detectShape(value, cookieName, load);
  }
}

function detectShape(value: string, cookieName: string | undefined, load: PayloadLoader): Detected {
  const name = cookieName?.toLowerCase() ?? '';
  if (name === 'csrftoken' || (name.includes('csrf') && /^[A-Za-z0-9]{32}([A-Za-z0-9]{32})?$/.test(value))) {
    return 'csrf-token';
  }
  if (name === 'messages') return 'messages';
  if (/^[a-z0-9]{32}$/.test(value)) return 'session-key';
  if (isLegacyMessages(value)) return 'messages';
  const shape = objectPayloadKind(value, load);
  if (shape === 'dict' || shape === 'compressed') return 'session-cookie';
  if (shape === 'list') return 'messages';
  if (value.split(':').length >= 3) return 'signed-cookie';
  if (!value.includes(':')) {
    const legacy = standardB64Decode(value);
    if (legacy.ok && /^[0-9a-f]{40}:/.test(latin1Decode(legacy.value.subarray(0, 41)))) return 'session-data';
  }
  return 'signing';
}
