// signing.b62_encode / b62_decode (signing.py@4.2.28:66-89; django.utils.baseconv.base62 in ≤3.2).
import type { Result } from './types';

export const BASE62_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function b62Encode(n: number | bigint): string {
  let value = BigInt(n);
  if (value === 0n) return '0';
  const sign = value < 0n ? '-' : '';
  if (value < 0n) value = -value;
  let out = '';
  while (value > 0n) {
    out = BASE62_ALPHABET[Number(value % 62n)] + out;
    value /= 62n;
  }
  return sign + out;
}

/**
 * Exact integer value of a base62 timestamp. Django raises IndexError on "" and ValueError on a
 * character outside the alphabet: neither is a BadSignature, so both are `malformed` here.
 * "-" alone decodes to 0, as in Django.
 */
export function b62Decode(s: string): Result<bigint> {
  if (s === '') return { ok: false, code: 'malformed', message: 'empty base62 timestamp' };
  const negative = s.startsWith('-');
  let decoded = 0n;
  for (const digit of negative ? s.slice(1) : s) {
    const index = BASE62_ALPHABET.indexOf(digit);
    if (index < 0)
      return { ok: false, code: 'malformed', message: `invalid base62 digit ${JSON.stringify(digit)}` };
    decoded = decoded * 62n + BigInt(index);
  }
  return { ok: true, value: negative ? -decoded : decoded };
}
