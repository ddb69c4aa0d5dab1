// The writers against what real Django wrote (test/generators/fixture_django_values.py, at the
// fixture's `now`) and against the core's own readers: decode(sign(x)) verifies and gives x back.
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decode } from '../../src/core/decode';
import { parsePyJson } from '../../src/core/pyjson';
import { signDumps, signMessages, signSessionCookie, signSignedCookie } from '../../src/core/sign';
import type { PyValue } from '../../src/core/types';
import { NOW, SECRET_KEY, VALUES } from '../fixtures/django-values';

const KEY = SECRET_KEY;
const now = NOW;
const compress = (data: Uint8Array) => new Uint8Array(deflateSync(data));

function py(json: string): PyValue {
  const parsed = parsePyJson(json, 100);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

describe('byte for byte what Django wrote', () => {
  it('set_signed_cookie, the v2 salt and the legacy one', async () => {
    const options = { key: KEY, now, name: 'name', salt: 'pepper' };
    expect(await signSignedCookie('v:1', options)).toEqual({
      ok: true,
      value: VALUES.signed_cookie_v2,
    });
    expect(await signSignedCookie('v:1', { ...options, legacySalt: true })).toEqual({
      ok: true,
      value: VALUES.signed_cookie_legacy,
    });
  });
});

describe('decode() reads back what sign wrote', () => {
  it.each([
    ['signing', () => signDumps(py('{"visit":11,"big":18446744073709551616}'), { key: KEY, now })],
    [
      'signing',
      () => signDumps(py(`{"cart":${JSON.stringify(Array(50).fill('apple'))}}`), { key: KEY, now, compress }),
    ],
    ['session-cookie', () => signSessionCookie(py('{"_auth_user_id":"42"}'), { key: KEY, now, compress })],
  ] as const)('%s', async (kind, make) => {
    const signed = await make();
    if (!signed.ok) throw new Error(signed.message);
    const report = await decode(signed.value, { now, keys: [KEY], kind });
    expect(report).toMatchObject({ verified: true, code: null, timestamp: Math.trunc(now) });
  });

  it('messages, extra_tags absent, given and None', async () => {
    const signed = await signMessages(
      [
        { level: 20, message: 'hello', extraTags: '' },
        { level: 40, message: 'x', extraTags: 'tag' },
        { level: 25, message: 'n', extraTags: null },
      ],
      { key: KEY, now, compress },
    );
    if (!signed.ok) throw new Error(signed.message);
    const report = await decode(signed.value, { now, keys: [KEY], kind: 'messages' });
    expect(report.verified).toBe(true);
    expect(report.messages).toEqual([
      { level: 20, message: 'hello', extraTags: '', safe: false },
      { level: 40, message: 'x', extraTags: 'tag', safe: false },
      { level: 25, message: 'n', extraTags: null, safe: false },
    ]);
  });

  it('refuses a session that is not a dict', async () => {
    expect(await signSessionCookie(py('[1]'), { key: KEY, now, compress })).toMatchObject({
      ok: false,
      code: 'malformed',
    });
  });
});
