import { describe, expect, it } from 'vitest';
import { explainSession, isoToUnix, sessionEnd, unixToUtc } from './session';
import type { PyValue } from './types';

const s = (v: string): PyValue => ({ t: 'str', v });
const dict = (entries: Array<[string, PyValue]>): PyValue => ({
  t: 'dict',
  entries: entries.map(([k, v]) => [s(k), v]),
});
const ctx = { now: 1700000100, timestamp: 1700000000 };

describe('isoToUnix (datetime.fromisoformat)', () => {
  it('reads aware and naive isoformat() text', () => {
    expect(isoToUnix('2030-01-01T12:00:00+00:00')).toEqual({ seconds: 1893499200, naive: false });
    expect(isoToUnix('2030-01-01T13:30:00+01:30')?.seconds).toBe(1893499200);
    expect(isoToUnix('2031-06-15T08:30:05.123456')).toEqual({ seconds: 1939278605.123456, naive: true });
    expect(isoToUnix('1970-01-01')).toEqual({ seconds: 0, naive: true });
    expect(isoToUnix('2024-02-29T00:00:00')?.seconds).toBe(1709164800);
    expect(isoToUnix('not a date')).toBeNull();
  });
});

describe('sessionEnd (get_expiry_age / get_expiry_date / get_expire_at_browser_close)', () => {
  it('defaults to SESSION_COOKIE_AGE after the last modification', () => {
    expect(sessionEnd(dict([]), ctx)).toEqual({
      atBrowserClose: false,
      expiresAt: 1701209600,
      age: 1209600,
      expired: false,
    });
  });

  it('reads int seconds, 0 = browser close, and ISO datetimes', () => {
    expect(sessionEnd(dict([['_session_expiry', { t: 'int', v: '60' }]]), ctx)).toMatchObject({
      age: 60,
      expired: true,
    });
    expect(sessionEnd(dict([['_session_expiry', { t: 'int', v: '0' }]]), ctx)).toMatchObject({
      atBrowserClose: true,
      age: 1209600,
    });
    expect(sessionEnd(dict([['_session_expiry', s('2030-01-01T12:00:00+00:00')]]), ctx)).toMatchObject({
      atBrowserClose: false,
      expiresAt: 1893499200,
      age: 1893499200 - 1700000000,
    });
  });

  it('follows SESSION_EXPIRE_AT_BROWSER_CLOSE only when no expiry is stored', () => {
    expect(sessionEnd(dict([]), { ...ctx, expireAtBrowserClose: true }).atBrowserClose).toBe(true);
    expect(
      sessionEnd(dict([['_session_expiry', { t: 'int', v: '5' }]]), { ...ctx, expireAtBrowserClose: true })
        .atBrowserClose,
    ).toBe(false);
  });

  it('cannot date the end without a timestamp', () => {
    expect(sessionEnd(dict([]), { now: 1, timestamp: null })).toMatchObject({
      expiresAt: null,
      expired: null,
    });
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

describe('unixToUtc (the inverse of isoToUnix, without Date)', () => {
  it('agrees with isoToUnix across eras, leap days and negative times', () => {
    for (const iso of [
      '1970-01-01T00:00:00',
      '2000-02-29T23:59:59',
      '1969-12-31T23:59:59',
      '2038-01-19T03:14:08',
      '0001-01-01T00:00:00',
      '9999-12-31T23:59:59',
    ]) {
      const parsed = isoToUnix(iso);
      expect(parsed).not.toBeNull();
      expect(unixToUtc(parsed?.seconds ?? Number.NaN)).toBe(`${iso.replace('T', ' ')} UTC`);
    }
  });

  it('drops fractions of a second', () => {
    expect(unixToUtc(1700000000.75)).toBe('2023-11-14 22:13:20 UTC');
  });
});
