// test/contract/*.json are the companion's real answers (written and checked by
// companion/tests/test_contract.py). Here the TypeScript side of the same contract: a protocol bump
// on one side only, or a field renamed in the Python answer, fails this test.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMPANION_PROTOCOL } from '../../src/core/companion';

const answer = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../contract/${name}.json`, import.meta.url), 'utf8'));

// The fields of CompanionSite, CompanionSession and its user, as src/core/companion.ts declares them.
const SITE = [
  'protocol',
  'ok',
  'kind',
  'django',
  'serverTime',
  'engine',
  'storeClass',
  'cookieName',
  'messagesCookieName',
  'settings',
  'secretKey',
  'readOnly',
  'writable',
  'timeline', // optional in CompanionSite: the companion sends it since the session timeline
];
const SESSION = [
  ...SITE,
  'sessionKey',
  'exists',
  'corrupt',
  'signedBy', // optional in CompanionSession: the companion sends it since it names fallback keys
  'data',
  'expiry',
  'user',
];
const USER = ['authenticated', 'id', 'username', 'isStaff', 'backend', 'hashValid'];
// CompanionWriteCookie.
const COOKIE = ['name', 'value', 'expires', 'domain', 'path', 'secure', 'httpOnly', 'sameSite'];

describe('the companion contract files', () => {
  it.each([
    ['no-session', 'site', SITE],
    ['logged-in', 'session', SESSION],
    ['stale-hash', 'session', SESSION],
    ['fallback-key', 'session', SESSION],
  ])('%s speaks this protocol with exactly the declared fields', (name, kind, fields) => {
    const body = answer(name);
    expect(body.protocol).toBe(COMPANION_PROTOCOL);
    expect(body.kind).toBe(kind);
    expect(Object.keys(body).sort()).toEqual([...fields].sort());
    if (kind === 'session') expect(Object.keys(body.user as object).sort()).toEqual([...USER].sort());
  });

  it.each([
    ['write-set', 'session', SESSION, 'string'],
    ['write-flush', 'site', SITE, 'object'], // value null: delete the cookie
  ])('the answer to %s is a read answer plus the cookie to set', (name, kind, fields, valueType) => {
    const body = answer(name);
    expect(body.protocol).toBe(COMPANION_PROTOCOL);
    expect(body.kind).toBe(kind);
    expect(Object.keys(body).sort()).toEqual([...fields, 'cookie'].sort());
    const cookie = body.cookie as Record<string, unknown>;
    expect(Object.keys(cookie).sort()).toEqual([...COOKIE].sort());
    expect(typeof cookie.value).toBe(valueType);
  });

  it('signedBy names the key that signed the stored session: SECRET_KEY, or a fallback after a rotation', () => {
    expect(answer('logged-in').signedBy).toBe('SECRET_KEY');
    expect(answer('fallback-key').signedBy).toBe('SECRET_KEY_FALLBACKS[0]');
  });

  it('a stale auth hash names the user it no longer logs in', () => {
    expect(answer('stale-hash').user).toMatchObject({
      authenticated: false,
      id: '1',
      username: 'demo',
      hashValid: false,
    });
    expect(answer('logged-in').user).toMatchObject({ authenticated: true, hashValid: true });
  });
});
