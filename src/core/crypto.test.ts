import { describe, expect, it } from 'vitest';
import { toHex } from './bytes';
import { constantTimeCompare, saltedHmac } from './crypto';

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

describe('constantTimeCompare (test_constant_time_compare)', () => {
  it('compares text', () => {
    expect(constantTimeCompare('spam', 'spam')).toBe(true);
    expect(constantTimeCompare('spam', 'eggs')).toBe(false);
    expect(constantTimeCompare('spam', 'spa')).toBe(false);
    expect(constantTimeCompare('', '')).toBe(true);
    expect(constantTimeCompare('', 'a')).toBe(false);
  });
});
