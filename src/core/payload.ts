// The serialized payload inside a signed object: `[.]b64(data)`, where data is JSON (latin-1,
// signing.JSONSerializer) or a pickle (PickleSerializer, Django ≤4.2), told apart by the pickle
// protocol byte \x80 that JSON text can never start with.
import { b64Decode } from './base64';
import { latin1Decode } from './bytes';
import { disassemblePickle } from './pickle/index';
import { parsePyJson } from './pyjson';
import type { Limits, PyValue, Result } from './types';
import { zlibDecompress } from './zlib';

export interface Payload {
  data: PyValue;
  serializer: 'json' | 'pickle';
  pickle: { unsafe: boolean; references: string[] } | null;
}

/** serializer().loads(data): JSONSerializer decodes latin-1 (§2.4), pickle is only disassembled. */
export function loadSerialized(data: Uint8Array, limits: Limits): Result<Payload> {
  if (data[0] === 0x80) {
    const dis = disassemblePickle(data, { maxDepth: limits.maxDepth });
    if (!dis.ok) return dis;
    const { value, unsafe, references } = dis.value;
    return { ok: true, value: { data: value, serializer: 'pickle', pickle: { unsafe, references } } };
  }
  const parsed = parsePyJson(latin1Decode(data), limits.maxDepth);
  if (!parsed.ok) return parsed;
  return { ok: true, value: { data: parsed.value, serializer: 'json', pickle: null } };
}

/**
 * The body of unsign_object after unsign: a leading `.` means zlib (signed, so only a key holder
 * can force inflation; the cap applies anyway), then b64_decode, then the serializer.
 */
export function loadObjectPayload(
  base64d: string,
  limits: Limits,
): { compressed: boolean; payload: Result<Payload> } {
  const compressed = base64d.startsWith('.');
  const decoded = b64Decode(compressed ? base64d.slice(1) : base64d);
  if (!decoded.ok) return { compressed, payload: decoded };
  let data = decoded.value;
  if (compressed) {
    const inflated = zlibDecompress(data, limits.maxDecompressedBytes);
    if (!inflated.ok) return { compressed, payload: inflated };
    data = inflated.value;
  }
  return { compressed, payload: loadSerialized(data, limits) };
}
