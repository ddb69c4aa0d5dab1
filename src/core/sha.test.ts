import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forceBytes, fromHex, toHex } from './bytes';
import { saltedHmacSync } from './crypto';
import { digestWords, SaltedHmacLoop } from './hmac-loop';
import { hmacKey, hmacSign, type ShaAlgorithm, shaDigest } from './sha';

const SUBTLE: Record<ShaAlgorithm, string> = { sha1: 'SHA-1', sha256: 'SHA-256' };
// Fixed so CI is reproducible; fast-check prints the seed of any failure.
const SEED = 20261123;

const hex = (s: string) => fromHex(s.replace(/\s+/g, '')) ?? new Uint8Array();
const hmac = (algorithm: ShaAlgorithm, key: Uint8Array, message: Uint8Array) =>
  toHex(hmacSign(hmacKey(algorithm, key), message));
const copy = (b: Uint8Array) => new Uint8Array(b);

describe('shaDigest: FIPS 180-2 appendix examples', () => {
  const abc = forceBytes('abc');
  const two = forceBytes('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq');
  const million = new Uint8Array(1_000_000).fill(0x61);

  it('SHA-1', () => {
    expect(toHex(shaDigest('sha1', abc))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(toHex(shaDigest('sha1', two))).toBe('84983e441c3bd26ebaae4aa1f95129e5e54670f1');
    expect(toHex(shaDigest('sha1', million))).toBe('34aa973cd4c4daa4f61eeb2bdbad27316534016f');
    expect(toHex(shaDigest('sha1', new Uint8Array()))).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
  });

  it('SHA-256', () => {
    expect(toHex(shaDigest('sha256', abc))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(toHex(shaDigest('sha256', two))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(toHex(shaDigest('sha256', million))).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    );
    expect(toHex(shaDigest('sha256', new Uint8Array()))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });
});

describe('HMAC known answers', () => {
  const what = forceBytes('what do ya want for nothing?');
  const long = forceBytes('Test Using Larger Than Block-Size Key - Hash Key First');
  const sha1Long2 = forceBytes('Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data');

  it('HMAC-SHA1, RFC 2202 §3 test cases 1-7 (case 5 truncation aside)', () => {
    expect(hmac('sha1', new Uint8Array(20).fill(0x0b), forceBytes('Hi There'))).toBe(
      'b617318655057264e28bc0b6fb378c8ef146be00',
    );
    expect(hmac('sha1', forceBytes('Jefe'), what)).toBe('effcdf6ae5eb2fa2d27416d5f184df9c259a7c79');
    expect(hmac('sha1', new Uint8Array(20).fill(0xaa), new Uint8Array(50).fill(0xdd))).toBe(
      '125d7342b9ac11cd91a39af48aa17b4f63f175d3',
    );
    expect(
      hmac('sha1', hex('0102030405060708090a0b0c0d0e0f10111213141516171819'), new Uint8Array(50).fill(0xcd)),
    ).toBe('4c9007f4026250c6bc8414f9bf50c86c2d7235da');
    expect(hmac('sha1', new Uint8Array(20).fill(0x0c), forceBytes('Test With Truncation'))).toBe(
      '4c1a03424b55e07fe7f27be1d58bb9324a9a5a04',
    );
    expect(hmac('sha1', new Uint8Array(80).fill(0xaa), long)).toBe(
      'aa4ae5e15272d00e95705637ce8a3b55ed402112',
    );
    expect(hmac('sha1', new Uint8Array(80).fill(0xaa), sha1Long2)).toBe(
      'e8e99d0f45237d786d6bbaa7965c7808bbff1a91',
    );
  });

  it('HMAC-SHA256, RFC 4231 §4 test cases 1-7', () => {
    expect(hmac('sha256', new Uint8Array(20).fill(0x0b), forceBytes('Hi There'))).toBe(
      'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
    );
    expect(hmac('sha256', forceBytes('Jefe'), what)).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
    expect(hmac('sha256', new Uint8Array(20).fill(0xaa), new Uint8Array(50).fill(0xdd))).toBe(
      '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe',
    );
    expect(
      hmac(
        'sha256',
        hex('0102030405060708090a0b0c0d0e0f10111213141516171819'),
        new Uint8Array(50).fill(0xcd),
      ),
    ).toBe('82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b');
    // Case 5 is specified truncated to 128 bits.
    expect(
      hmac('sha256', new Uint8Array(20).fill(0x0c), forceBytes('Test With Truncation')).slice(0, 32),
    ).toBe('a3b6167473100ee06e0c796c2955552b');
    expect(hmac('sha256', new Uint8Array(131).fill(0xaa), long)).toBe(
      '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
    );
    const case7 = forceBytes(
      'This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.',
    );
    expect(hmac('sha256', new Uint8Array(131).fill(0xaa), case7)).toBe(
      '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
    );
  });
});

describe('equal to crypto.subtle', () => {
  // Lengths straddle the padding edges (55/56/64 bytes) and go past one block, for keys too.
  const bytes = fc.uint8Array({ minLength: 0, maxLength: 300 });
  const text = fc.string({ unit: 'binary', maxLength: 150 }).map(forceBytes); // non-ASCII, astral
  const input = fc.oneof(
    bytes,
    text,
    fc.integer({ min: 0, max: 130 }).map((n) => new Uint8Array(n).fill(n)),
  );
  const algorithm = fc.constantFrom<ShaAlgorithm>('sha1', 'sha256');

  it('digest', async () => {
    await fc.assert(
      fc.asyncProperty(algorithm, input, async (alg, data) => {
        const expected = toHex(new Uint8Array(await crypto.subtle.digest(SUBTLE[alg], copy(data))));
        expect(toHex(shaDigest(alg, data))).toBe(expected);
      }),
      { numRuns: 300, seed: SEED },
    );
  });

  it('HMAC', async () => {
    await fc.assert(
      fc.asyncProperty(algorithm, input, input, async (alg, key, message) => {
        // importKey refuses an empty HMAC key; RFC 2104 pads it like any short key.
        const subtleKey = key.length === 0 ? new Uint8Array(1) : key;
        const imported = await crypto.subtle.importKey(
          'raw',
          copy(subtleKey),
          { name: 'HMAC', hash: SUBTLE[alg] },
          false,
          ['sign'],
        );
        const expected = toHex(new Uint8Array(await crypto.subtle.sign('HMAC', imported, copy(message))));
        expect(hmac(alg, subtleKey, message)).toBe(expected);
      }),
      { numRuns: 300, seed: SEED },
    );
  });

  it('an empty HMAC key is the all-zero block, as one zero byte is', () => {
    const message = forceBytes('m');
    expect(hmac('sha256', new Uint8Array(), message)).toBe(hmac('sha256', new Uint8Array(1), message));
    expect(hmac('sha1', new Uint8Array(), message)).toBe(hmac('sha1', new Uint8Array(64), message));
  });
});

describe('SaltedHmacLoop (the key hunt loop) against saltedHmacSync', () => {
  it('matches exactly the secret whose salted HMAC is the expected digest, for any lengths', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('sha1' as const, 'sha256' as const),
        fc.uint8Array({ maxLength: 150 }),
        fc.uint8Array({ maxLength: 300 }),
        fc.oneof(fc.string({ maxLength: 300 }), fc.uint8Array({ maxLength: 300 })),
        (algorithm, salt, message, secret) => {
          const want = saltedHmacSync(salt, message, secret, algorithm);
          const loop = new SaltedHmacLoop(algorithm, salt, message, digestWords(want));
          expect(loop.matches(secret)).toBe(true);
          // Reused for another secret, then the first again: no state leaks between candidates.
          expect(loop.matches(typeof secret === 'string' ? `${secret}x` : 'other')).toBe(false);
          expect(loop.matches(secret)).toBe(true);
        },
      ),
      { numRuns: 300, seed: SEED },
    );
  });
});
