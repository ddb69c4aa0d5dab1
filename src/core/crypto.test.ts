import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatBytes, forceBytes, toHex } from './bytes';
import { constantTimeCompare, saltedHmac, saltedHmacSync } from './crypto';
import type { Algorithm, Secret } from './types';

const SUBTLE: Record<Algorithm, string> = {
  sha1: 'SHA-1',
  sha256: 'SHA-256',
  sha384: 'SHA-384',
  sha512: 'SHA-512',
};

/** salted_hmac straight on crypto.subtle, no cache: the reference the fast paths must equal. */
async function subtleSaltedHmac(keySalt: Secret, value: Secret, secret: Secret, algorithm: Algorithm) {
  const hash = SUBTLE[algorithm];
  const material = concatBytes(forceBytes(keySalt), forceBytes(secret));
  const key = await crypto.subtle.digest(hash, material);
  const hmacKey = await crypto.subtle.importKey('raw', new Uint8Array(key), { name: 'HMAC', hash }, false, [
    'sign',
  ]);
  return toHex(new Uint8Array(await crypto.subtle.sign('HMAC', hmacKey, concatBytes(forceBytes(value)))));
}

describe('saltedHmac (utils_tests.test_crypto.test_salted_hmac)', () => {
  it('matches Django’s known answers', async () => {
    expect(toHex(await saltedHmac('salt', 'value', 'django_tests_secret_key', 'sha1'))).toBe(
      'b51a2e619c43b1ca4f91d15c57455521d71d61eb',
    );
    expect(toHex(await saltedHmac('salt', 'value', 'abcdefg', 'sha1'))).toBe(
      '8bbee04ccddfa24772d1423a0ba43bd0c0e24b76',
    );
    expect(toHex(await saltedHmac('salt', 'value', 'django_tests_secret_key', 'sha256'))).toBe(
      'ee0bf789e4e009371a5372c90f73fcf17695a8439c9108b0480f14e347b3f9ec',
    );
  });

  it('treats a str secret as its UTF-8 bytes', async () => {
    const asStr = await saltedHmac('s', 'v', 'é', 'sha512');
    const asBytes = await saltedHmac('s', 'v', new Uint8Array([0xc3, 0xa9]), 'sha512');
    expect(toHex(asStr)).toBe(toHex(asBytes));
    expect(asStr.length).toBe(64);
    expect((await saltedHmac('s', 'v', 'k', 'sha384')).length).toBe(48);
  });
});

describe('saltedHmac equals crypto.subtle, through the key cache', () => {
  // Few distinct salts/secrets so the cache is hit, many runs so it also evicts.
  const secret = fc.oneof(
    fc.constantFrom<Secret>('k', 'é', 'django-insecure-x', new Uint8Array([0xc3, 0xa9])),
    fc.string({ unit: 'binary', maxLength: 90 }),
    fc.uint8Array({ maxLength: 90 }),
  );
  const salt = fc.oneof(
    fc.constantFrom('django.core.signingsigner', ''),
    fc.string({ unit: 'binary', maxLength: 80 }),
  );
  const value = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.uint8Array({ maxLength: 200 }));

  it('for every algorithm, str and bytes, empty and longer than a block', async () => {
    await fc.assert(
      fc.asyncProperty(
        salt,
        value,
        secret,
        fc.constantFrom<Algorithm>('sha1', 'sha256', 'sha384', 'sha512'),
        async (keySalt, v, key, algorithm) => {
          const expected = await subtleSaltedHmac(keySalt, v, key, algorithm);
          expect(toHex(await saltedHmac(keySalt, v, key, algorithm))).toBe(expected);
          // Asked again: the cached key must give the same answer.
          expect(toHex(await saltedHmac(keySalt, v, key, algorithm))).toBe(expected);
        },
      ),
      { numRuns: 400, seed: 20261123 },
    );
  });

  it('keeps apart salt/secret splits whose text concatenates alike but whose bytes differ', async () => {
    // A lone surrogate becomes U+FFFD on its own but half of a pair once joined: a cache keyed by
    // salt + secret as one string would hand the second call the first call's key.
    for (const algorithm of ['sha256', 'sha512'] as const) {
      const split = await saltedHmac('\uD83D', 'v', '\uDE00', algorithm);
      const joined = await saltedHmac('', 'v', '\uD83D\uDE00', algorithm);
      expect(toHex(split)).toBe(await subtleSaltedHmac('\uD83D', 'v', '\uDE00', algorithm));
      expect(toHex(joined)).toBe(await subtleSaltedHmac('', 'v', '\uD83D\uDE00', algorithm));
      expect(toHex(split)).not.toBe(toHex(joined));
    }
  });

  it('saltedHmacSync is saltedHmac without the promise', async () => {
    const sync = saltedHmacSync('salt', 'value', 'django_tests_secret_key', 'sha256');
    expect(toHex(sync)).toBe(toHex(await saltedHmac('salt', 'value', 'django_tests_secret_key', 'sha256')));
  });
});

describe('constantTimeCompare (test_constant_time_compare)', () => {
  it('compares text', () => {
    expect(constantTimeCompare('spam', 'spam')).toBe(true);
    expect(constantTimeCompare('spam', 'eggs')).toBe(false);
    expect(constantTimeCompare('spam', 'spa')).toBe(false);
    expect(constantTimeCompare('', '')).toBe(true);
    expect(constantTimeCompare('', 'a')).toBe(false);
  });
});
