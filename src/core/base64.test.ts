import { describe, expect, it } from 'vitest';
import { b64Decode, b64Encode, standardB64Decode } from './base64';

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (r: ReturnType<typeof b64Decode>) => (r.ok ? new TextDecoder().decode(r.value) : r.code);

describe('b64Encode / b64Decode (signing.b64_encode / b64_decode)', () => {
  it('is URL-safe and unpadded', () => {
    expect(b64Encode(bytes('"hello"'))).toBe('ImhlbGxvIg');
    expect(b64Encode(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
    expect(text(b64Decode('ImhlbGxvIg'))).toBe('"hello"');
  });

  it('round-trips every length', () => {
    for (let n = 0; n < 40; n++) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff);
      const back = b64Decode(b64Encode(data));
      expect(back.ok && [...back.value]).toEqual([...data]);
    }
  });

  it('discards characters outside the alphabet, as non-validating a2b_base64 does', () => {
    // 'Im!hl' has 5 chars (pad 3) and 4 data chars: Python yields b'"he'.
    expect(text(b64Decode('Im!hl'))).toBe('"he');
    expect(text(b64Decode('ImhlbGxvIg=='))).toBe('"hello"');
    expect(text(b64Decode('ImhlbGxvIg==='))).toBe('"hello"');
    expect(text(b64Decode('Imh!lbGxvIg=='))).toBe('"hello"');
    // Garbage still counts toward the padding: 10 data chars + 1 pad is "Incorrect padding".
    expect(text(b64Decode('Imhl bGxvIg'))).toBe('bad-base64');
  });

  it('accepts the standard +/ alphabet too', () => {
    expect([...(b64Decode('+/8') as { ok: true; value: Uint8Array }).value]).toEqual([0xfb, 0xff]);
  });

  it('rejects a dangling character and bad padding (binascii.Error)', () => {
    const one = b64Decode('ImhlbGxvI');
    expect(one).toMatchObject({ ok: false, code: 'bad-base64' });
    expect(!one.ok && one.message).toContain('cannot be 1 more than a multiple of 4');
    // 'ab!' → pad 1 → 'ab!=' → 2 data chars then a single pad: Incorrect padding.
    expect(b64Decode('ab!')).toEqual({ ok: false, code: 'bad-base64', message: 'Incorrect padding' });
  });
});

describe('standard base64 (legacy session_data)', () => {
  it('ignores whitespace when decoding', () => {
    expect(text(standardB64Decode('YW\nI='))).toBe('ab');
  });

  it('adds no padding: an unpadded odd tail is an error', () => {
    expect(standardB64Decode('YWI')).toMatchObject({ ok: false, code: 'bad-base64' });
  });
});
