// `make bench`, where decode's time goes: each step the core takes on a case's values, timed
// alone, beside the same step in Django (bench/django_side.py `phases`), on the same values.
// WHY: issue 14 asks for every missed target to be explained with a profile; this is that
// profile, printed by every run, so the explanation cannot go stale.

import { b64Decode, b64Encode } from '../src/core/base64';
import { latin1Decode } from '../src/core/bytes';
import { constantTimeCompare, saltedHmacSync } from '../src/core/crypto';
import { DEFAULT_LIMITS } from '../src/core/limits';
import { parsePyJson } from '../src/core/pyjson';
import { zlibDecompress } from '../src/core/zlib';

/** The row that is part of json.loads, not a step of its own: not added into the steps' sum. */
export const JSON_PARSE_FLOOR = '  of which JSON.parse alone (V8, native)';

/** What the core's readers take from a signing.dumps value, split once, outside any timing. */
interface Split {
  signed: string;
  signature: string;
  payload: string;
  compressed: boolean;
}

function split(value: string): Split {
  const at = value.lastIndexOf(':');
  const signed = value.slice(0, at);
  const payload = signed.slice(0, signed.lastIndexOf(':'));
  const compressed = payload.startsWith('.');
  return {
    signed,
    signature: value.slice(at + 1),
    payload: compressed ? payload.slice(1) : payload,
    compressed,
  };
}

function ok<T>(result: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

/**
 * CPU seconds of each step over every value, each step alone, with the names Django's steps have:
 * the signature (salted_hmac of the text with the key cached, as decode() keeps it, b64_encode
 * and the compare), b64_decode, zlib.decompress, JSONSerializer.loads (latin-1 text, then json.loads as
 * parsePyJson reads it), and V8's own JSON.parse of the same text: the floor a JSON reader in
 * this engine starts from.
 */
export function corePhases(values: readonly string[], salt: string, key: string): Record<string, number> {
  const parts = values.map(split);
  const keySalt = `${salt}signer`;
  const raw = parts.map((p) => ok(b64Decode(p.payload)));
  const compressed = raw.filter((_, i) => parts[i]?.compressed);
  const serialized = raw.map((data, i) =>
    parts[i]?.compressed ? ok(zlibDecompress(data, DEFAULT_LIMITS.maxDecompressedBytes)) : data,
  );
  const texts = serialized.map(latin1Decode);
  // Each step's results are dropped as they come, as decode() drops its intermediates.
  const steps = new Map<string, () => void>();
  steps.set('signature', () => {
    for (const p of parts) {
      const mac = saltedHmacSync(keySalt, p.signed, key, 'sha256');
      constantTimeCompare(p.signature, b64Encode(mac));
    }
  });
  steps.set('b64_decode', () => {
    for (const p of parts) b64Decode(p.payload);
  });
  // Only where the case's values are compressed (signing.dumps compresses when that is shorter).
  if (compressed.length > 0) {
    steps.set('zlib.decompress', () => {
      for (const data of compressed) zlibDecompress(data, DEFAULT_LIMITS.maxDecompressedBytes);
    });
  }
  steps.set('json.loads', () => {
    for (const data of serialized) {
      parsePyJson(latin1Decode(data), DEFAULT_LIMITS.maxDepth, DEFAULT_LIMITS.maxNodes);
    }
  });
  steps.set(JSON_PARSE_FLOOR, () => {
    for (const text of texts) JSON.parse(text);
  });
  const seconds: Record<string, number> = {};
  for (const [name, run] of steps) {
    const start = process.cpuUsage();
    run();
    const used = process.cpuUsage(start);
    seconds[name] = (used.user + used.system) / 1e6;
  }
  return seconds;
}
