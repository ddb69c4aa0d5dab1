// A port of Django's tests/signing/tests.py (4.2.28, and the sha1/legacy tests of 3.2.25).
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from './limits';
import { checkMaxAge, dumps, loads, Signer, TimestampSigner } from './signing';
import type { PyValue, Result } from './types';

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.value;
}

const str = (v: string): PyValue => ({ t: 'str', v });
const SECRET = 'django_tests_secret_key';

describe('Signer (signing.tests.TestSigner)', () => {
  it('test_custom_algorithm: sha512 known answer', async () => {
    const signer = must(Signer.create({ key: 'predictable-secret', algorithm: 'sha512' }));
    expect(await signer.sign('hello')).toBe(
      'hello:Usf3uVQOZ9m6uPfVonKR-EBXjPe7bjMbp3_Fq8MfsptgkkM1ojidN0BxYaT5HAEN1VzO9_jVu7R-VkqknHYNvw',
    );
  });

  it('test_signature_with_salt: the salt changes the signature', async () => {
    const plain = must(Signer.create({ key: 'predictable-secret' }));
    const salted = must(Signer.create({ key: 'predictable-secret', salt: 'extra-salt' }));
    expect(await salted.signature('hello')).not.toBe(await plain.signature('hello'));
    expect(salted.salt).toBe('extra-salt');
    expect(plain.salt).toBe('django.core.signing.Signer');
  });

  it('test_legacy_signature (3.2): sha1 known answer', async () => {
    expect(await must(Signer.create({ key: SECRET, algorithm: 'sha1' })).sign('foo')).toBe(
      'foo:l-EMM5FtewpcHMbKFeQodt3X9z8',
    );
  });

  it('test_sign_unsign: values containing the separator', async () => {
    const signer = must(Signer.create({ key: 'predictable-secret' }));
    for (const example of [
      'q;wjmbk;wkmb',
      '3098247529087',
      '3098247:529:087:',
      'jkw osanteuh ,rcuh nthu aou oauh ,ud du',
      '\u2019',
    ]) {
      const signed = await signer.sign(example);
      expect(signed).not.toBe(example);
      expect(must(await signer.unsign(signed)).value).toBe(example);
    }
  });

  it('test_unsign_detects_tampering', async () => {
    const signer = must(Signer.create({ key: 'predictable-secret' }));
    const signed = await signer.sign('This value is unchanged');
    const transforms = [
      (s: string) => s.toUpperCase(),
      (s: string) => `${s}a`,
      (s: string) => `a${s.slice(1)}`,
      (s: string) => s.replace(':', ''),
    ];
    expect(must(await signer.unsign(signed)).value).toBe('This value is unchanged');
    for (const transform of transforms) {
      expect(await signer.unsign(transform(signed))).toMatchObject({ ok: false, code: 'bad-signature' });
    }
  });

  it('test_works_with_non_ascii_keys (bytes key b"\\xe7")', async () => {
    const signer = must(Signer.create({ key: new Uint8Array([0xe7]) }));
    expect(await signer.sign('foo')).toBe('foo:EE4qGC5MEKyQG5msxYA0sBohAxLC0BJf8uRhemh0BGU');
  });

  it('test_valid_sep / test_invalid_sep', async () => {
    for (const sep of ['~', '.', '/', ';', '#', '$', '!']) {
      const signer = must(Signer.create({ key: 'predictable-secret', sep }));
      expect(await signer.sign('foo')).toBe(`foo${sep}jZQoX_FtSO70jX9HLRGg2A_2s4kdDBxz1QoO_OpEQb0`);
    }
    for (const sep of ['', '-', 'abc', '\\', '^', '=']) {
      expect(Signer.create({ key: 'k', sep })).toMatchObject({ ok: false, code: 'unsafe-separator' });
    }
  });

  it('test_verify_with_non_default_key / test_sign_unsign_multiple_keys: fallbacks, in order', async () => {
    const old = must(Signer.create({ key: 'oldsecret' }));
    const signed = await old.sign('abc');
    const current = must(Signer.create({ key: 'secret', fallbackKeys: ['foo', 'oldsecret'] }));
    expect(must(await current.unsign(signed))).toEqual({ value: 'abc', matchedKey: 2 });
    const withoutFallbacks = must(Signer.create({ key: 'secret' }));
    expect(await withoutFallbacks.unsign(signed)).toMatchObject({ ok: false, code: 'bad-signature' });
    // Signing always uses the current key.
    expect(await current.sign('abc')).toBe(await withoutFallbacks.sign('abc'));
  });

  it('compares signature text: a non-canonical base64 of the same digest is rejected', async () => {
    const signer = must(Signer.create({ key: 'k' }));
    const signed = await signer.sign('v');
    const last = signed.at(-1) ?? '';
    // The final char of a 43-char SHA-256 signature carries 2 unused low bits.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sibling = alphabet[alphabet.indexOf(last) ^ 1] ?? '';
    expect(await signer.unsign(signed.slice(0, -1) + sibling)).toMatchObject({
      ok: false,
      code: 'bad-signature',
    });
  });

  it('test_sign_unsign_object', async () => {
    const signer = must(Signer.create({ key: 'predictable-secret' }));
    const obj: PyValue = {
      t: 'dict',
      entries: [[str('a'), { t: 'list', items: [str('x'), { t: 'int', v: '1' }] }]],
    };
    const signed = must(await signer.signObject(obj));
    const back = must(await signer.unsignObject(signed, { limits: DEFAULT_LIMITS }));
    expect(back.data).toEqual(obj);
    expect(back.serializer).toBe('json');
  });
});

describe('TimestampSigner (signing.tests.TestTimestampSigner.test_timestamp_signer)', () => {
  it('accepts max_age 12 and 11 and expires at 10 (signed at 123456789, read at 123456800)', async () => {
    const at = (now: number) => must(TimestampSigner.create({ key: 'predictable-key', now }));
    const value = 'hello';
    const ts = await at(123456789).sign(value);
    expect(ts).not.toBe(await must(Signer.create({ key: 'predictable-key' })).sign(value));
    const later = at(123456800);
    expect(must(await later.unsign(ts)).value).toBe(value);
    expect(must(await later.unsign(ts, { maxAge: 12 })).value).toBe(value);
    expect(must(await later.unsign(ts, { maxAge: 11 })).value).toBe(value); // age == max_age is accepted
    expect(await later.unsign(ts, { maxAge: 10 })).toMatchObject({ ok: false, code: 'signature-expired' });
    expect(must(await later.unsign(ts)).timestamp).toBe(123456789);
  });

  it('checks the signature before the timestamp: a forged timestamp is a BadSignature', async () => {
    const signer = must(TimestampSigner.create({ key: 'k', now: 1000 }));
    const [value, , sig] = (await signer.sign('v')).split(':');
    expect(await signer.unsign(`${value}:0:${sig}`, { maxAge: 1 })).toMatchObject({
      ok: false,
      code: 'bad-signature',
    });
  });

  it('accepts a timestamp in the future (negative age)', async () => {
    const signed = await must(TimestampSigner.create({ key: 'k', now: 2000 })).sign('v');
    expect(
      must(await must(TimestampSigner.create({ key: 'k', now: 1000 })).unsign(signed, { maxAge: 1 })).value,
    ).toBe('v');
  });

  it('truncates the signing time like int(time.time())', async () => {
    expect(must(TimestampSigner.create({ key: 'k', now: 1700000000.75 })).timestamp()).toBe('1r31eq');
  });
});

describe('dumps / loads (test_dumps_loads, test_decode_detects_tampering)', () => {
  const now = 1700000000.75;
  it('reproduces the worked example of docs/formats.md §2.4 in shape and round-trips', async () => {
    const token = must(await dumps(str('hello'), { key: 'KEY', now }));
    expect(token.startsWith('ImhlbGxvIg:1r31eq:')).toBe(true);
    expect(must(await loads(token, { key: 'KEY', now, limits: DEFAULT_LIMITS })).data).toEqual(str('hello'));
  });

  it('test_dumps_loads_legacy_signature (3.2): a sha1 token with the default salt', async () => {
    const token = 'ImEgc3RyaW5nIFx1MjAyMCI:1k1beT:ZfNhN1kdws7KosUleOvuYroPHEc';
    const loaded = must(await loads(token, { key: SECRET, algorithm: 'sha1', now, limits: DEFAULT_LIMITS }));
    expect(loaded.data).toEqual(str('a string \u2020'));
    expect(await loads(token, { key: SECRET, now, limits: DEFAULT_LIMITS })).toMatchObject({
      ok: false,
      code: 'bad-signature',
    });
  });

  it('detects tampering', async () => {
    const value: PyValue = {
      t: 'dict',
      entries: [
        [str('foo'), str('bar')],
        [str('baz'), { t: 'int', v: '1' }],
      ],
    };
    const encoded = must(await dumps(value, { key: 'KEY', now }));
    const bad = [encoded.toUpperCase(), `${encoded}a`, `a${encoded.slice(1)}`, encoded.replace(':', '')];
    for (const b of bad) {
      expect(await loads(b, { key: 'KEY', now, limits: DEFAULT_LIMITS })).toMatchObject({ ok: false });
    }
    expect(await loads(encoded, { key: 'KEY', salt: 'other', now, limits: DEFAULT_LIMITS })).toMatchObject({
      ok: false,
      code: 'bad-signature',
    });
  });

  it('says the signature age in readable seconds, not a float repr', () => {
    // The panel's clock is a float (Date.now() / 1000): 21.591000080108643 read as noise.
    expect(checkMaxAge(100, 1, 121.59100008010864)).toEqual({
      ok: false,
      code: 'signature-expired',
      message: 'Signature age 22 s > max_age 1 s',
    });
    // Just past the limit, whole seconds would read "1 > 1": keep a decimal there.
    expect(checkMaxAge(100, 1, 101.04)).toMatchObject({ message: 'Signature age 1.04 s > max_age 1 s' });
    expect(checkMaxAge(100, 10, 150)).toMatchObject({ message: 'Signature age 50 s > max_age 10 s' });
  });

  it('honours max_age', async () => {
    const token = must(await dumps(str('x'), { key: 'KEY', now: 100 }));
    expect(await loads(token, { key: 'KEY', now: 200, maxAge: 99, limits: DEFAULT_LIMITS })).toMatchObject({
      ok: false,
      code: 'signature-expired',
    });
    expect(
      must(await loads(token, { key: 'KEY', now: 200, maxAge: 100, limits: DEFAULT_LIMITS })).timestamp,
    ).toBe(100);
  });
});
