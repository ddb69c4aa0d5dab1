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

/** Runs `read`, and again once the pickle reader is loaded if it met a pickle first. */
export async function withPickleReader<T>(read: () => T | Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if (!(e instanceof PickleReaderNeeded)) throw e;
    await loadPickleReader();
    return read();
  }
}

function loadPickle(data: Uint8Array, limits: Limits): Result<Payload> & { opcodes?: number } {
  if (pickleReader === null) throw new PickleReaderNeeded();
  const dis = pickleReader(data, { maxDepth: limits.maxDepth, maxNodes: limits.maxNodes });
  if (!dis.ok) return dis;
  const { value, unsafe, references } = dis.value;
  return { ok: true, value: { data: value, serializer: 'pickle', pickle: { unsafe, references } } };
}

/** A failure names the serializer whose error it is (JSONSerializer unless the bytes are a pickle). */
export type Loaded = Result<Payload> & { failedAs?: 'pickle' };

/** Whether text can begin a JSON document (json.loads' first token), whitespace skipped. */
const JSON_START = /^[ \t\n\r]*(?:[{["\-0-9]|true|false|null|NaN|Infinity)/;
/** The first character cannot begin any JSON value: json.loads fails right there. */
const NOT_JSON = /^[ \t\n\r]*[^ \t\n\r{["\-0-9tfnNI]/;

/**
 * serializer().loads(data). The serializer is a server setting we cannot see, so it is inferred:
 * protocol 2+ pickles start with \x80 (never JSON); a payload that is not JSON is tried as a
 * protocol 0/1 pickle (the classic `cos\nsystem\n…` exploit), read as pickle.loads reads it:
 * up to STOP, whatever follows. Its failure is the one reported when the text cannot even begin
 * as JSON and the stream is a pickle past its first opcode.
 */
export function loadSerialized(data: Uint8Array, limits: Limits): Loaded {
  if (data[0] === 0x80) return { ...loadPickle(data, limits), failedAs: 'pickle' };
  // Text that fails at its first character gives the same JSON error from its first bytes:
  // a megabytes-long protocol 0 pickle is not decoded as text for nothing.
  const head = latin1Decode(data.subarray(0, 16));
  const parsed = parsePyJson(
    NOT_JSON.test(head) ? head : latin1Decode(data),
    limits.maxDepth,
    limits.maxNodes,
  );
  if (parsed.ok) return { ok: true, value: { data: parsed.value, serializer: 'json', pickle: null } };
  const pickled = loadPickle(data, limits);
  if (pickled.ok) return pickled;
  if (!JSON_START.test(head) && (pickled.opcodes ?? 0) > 0) return { ...pickled, failedAs: 'pickle' };
  return parsed;
}

/** A read payload, or the failure and the serializer Django would have failed in. */
export interface ObjectPayload {
  compressed: boolean;
  /** JSONSerializer unless the bytes announce a pickle. */
  serializer: 'json' | 'pickle';
  payload: Loaded;
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
    serializer: payload.ok ? payload.value.serializer : (payload.failedAs ?? 'json'),
    payload,
  };
}
