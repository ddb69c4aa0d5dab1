// The serialized payload inside a signed object: `[.]b64(data)`, where data is JSON (latin-1,
// signing.JSONSerializer) or a pickle (PickleSerializer, Django ≤4.2), told apart by the pickle
// protocol byte \x80 that JSON text can never start with.
import { b64Decode } from './base64';
import { latin1Decode } from './bytes';
import type { disassemblePickle } from './pickle/index';
import { parsePyJson } from './pyjson';
import type { Limits, PyValue, Result } from './types';
import { zlibDecompress } from './zlib';

export interface Payload {
  data: PyValue;
  serializer: 'json' | 'pickle';
  pickle: { unsafe: boolean; references: string[] } | null;
}

/**
 * The pickle reader, loaded on first need: Django ≤4.2's PickleSerializer is rare today, and the
 * reader was the largest part of the panel's startup JS. decode() catches PickleReaderNeeded,
 * awaits loadPickleReader() and reads again; everything else here stays synchronous.
 */
let pickleReader: typeof disassemblePickle | null = null;

export class PickleReaderNeeded extends Error {
  constructor() {
    super('the pickle reader is not loaded yet (await loadPickleReader())');
  }
}

export async function loadPickleReader(): Promise<void> {
  pickleReader ??= (await import('./pickle/index')).disassemblePickle;
}

function loadPickle(data: Uint8Array, limits: Limits): Result<Payload> {
  if (pickleReader === null) throw new PickleReaderNeeded();
  const dis = pickleReader(data, { maxDepth: limits.maxDepth });
  if (!dis.ok) return dis;
  const { value, unsafe, references } = dis.value;
  return { ok: true, value: { data: value, serializer: 'pickle', pickle: { unsafe, references } } };
}

/**
 * serializer().loads(data). The serializer is a server setting we cannot see, so it is inferred:
 * protocol 2+ pickles start with \x80 (never JSON); a payload that is not JSON but ends with the
 * STOP opcode `.` is tried as a protocol 0/1 pickle (the classic `cos\nsystem\n…` exploit).
 */
export function loadSerialized(data: Uint8Array, limits: Limits): Result<Payload> {
  if (data[0] === 0x80) return loadPickle(data, limits);
  const parsed = parsePyJson(latin1Decode(data), limits.maxDepth);
  if (parsed.ok) return { ok: true, value: { data: parsed.value, serializer: 'json', pickle: null } };
  if (data[data.length - 1] === 0x2e) {
    const pickled = loadPickle(data, limits);
    if (pickled.ok) return pickled;
  }
  return parsed;
}

/** A read payload, or the failure and the serializer Django would have failed in. */
export interface ObjectPayload {
  compressed: boolean;
  /** JSONSerializer unless the bytes announce a pickle. */
  serializer: 'json' | 'pickle';
  payload: Result<Payload>;
}

/**
 * The body of unsign_object after unsign: a leading `.` means zlib (signed, so only a key holder
 * can force inflation; the cap applies anyway), then b64_decode, then the serializer.
 */
export function loadObjectPayload(base64d: string, limits: Limits): ObjectPayload {
  const compressed = base64d.startsWith('.');
  const decoded = b64Decode(compressed ? base64d.slice(1) : base64d);
  if (!decoded.ok) return { compressed, serializer: 'json', payload: decoded };
  let data = decoded.value;
  if (compressed) {
    const inflated = zlibDecompress(data, limits.maxDecompressedBytes);
    if (!inflated.ok) return { compressed, serializer: 'json', payload: inflated };
    data = inflated.value;
  }
  const payload = loadSerialized(data, limits);
  return {
    compressed,
    serializer: payload.ok ? payload.value.serializer : data[0] === 0x80 ? 'pickle' : 'json',
    payload,
  };
}
