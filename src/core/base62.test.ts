import { describe, expect, it } from 'vitest';
import { b62Decode, b62Encode } from './base62';

describe('b62Encode / b62Decode (TestBase62.test_base62)', () => {
  it('round-trips Django’s test values', () => {
    const tests = [-(10 ** 10), 10 ** 10, 1620378259, ...Array.from({ length: 200 }, (_, i) => i - 100)];
    for (const n of tests) expect(b62Decode(b62Encode(n))).toEqual({ ok: true, value: BigInt(n) });
  });

  it('matches known encodings', () => {
    expect(b62Encode(1700000000)).toBe('1r31eq');
    expect(b62Encode(0)).toBe('0');
    expect(b62Encode(-1)).toBe('-1');
    // -G8 is the pre-epoch timestamp of vector timestamp_signer/*/negative_timestamp.
    expect(b62Decode('-G8')).toEqual({ ok: true, value: -1000n });
  });

  it('treats "-" as 0 and rejects empty or foreign digits as malformed', () => {
    expect(b62Decode('-')).toEqual({ ok: true, value: 0n });
    expect(b62Decode('')).toMatchObject({ ok: false, code: 'malformed' });
    expect(b62Decode('1r3!')).toMatchObject({ ok: false, code: 'malformed' });
  });
});
