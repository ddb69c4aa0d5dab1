// decode() over values real Django wrote (test/generators/fixture_django_values.py) and Django's own
// legacy known answers (sessions_tests test_decode_legacy, messages_tests test_legacy_hash_decode).
import { describe, expect, it, vi } from 'vitest';
import { NOW, SECRET_KEY, VALUES } from '../../test/fixtures/django-values';
import { decode } from './decode';
import { detectKind } from './kinds';
import { DEFAULT_LIMITS } from './limits';
import * as payloadModule from './payload';
import { dumps, TimestampSigner } from './signing';
import type { DecodeOptions } from './types';

const KEY = SECRET_KEY;
const now = NOW;
const v = VALUES;
const opts = (o: Partial<DecodeOptions> = {}): DecodeOptions => ({ now, keys: [KEY], ...o });
const str = (s: string) => ({ t: 'str', v: s });

describe('session-cookie', () => {
  it('verifies and inflates a signed_cookies session', async () => {
    const r = await decode(v.session_cookie, opts({ kind: 'session-cookie' }));
    expect(r).toMatchObject({
      kind: 'session-cookie',
      format: 'signed-object',
      verified: true,
      code: null,
      matchedKey: 0,
      algorithm: 'sha256',
      timestamp: 1700000000,
      compressed: true,
      serializer: 'json',
      salt: 'django.contrib.sessions.backends.signed_cookies',
    });
    expect(r.data).toMatchObject({
      t: 'dict',
      entries: [[str('_auth_user_id'), str('42')], expect.anything()],
    });
  });

  it('decodes without keys (verified null) and reports a wrong key as bad-signature with the data', async () => {
    expect(await decode(v.session_cookie, { now, cookieName: 'sessionid' })).toMatchObject({
      kind: 'session-cookie',
      verified: null,
      code: null,
    });
    // Without its cookie name or a key nothing tells a signed_cookies session from a stored
    // session_data (both are signing.dumps of the session dict): a guess, the other one click away.
    expect(await decode(v.session_cookie, { now })).toMatchObject({
      guessed: true,
      alternatives: expect.arrayContaining(['session-cookie']),
    });
    const wrong = await decode(v.session_cookie, opts({ keys: ['nope'] }));
    expect(wrong).toMatchObject({ verified: false, code: 'bad-signature', matchedKey: null });
    expect(wrong.data).not.toBeNull();
  });

  it('reports the fallback key that matched', async () => {
    const r = await decode(v.session_cookie, opts({ keys: ['new', KEY] }));
    expect(r).toMatchObject({ verified: true, matchedKey: 1 });
    expect(r.warnings.map((w) => w.code)).toContain('fallback-key');
  });

  it('applies max_age only when given, strictly greater expires', async () => {
    const age = now - 1700000000;
    expect(await decode(v.session_cookie, opts({ maxAge: age }))).toMatchObject({ code: null });
    expect(await decode(v.session_cookie, opts({ maxAge: age - 0.5 }))).toMatchObject({
      verified: true,
      code: 'signature-expired',
    });
  });
});

describe('session-data', () => {
  it('test_decode_legacy (3.2 KAT)', async () => {
    const r = await decode(
      'OWUzNTNmNWQxNTBjOWExZmM4MmQ3NzNhMDRmMjU4NmYwNDUyNGI2NDp7ImEgdGVzdCBrZXkiOiJhIHRlc3QgdmFsdWUifQ==',
      opts({ kind: 'session-data' }),
    );
    expect(r).toMatchObject({ format: 'legacy-session-data', verified: true, algorithm: 'sha1', code: null });
    expect(r.data).toEqual({ t: 'dict', entries: [[str('a test key'), str('a test value')]] });
  });

  it('a pre-3.1 value with a non-ASCII character is corrupted, as 3.2 encodes it as ASCII first', async () => {
    const kat =
      'OWUzNTNmNWQxNTBjOWExZmM4MmQ3NzNhMDRmMjU4NmYwNDUyNGI2NDp7ImEgdGVzdCBrZXkiOiJhIHRlc3QgdmFsdWUifQ==';
    // b64decode alone would skip the é and verify the hash: _legacy_decode never gets that far.
    const hostile = `${kat.slice(0, 10)}é${kat.slice(10)}`;
    const r = await decode(hostile, opts({ kind: 'session-data' }));
    expect(r).toMatchObject({
      format: 'legacy-session-data',
      verified: false,
      code: 'bad-signature',
      data: null,
    });
    expect(r.message).toContain('U+00E9 at 10');
    expect(await decode(hostile, { now, kind: 'session-data' })).toMatchObject({
      verified: null,
      code: 'malformed',
    });
  });

  it('legacy format keys on __name__, the new one on __qualname__', async () => {
    const legacy = await decode(
      v.session_data_legacy_nested,
      opts({ kind: 'session-data', sessionClass: 'Outer.InnerStore' }),
    );
    expect(legacy).toMatchObject({ verified: true, salt: 'django.contrib.sessionsInnerStore' });
    const current = await decode(
      v.session_data_nested,
      opts({ kind: 'session-data', sessionClass: 'Outer.InnerStore' }),
    );
    expect(current).toMatchObject({
      verified: true,
      salt: 'django.contrib.sessions.Outer.InnerStore',
      format: 'signed-object',
    });
    const plain = await decode(v.session_data_legacy, opts({ kind: 'session-data' }));
    expect(plain).toMatchObject({ verified: true, salt: 'django.contrib.sessionsSessionStore' });
  });

  it('takes a module path as the default class but never as part of the salt', async () => {
    const r = await decode(
      v.session_data_legacy,
      opts({ kind: 'session-data', sessionClass: 'django.contrib.sessions.backends.db.SessionStore' }),
    );
    expect(r).toMatchObject({ verified: true });
  });
});

describe('messages', () => {
  it('reads the 3.2+ signed object with the cookie key prefix, and the not-finished sentinel', async () => {
    const r = await decode(v.messages, opts({ cookieName: 'messages' }));
    expect(r).toMatchObject({
      kind: 'messages',
      format: 'signed-object',
      verified: true,
      compressed: true,
      messagesNotFinished: true,
    });
    expect(r.messages).toEqual([
      { level: 20, message: 'hello', extraTags: null, safe: false },
      { level: 40, message: '<b>x</b>', extraTags: 'tag', safe: true },
    ]);
  });

  it('reads the ≤3.0 hash$json format (test_legacy_hash_decode)', async () => {
    const r = await decode(v.messages_legacy, opts());
    expect(r).toMatchObject({
      kind: 'messages',
      format: 'messages-legacy-hash',
      verified: true,
      algorithm: 'sha1',
    });
    expect(r.messages).toHaveLength(2);
    const tampered = await decode(v.messages_legacy.replace('hello', 'hellO'), opts());
    expect(tampered).toMatchObject({ verified: false, code: 'bad-signature' });
  });
});

describe('signed-cookie', () => {
  it('tries the v2 salt, then the legacy one, and says which matched', async () => {
    const v2 = await decode(
      v.signed_cookie_v2,
      opts({ kind: 'signed-cookie', cookieName: 'name', salt: 'pepper' }),
    );
    expect(v2).toMatchObject({
      format: 'signed-cookie-v2',
      verified: true,
      text: 'v:1',
      timestamp: 1700000000,
    });
    const legacy = await decode(
      v.signed_cookie_legacy,
      opts({ kind: 'signed-cookie', cookieName: 'name', salt: 'pepper' }),
    );
    expect(legacy).toMatchObject({ format: 'signed-cookie-legacy', verified: true, text: 'v:1' });
    // The CVE-2026-6873 collision: ('name','pepper') and ('namep','epper') share the legacy salt only.
    const collided = await decode(
      v.signed_cookie_legacy,
      opts({ kind: 'signed-cookie', cookieName: 'namep', salt: 'epper' }),
    );
    expect(collided).toMatchObject({ format: 'signed-cookie-legacy', verified: true });
    expect(
      await decode(v.signed_cookie_v2, opts({ kind: 'signed-cookie', cookieName: 'namep', salt: 'epper' })),
    ).toMatchObject({
      verified: false,
      code: 'bad-signature',
    });
  });
});

describe('signing', () => {
  it('tells Signer strings from TimestampSigner strings by the default salt that verifies', async () => {
    expect(await decode('foo:l-EMM5FtewpcHMbKFeQodt3X9z8', opts({ kind: 'signing' }))).toMatchObject({
      format: 'signed',
      text: 'foo',
      verified: true,
      algorithm: 'sha1',
      salt: 'django.core.signing.Signer',
    });
    const legacyDumps = await decode(
      'ImEgc3RyaW5nIFx1MjAyMCI:1k1beT:ZfNhN1kdws7KosUleOvuYroPHEc',
      opts({ kind: 'signing' }),
    );
    expect(legacyDumps).toMatchObject({
      format: 'signed-object',
      verified: true,
      algorithm: 'sha1',
      data: str('a string \u2020'),
    });
    expect(legacyDumps.warnings.map((w) => w.code)).toContain('legacy-algorithm');
  });
});

describe('pickles read as pickle.loads reads them', () => {
  const SALT = 'django.contrib.sessions.backends.signed_cookies';
  const signed = async (payload: string) => {
    const signer = TimestampSigner.create({ key: KEY, now, salt: SALT });
    if (!signer.ok) throw new Error(signer.message);
    return signer.value.signSerialized(Uint8Array.from(payload, (c) => c.charCodeAt(0)));
  };

  it.each([
    ['a trailing newline', "cos\nsystem\n(S'id'\ntR.\n"],
    ['trailing garbage', "cos\nsystem\n(S'id'\ntR.{}"],
  ])('a protocol 0 exploit with %s is still flagged', async (_what, payload) => {
    const r = await decode(await signed(payload), opts({ kind: 'session-cookie' }));
    expect(r).toMatchObject({ verified: true, code: 'unsafe-pickle', serializer: 'pickle' });
    expect(r.pickle).toEqual({ unsafe: true, references: ['os.system'] });
  });

  it('reports the pickle error of a stream that is a pickle, the JSON error of one that is not', async () => {
    const bomb = await decode(
      await signed(`(dp0\nS'n'\nI${'7'.repeat(5000)}\ns.`),
      opts({ kind: 'session-cookie' }),
    );
    expect(bomb).toMatchObject({ code: 'bad-pickle', serializer: 'pickle' });
    expect(await decode(await signed('{"a": 1'), opts({ kind: 'session-cookie' }))).toMatchObject({
      code: 'bad-json',
      serializer: 'json',
    });
    expect(await decode(await signed('not json.'), opts({ kind: 'session-cookie' }))).toMatchObject({
      code: 'bad-json',
    });
  });
});

describe('a key that verifies the value as another kind (issue 10)', () => {
  it('names the kind (and salt) a key verifies it as when the chosen kind fails', async () => {
    const r = await decode(v.session_cookie, opts({ kind: 'signing' }));
    expect(r.code).toBe('bad-signature');
    expect(r.warnings.find((w) => w.code === 'other-kind')?.message).toBe(
      'A key given verifies it as a session cookie (signed_cookies) (salt "django.contrib.sessions.backends.signed_cookies"), not as a signing.dumps / Signer: read it as that kind.',
    );
  });

  it('says nothing of another kind when no key signed it as any kind', async () => {
    const r = await decode(v.session_cookie, opts({ kind: 'signing', keys: ['not-the-key'] }));
    expect(r.code).toBe('bad-signature');
    expect(r.warnings.some((w) => w.code === 'other-kind')).toBe(false);
  });

  it('says nothing of another kind when the chosen kind verifies, or with auto', async () => {
    for (const kind of ['session-cookie', 'auto'] as const) {
      const r = await decode(v.session_cookie, opts({ kind }));
      expect(r.verified).toBe(true);
      expect(r.warnings.some((w) => w.code === 'other-kind')).toBe(false);
    }
  });
});

describe('decode() guards', () => {
  it('checks the input size first', async () => {
    const r = await decode('a'.repeat(70_000), opts());
    expect(r).toMatchObject({ code: 'too-large', verified: null });
    expect(await decode('abc:def', opts({ limits: { maxInputBytes: 3 } }))).toMatchObject({
      code: 'too-large',
    });
  });

  it('refuses a long string by its length, before encoding it', async () => {
    const huge = 'é'.repeat(64 * 1024 * 1024);
    const start = performance.now();
    const r = await decode(huge, opts());
    expect(performance.now() - start).toBeLessThan(50);
    expect(r).toMatchObject({
      code: 'too-large',
      message: `input is at least ${huge.length} bytes, over the 65536-byte limit`,
    });
    // Short enough in UTF-16 units, too long once UTF-8 encoded: the exact size is said.
    expect(await decode('é'.repeat(40_000), opts())).toMatchObject({
      code: 'too-large',
      message: 'input is 80000 bytes, over the 65536-byte limit',
    });
  });

  it('reports a value without separator as malformed', async () => {
    expect(await decode('nothing-here', opts({ kind: 'session-cookie' }))).toMatchObject({
      code: 'malformed',
      verified: false,
    });
    expect(await decode('', opts())).toMatchObject({ code: 'malformed' });
  });

  it('never throws on a non-string key set or odd options', async () => {
    const r = await decode(v.session_cookie, { now, keys: [new Uint8Array([0xe7])], algorithm: 'sha512' });
    expect(r).toMatchObject({ verified: false, code: 'bad-signature' });
  });
});

describe('detectKind', () => {
  it.each([
    [v.session_cookie, 'sessionid', 'session-cookie'],
    [v.messages, 'messages', 'messages'],
    [v.messages_legacy, undefined, 'messages'],
    [v.signed_cookie_v2, 'name', 'signed-cookie'],
    ['abcdefghijklmnopqrstuvwxyz012345', 'sessionid', 'session-key'],
    ['ABCDEFGHIJKLMNOPQRSTUVWXYZ012345', 'csrftoken', 'csrf-token'],
    [v.session_data_legacy, undefined, 'session-data'],
  ])('%s (%s) → %s', async (value, name, kind) => {
    const ctx = { keys: [], algorithm: undefined, maxAge: null, now, limits: DEFAULT_LIMITS };
    expect((await detectKind(value, { now, ...(name ? { cookieName: name } : {}) }, ctx)).kind).toBe(kind);
  });

  it('auto reads a payload once, however many kinds it tries with a key that does not verify', async () => {
    const load = vi.spyOn(payloadModule, 'loadObjectPayload');
    try {
      const r = await decode(v.session_cookie, { now, keys: ['not-the-key'], cookieName: 'sessionid' });
      expect(r).toMatchObject({ kind: 'session-cookie', verified: false, code: 'bad-signature' });
      expect(r.data).not.toBeNull();
      // Five kinds tried, one inflate and parse (detection skips compressed payloads).
      expect(load).toHaveBeenCalledTimes(1);
    } finally {
      load.mockRestore();
    }
  });

  it('auto finds session_data by trying the kinds that share the shape when keys are given', async () => {
    const r = await decode(v.session_data_nested, opts({ sessionClass: 'Outer.InnerStore' }));
    expect(r).toMatchObject({ kind: 'session-data', verified: true });
  });

  it('reports opaque cookies without decoding them', async () => {
    expect(await decode('abcdefghijklmnopqrstuvwxyz012345', opts({ cookieName: 'sessionid' }))).toMatchObject(
      {
        format: 'session-key',
        verified: null,
        data: null,
      },
    );
    expect(await decode('A'.repeat(32), opts({ cookieName: 'csrftoken' }))).toMatchObject({
      format: 'csrf-token',
    });
  });
});

describe('weak keys', () => {
  // Long and varied enough for Django's security.W009 check, and on no public list.
  const strong = 'p8#Qz!v2Lr@x7Ke$Wm4Ny^Tb6Hc*Jd9Fg(Ss1Aa)Uu3Ii-Oo5Ee+Yy0Rr=Tt8';
  const insecure = 'django-insecure-0123456789abcdefghijklmnopqrstuvwxyz0123456789abcd';
  const signedWith = (key: string) => dumps({ t: 'str', v: 'x' }, { key, now });

  it('flags the key that verifies, naming it', async () => {
    const token = await signedWith(insecure);
    if (!token.ok) throw new Error('dumps failed');
    const main = await decode(token.value, opts({ kind: 'signing', keys: [insecure] }));
    expect(main.warnings).toContainEqual({
      code: 'weak-key',
      message: expect.stringMatching(/^The verifying SECRET_KEY is weak/),
      reason: 'insecure-prefix',
      keyIndex: 0,
      detail: expect.stringContaining('django-insecure- prefix'),
    });
    const fallback = await decode(token.value, opts({ kind: 'signing', keys: [strong, insecure] }));
    expect(fallback.warnings.find((w) => w.code === 'weak-key')).toMatchObject({
      message: expect.stringMatching(/SECRET_KEY_FALLBACKS\[0\]/),
      keyIndex: 1,
    });
  });

  it('says nothing of a weak key that did not sign the value', async () => {
    const token = await signedWith(strong);
    if (!token.ok) throw new Error('dumps failed');
    const report = await decode(token.value, opts({ kind: 'signing', keys: [strong, insecure] }));
    expect(report.verified).toBe(true);
    expect(report.warnings.some((w) => w.code === 'weak-key')).toBe(false);
  });
});

describe('signing time ahead of the clock', () => {
  const signedAt = (t: number) => dumps({ t: 'str', v: 'x' }, { key: KEY, now: t });
  const future = (r: { warnings: { code: string; message: string }[] }) =>
    r.warnings.find((w) => w.code === 'future-timestamp');

  it('is not worth a warning within a minute (int(time.time()) truncation, clock drift)', async () => {
    const token = await signedAt(now + 59.9);
    if (!token.ok) throw new Error('dumps failed');
    expect(future(await decode(token.value, opts({ kind: 'signing' })))).toBeUndefined();
  });

  it('is flagged in whole seconds beyond that, and Django still accepts it', async () => {
    const token = await signedAt(now + 3600.5);
    if (!token.ok) throw new Error('dumps failed');
    const report = await decode(token.value, opts({ kind: 'signing', maxAge: 10 }));
    expect(report).toMatchObject({ verified: true, code: null });
    expect(future(report)?.message).toMatch(/^Signed 3600 s in the future/);
  });
});
