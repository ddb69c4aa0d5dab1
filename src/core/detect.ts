// `auto`: the signals a value carries about which Django code wrote it — its cookie name, its
// shape, and its payload, read (and inflated, under the limits) without a key. The kinds' own
// detectors in kinds.ts weigh these; nothing here decides.
import { b62Decode } from './base62';
import { standardB64Decode } from './base64';
import { latin1Decode } from './bytes';
import { loadPayloadOnce } from './formats/common';
import { MESSAGE_KEY, NOT_FINISHED } from './formats/messages';
import type { ReadContext } from './report';
import { rsplitOnce } from './signing';
import type { DecodeOptions, PyValue } from './types';

export interface Signals {
  value: string;
  /** The cookie's name, lower-cased; '' when not given. */
  name: string;
  site: NonNullable<DecodeOptions['site']>;
  /** `[.]b64:TS:SIG` or `[.]b64:SIG` whose payload loads (inflated if `.`): what it holds. */
  object: { data: PyValue; timestamped: boolean; compressed: boolean } | null;
  /** `text:TS:SIG` with a base62 TS and a text that is no object: TimestampSigner's shape. */
  timestampedText: boolean;
  /** ≤3.0 session_data: standard base64 of `<sha1 hex>:<serialized>`. */
  legacySessionData: boolean;
}

/** The payload is read through the decode's cache: the reader that follows does not read it again. */
export function readSignals(value: string, options: DecodeOptions, ctx: ReadContext): Signals {
  const inner = rsplitOnce(value, ':')?.[0];
  const split = inner === undefined ? null : rsplitOnce(inner, ':');
  const timestamped = split !== null && split[1] !== '' && b62Decode(split[1]).ok;
  let object: Signals['object'] = null;
  if (inner !== undefined) {
    const read = loadPayloadOnce(timestamped ? (split?.[0] ?? '') : inner, ctx);
    if (read.payload.ok) object = { data: read.payload.value.data, timestamped, compressed: read.compressed };
  }
  let legacySessionData = false;
  if (!value.includes(':')) {
    const legacy = standardB64Decode(value);
    legacySessionData = legacy.ok && /^[0-9a-f]{40}:/.test(latin1Decode(legacy.value.subarray(0, 41)));
  }
  return {
    value,
    name: options.cookieName?.toLowerCase() ?? '',
    site: options.site ?? {},
    object,
    timestampedText: timestamped && object === null,
    legacySessionData,
  };
}

/** MessageEncoder's tuples: `["__json_message", is_safedata, level, message, extra_tags?]`. */
export function isMessageList(data: PyValue): boolean {
  if (data.t !== 'list') return false;
  const tuple = (m: PyValue) => m.t === 'list' && m.items[0]?.t === 'str' && m.items[0].v === MESSAGE_KEY;
  // CookieStorage appends the not_finished sentinel when messages did not fit.
  const sentinel = (m: PyValue) => m.t === 'str' && m.v === NOT_FINISHED;
  return data.items.some(tuple) && data.items.every((m) => tuple(m) || sentinel(m));
}

/** Keys only SessionBase and contrib.auth write: a dict holding one is a session. */
export function isSessionDict(data: PyValue): boolean {
  return (
    data.t === 'dict' &&
    data.entries.some(
      ([k]) => k.t === 'str' && /^_(?:auth_user_|session_expiry$|csrftoken$|messages$)/.test(k.v),
    )
  );
}
