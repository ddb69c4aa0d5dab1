// django/utils/crypto.py salted_hmac and constant_time_compare, on crypto.subtle.
import { concatBytes, forceBytes } from './bytes';
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
 * salted_hmac(key_salt, value, secret, algorithm=…).digest():
 * K = H(key_salt ‖ secret), mac = HMAC_H(K, value) (django-formats.md §1.2).
 */
export async function saltedHmac(
  keySalt: Secret,
  value: Secret,
  secret: Secret,
  algorithm: Algorithm,
): Promise<Uint8Array> {
  const hash = SUBTLE_NAME[algorithm];
  const key = new Uint8Array(
    await crypto.subtle.digest(hash, concatBytes(forceBytes(keySalt), forceBytes(secret))),
  );
  const hmacKey = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash }, false, ['sign']);
  // A fresh copy: crypto.subtle takes ArrayBuffer-backed views only, and bytes secrets may not be.
  return new Uint8Array(await crypto.subtle.sign('HMAC', hmacKey, concatBytes(forceBytes(value))));
}

/**
 * constant_time_compare(val1, val2): hmac.compare_digest of the UTF-8 bytes. Signatures are
 * compared as TEXT (django-formats.md §1.6), so callers pass the base64/hex strings.
 */
export function constantTimeCompare(a: string, b: string): boolean {
  const x = forceBytes(a);
  const y = forceBytes(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < x.length; i++) diff |= (x[i] ?? 0) ^ (y[i % Math.max(y.length, 1)] ?? 0);
  return diff === 0;
}
