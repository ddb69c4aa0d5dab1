// biome-ignore-all lint/style/noNonNullAssertion: typed-array reads inside loops bounded by the array's own length (or a fixed block size); a guard per element would cost the hot path and could never fire.
// django/core/signing.py b64_encode/b64_decode and the standard base64 of the pre-3.1 session
// format, reproducing CPython 3.11's non-validating binascii.a2b_base64 (docs/formats.md §1.4).
import { forceBytes } from './bytes';
import type { Result } from './types';

const STD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URLSAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** table_a2b_base64 of Modules/binascii.c: 64 = not in the alphabet (silently discarded). */
const A2B = new Uint8Array(256).fill(64);
for (let i = 0; i < 64; i++) A2B[STD.charCodeAt(i)] = i;

/** urlsafe_b64encode(s).strip(b"="): the only base64 Django's signing writes. */
function encodeUnpadded(data: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < data.length; i += 3) {
    const n = ((data[i] ?? 0) << 16) | ((data[i + 1] ?? 0) << 8) | (data[i + 2] ?? 0);
    out +=
      URLSAFE.charAt(n >>> 18) +
      URLSAFE.charAt((n >>> 12) & 63) +
      URLSAFE.charAt((n >>> 6) & 63) +
      URLSAFE.charAt(n & 63);
  }
  const rest = data.length - i;
  if (rest > 0) {
    const n = ((data[i] ?? 0) << 16) | (rest === 2 ? (data[i + 1] ?? 0) << 8 : 0);
    out += URLSAFE.charAt(n >>> 18) + URLSAFE.charAt((n >>> 12) & 63);
    if (rest === 2) out += URLSAFE.charAt((n >>> 6) & 63);
  }
  return out;
}

/**
 * binascii.a2b_base64(data, strict_mode=False) as in CPython 3.11: characters outside the
 * alphabet are skipped, a pad ends the input once a quad has ≥2 data characters and enough pads,
 * and a dangling quad is an error ("cannot be 1 more than a multiple of 4" / "Incorrect padding").
 */
function a2bBase64(data: Uint8Array): Result<Uint8Array> {
  const out = new Uint8Array(Math.floor((data.length * 3) / 4) + 3);
  let n = 0;
  let quadPos = 0;
  let leftChar = 0;
  let pads = 0;
  for (const byte of data) {
    if (byte === 0x3d) {
      pads++;
      if (quadPos >= 2 && quadPos + pads >= 4) return { ok: true, value: out.slice(0, n) };
      continue;
    }
    const v = A2B[byte] ?? 64;
    if (v >= 64) continue;
    pads = 0;
    switch (quadPos) {
      case 0:
        quadPos = 1;
        leftChar = v;
        break;
      case 1:
        quadPos = 2;
        out[n++] = (leftChar << 2) | (v >> 4);
        leftChar = v & 0x0f;
        break;
      case 2:
        quadPos = 3;
        out[n++] = ((leftChar << 4) | (v >> 2)) & 0xff;
        leftChar = v & 0x03;
        break;
      default:
        quadPos = 0;
        out[n++] = ((leftChar << 6) | v) & 0xff;
        leftChar = 0;
    }
  }
  if (quadPos === 1) {
    const count = Math.floor(n / 3) * 4 + 1;
    return {
      ok: false,
      code: 'bad-base64',
      message: `Invalid base64-encoded string: number of data characters (${count}) cannot be 1 more than a multiple of 4`,
    };
  }
  if (quadPos !== 0) return { ok: false, code: 'bad-base64', message: 'Incorrect padding' };
  return { ok: true, value: out.slice(0, n) };
}

/** The urlsafe alphabet's values by char code, -1 elsewhere. */
const URLSAFE_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) URLSAFE_VALUE[URLSAFE.charCodeAt(i)] = i;

/**
 * b64_decode of text made only of urlsafe alphabet characters, the shape b64_encode writes: then
 * a2b_base64 skips nothing and meets no pad before the end, so the quads decode straight and a
 * 2- or 3-character tail gives its 1 or 2 bytes. Anything else (padding, `+/`, garbage, a tail of
 * 1) returns null and takes the exact path. WHY: the exact path's per-byte state machine over a
 * UTF-8 copy was the largest cost of a 4 KB value after inflating and parsing.
 */
function decodeUrlsafeClean(s: string): Uint8Array | null {
  const n = s.length;
  if (n % 4 === 1) return null;
  const out = new Uint8Array((n * 3) >> 2);
  const table = URLSAFE_VALUE;
  let o = 0;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const c0 = s.charCodeAt(i);
    const c1 = s.charCodeAt(i + 1);
    const c2 = s.charCodeAt(i + 2);
    const c3 = s.charCodeAt(i + 3);
    if ((c0 | c1 | c2 | c3) > 127) return null;
    const a = table[c0]!;
    const b = table[c1]!;
    const c = table[c2]!;
    const d = table[c3]!;
    if ((a | b | c | d) < 0) return null;
    const v = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = v >> 16;
    out[o++] = (v >> 8) & 0xff;
    out[o++] = v & 0xff;
  }
  if (i < n) {
    const c0 = s.charCodeAt(i);
    const c1 = s.charCodeAt(i + 1);
    const c2 = i + 2 < n ? s.charCodeAt(i + 2) : 0x41; // 'A': a 2-character tail's missing third
    if ((c0 | c1 | c2) > 127) return null;
    const a = table[c0]!;
    const b = table[c1]!;
    const c = table[c2]!;
    if ((a | b | c) < 0) return null;
    out[o++] = (a << 2) | (b >> 4);
    if (i + 2 < n) out[o++] = ((b << 4) | (c >> 2)) & 0xff;
  }
  return out;
}

/** signing.b64_encode: urlsafe_b64encode(s).strip(b"="). */
export function b64Encode(data: Uint8Array): string {
  return encodeUnpadded(data);
}

/**
 * signing.b64_decode: `urlsafe_b64decode(s + b"=" * (-len(s) % 4))`. The pad count uses the raw
 * (UTF-8) length, garbage included; urlsafe_b64decode only maps `-_` to `+/`, so `+` and `/`
 * in the input are accepted too.
 */
export function b64Decode(s: string): Result<Uint8Array> {
  const fast = decodeUrlsafeClean(s);
  if (fast !== null) return { ok: true, value: fast };
  const raw = forceBytes(s);
  const padded = new Uint8Array(raw.length + ((4 - (raw.length % 4)) % 4)).fill(0x3d);
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] ?? 0;
    padded[i] = c === 0x2d ? 0x2b : c === 0x5f ? 0x2f : c;
  }
  return a2bBase64(padded);
}

/** base64.b64decode(s) (validate=False): no padding added, `-_` and whitespace discarded. */
export function standardB64Decode(s: string): Result<Uint8Array> {
  return a2bBase64(forceBytes(s));
}
