// django/utils/crypto.py salted_hmac and constant_time_compare: sha1/sha256 on the synchronous
// sha.ts (see there why), sha384/sha512 on crypto.subtle.
import { concatBytes, forceBytes, latin1Decode } from './bytes';
import { type HmacKey, hmacKey, hmacSign, shaDigest } from './sha';
import type { Algorithm, Secret } from './types';

const SUBTLE_NAME: Record<Algorithm, string> = {
  sha1: 'SHA-1',
  sha256: 'SHA-256',
  sha384: 'SHA-384',
  sha512: 'SHA-512',
};

export const ALGORITHMS: readonly Algorithm[] = ['sha1', 'sha256', 'sha384', 'sha512'];

export function isAlgorithm(name: string): name is Algorithm {
  return (ALGORITHMS as readonly string[]).includes(name);
}

/**
 * forceBytes with an ASCII fast path. WHY: TextEncoder.encode crosses into C++ on every call and
 * was a quarter of check-keys' profile; salts, keys and signatures are nearly always ASCII.
 */
function bytesOf(value: Secret): Uint8Array {
  if (typeof value !== 'string') return value;
  const out = new Uint8Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c > 0x7f) return forceBytes(value);
    out[i] = c;
  }
  return out;
}

/**
 * Derived HMAC keys, least recently used first out. The panel re-decodes the same cookie with the
 * same keys on every change, and Django tries several salts × algorithms per value, so the
 * `K = H(key_salt ‖ secret)` step and the HMAC key schedule are paid once per (algorithm, salt,
 * secret). The map key holds key_salt ‖ secret, i.e. the SECRET_KEY: it lives only in this
 * module's memory for the page's lifetime, is never persisted or sent anywhere, and is bounded so
 * a long key hunt (check-keys) only cycles through it.
 */
const KEY_CACHE_SIZE = 64;
const keyCache = new Map<string, HmacKey | CryptoKey>();

/**
 * Names (algorithm, key_salt, secret) exactly: the length prefix keeps the salt/secret boundary
 * unambiguous, the tag keeps a str apart from bytes (Latin-1 of the bytes: one char per byte).
 */
function cacheId(algorithm: Algorithm, keySalt: Secret, secret: Secret): string {
  const salt = typeof keySalt === 'string' ? `s${keySalt}` : `b${latin1Decode(keySalt)}`;
  const key = typeof secret === 'string' ? `s${secret}` : `b${latin1Decode(secret)}`;
  return `${algorithm}:${salt.length}:${salt}${key}`;
}

function cached<T extends HmacKey | CryptoKey>(id: string): T | undefined {
  const hit = keyCache.get(id);
  if (hit !== undefined) {
    keyCache.delete(id);
    keyCache.set(id, hit);
  }
  return hit as T | undefined;
}

function remember(id: string, key: HmacKey | CryptoKey): void {
  keyCache.set(id, key);
  if (keyCache.size > KEY_CACHE_SIZE) {
    const oldest = keyCache.keys().next();
    if (!oldest.done) keyCache.delete(oldest.value);
  }
}

/**
 * salted_hmac(key_salt, value, secret, algorithm=…).digest():
 * K = H(key_salt ‖ secret), mac = HMAC_H(K, value) (docs/formats.md §1.2).
 */
export async function saltedHmac(
  keySalt: Secret,
  value: Secret,
  secret: Secret,
  algorithm: Algorithm,
): Promise<Uint8Array> {
  if (algorithm === 'sha1' || algorithm === 'sha256') {
    return saltedHmacSync(keySalt, value, secret, algorithm);
  }
  const hash = SUBTLE_NAME[algorithm];
  const id = cacheId(algorithm, keySalt, secret);
  let hmac = cached<CryptoKey>(id);
  if (hmac === undefined) {
    const material = concatBytes(forceBytes(keySalt), forceBytes(secret));
    const key = new Uint8Array(await crypto.subtle.digest(hash, material));
    hmac = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash }, false, ['sign']);
    remember(id, hmac);
  }
  // A fresh copy: crypto.subtle takes ArrayBuffer-backed views only, and bytes secrets may not be.
  return new Uint8Array(await crypto.subtle.sign('HMAC', hmac, concatBytes(forceBytes(value))));
}

/** saltedHmac for the two algorithms sha.ts computes: no thread pool, no promise. */
export function saltedHmacSync(
  keySalt: Secret,
  value: Secret,
  secret: Secret,
  algorithm: 'sha1' | 'sha256',
): Uint8Array {
  const id = cacheId(algorithm, keySalt, secret);
  let hmac = cached<HmacKey>(id);
  if (hmac === undefined) {
    const material = concatBytes(bytesOf(keySalt), bytesOf(secret));
    hmac = hmacKey(algorithm, shaDigest(algorithm, material));
    remember(id, hmac);
  }
  return hmacSign(hmac, bytesOf(value));
}

/**
 * constant_time_compare(val1, val2): hmac.compare_digest of the UTF-8 bytes. Signatures are
 * compared as TEXT (docs/formats.md §1.6), so callers pass the base64/hex strings.
 */
export function constantTimeCompare(a: string, b: string): boolean {
  const x = bytesOf(a);
  const y = bytesOf(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < x.length; i++) diff |= (x[i] ?? 0) ^ (y[i % Math.max(y.length, 1)] ?? 0);
  return diff === 0;
}
