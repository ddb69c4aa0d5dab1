import { describe, expect, it } from 'vitest';
import { explainSession, type SessionContext } from './session';
import type { PyValue } from './types';

const s = (v: string): PyValue => ({ t: 'str', v });
const dict = (entries: Array<[string, PyValue]>): PyValue => ({
  t: 'dict',
  entries: entries.map(([k, v]) => [s(k), v]),
});
const ctx: SessionContext = { now: 1700000100, timestamp: 1700000000 };

describe('the session end (the one expiry model, expiry.ts)', () => {
  const end = (data: PyValue, over: Partial<SessionContext> = {}) =>
    explainSession(data, { ...ctx, ...over }).find((e) => e.key === '(expiry)')?.fields;

  it('defaults to SESSION_COOKIE_AGE after the last modification', () => {
    expect(end(dict([]))).toEqual({
      atBrowserClose: false,
      expiresAt: 1701209600,
      rule: 'SESSION_COOKIE_AGE',
      expired: false,
    });
  });

  it('reads int seconds, 0 = browser close, and ISO datetimes', () => {
    expect(end(dict([['_session_expiry', { t: 'int', v: '60' }]]))).toMatchObject({
      expiresAt: 1700000060,
      rule: 'set_expiry-seconds',
      expired: true,
    });
    expect(end(dict([['_session_expiry', { t: 'int', v: '0' }]]))).toMatchObject({
      atBrowserClose: true,
      rule: 'browser-close',
    });
    expect(end(dict([['_session_expiry', s('2030-01-01T12:00:00+00:00')]]))).toMatchObject({
      atBrowserClose: false,
      expiresAt: 1893499200,
      rule: 'set_expiry-date',
    });
  });

  it('set_expiry(300) on a signed cookie ends 300 s after signing, as the panel says (one model)', () => {
    const data = dict([['_session_expiry', { t: 'int', v: '300' }]]);
    expect(end(data, { signedCookie: true })).toMatchObject({
      expiresAt: 1700000300,
      rule: 'set_expiry-seconds',
    });
  });

  it('follows SESSION_EXPIRE_AT_BROWSER_CLOSE only when no expiry is stored', () => {
    expect(end(dict([]), { expireAtBrowserClose: true })?.atBrowserClose).toBe(true);
    expect(
      end(dict([['_session_expiry', { t: 'int', v: '5' }]]), { expireAtBrowserClose: true })?.atBrowserClose,
    ).toBe(false);
  });

  it('cannot date the end without a timestamp', () => {
    expect(end(dict([]), { now: 1, timestamp: null })).toMatchObject({ expiresAt: null, expired: null });
  });
});

describe('explainSession', () => {
  it('explains the keys Django writes, then the end', () => {
    const data = dict([
      ['_auth_user_id', s('42')],
      ['_auth_user_backend', s('django.contrib.auth.backends.ModelBackend')],
      ['_auth_user_hash', s('a'.repeat(64))],
      ['_messages', s('[["__json_message",0,20,"hi"]]')],
      ['testcookie', s('worked')],
      ['cart', s('not explained')],
    ]);
    const out = explainSession(data, ctx);
    expect(out.map((e) => e.key)).toEqual([
      '_auth_user_id',
      '_auth_user_backend',
      '_auth_user_hash',
      '_messages',
      'testcookie',
      '(expiry)',
    ]);
    expect(out[0]?.fields.userId).toBe('42');
    expect(out[2]?.fields.algorithm).toBe('sha256');
    expect(out[3]?.fields.count).toBe(1);
    expect(out[5]?.fields.expiresAt).toBe(1701209600);
  });
});
