import { describe, expect, it } from 'vitest';
import { cookieInfo } from '../../../test/fixtures/cookie-info';
import { reconcileExpiry } from '../expiry';
import { formatDuration } from '../time';
import type { PyValue } from '../types';
import { type AuditContext, auditCookie, type CookieInfo, classifyCookie, describeExpiry } from './index';

const NOW = 1_700_000_000;
const base: CookieInfo = cookieInfo({ domain: 'example.test', secure: true, expirationDate: NOW + 1209600 });
const ctx = { pageUrl: 'https://example.test/', sessionCookieName: 'sessionid', now: NOW };
const codes = (cookie: CookieInfo, extra: Partial<AuditContext> = {}) =>
  auditCookie(cookie, { ...ctx, ...extra }).map((f) => `${f.code}/${f.severity}`);

describe('describeExpiry', () => {
  it('reads seconds left in the two largest units', () => {
    expect(describeExpiry({ ...base, expirationDate: NOW + 299 }, NOW)).toEqual({
      state: 'expires',
      secondsLeft: 299,
      text: '4m 59s',
    });
    expect(describeExpiry({ ...base, expirationDate: NOW + 13 * 86400 + 23 * 3600 + 5 }, NOW).text).toBe(
      '13d 23h',
    );
    expect(formatDuration(7)).toBe('7s');
    expect(formatDuration(0)).toBe('0s');
  });

  it('says a browser-session cookie ends with the browser', () => {
    expect(describeExpiry({ ...base, session: true, expirationDate: undefined }, NOW)).toEqual({
      state: 'session',
      secondsLeft: null,
      text: 'ends when the browser closes',
    });
  });

  it('says how long ago an expired one ended', () => {
    expect(describeExpiry({ ...base, expirationDate: NOW - 185 }, NOW)).toEqual({
      state: 'expired',
      secondsLeft: -185,
      text: 'expired 3m ago',
    });
  });
});

describe('auditCookie', () => {
  it('finds nothing wrong with Django defaults over HTTPS with Secure', () => {
    expect(codes(base)).toEqual([]);
  });

  it('SameSite=None without Secure is an error', () => {
    expect(
      codes({ ...base, sameSite: 'no_restriction', secure: false }, { pageUrl: 'http://example.test/' }),
    ).toEqual(['samesite-none-insecure/error']);
  });

  it('a session cookie readable by scripts', () => {
    expect(codes({ ...base, httpOnly: false })).toEqual(['session-not-httponly/warning']);
    expect(codes({ ...base, name: 'theme', httpOnly: false })).toEqual([]);
  });

  it('not Secure on an HTTPS page: a warning for the session, a note for others', () => {
    expect(codes({ ...base, secure: false })).toEqual(['not-secure-on-https/warning']);
    expect(codes({ ...base, name: 'theme', secure: false })).toEqual(['not-secure-on-https/info']);
    expect(codes({ ...base, secure: false }, { pageUrl: 'http://localhost:8000/' })).toEqual([]);
  });

  it('size near and over 4096 bytes, counting name + value in UTF-8', () => {
    expect(codes({ ...base, value: 'x'.repeat(3900 - 9) })).toEqual(['size-near-limit/warning']);
    expect(codes({ ...base, value: 'x'.repeat(3899 - 9) })).toEqual([]);
    expect(codes({ ...base, value: 'é'.repeat(2044) })).toEqual(['size-over-limit/error']);
  });

  it('expired but still listed', () => {
    expect(codes({ ...base, expirationDate: NOW - 1 })).toEqual(['expired-present/info']);
  });

  it('the session cookie is flagged when the expiry model finds it disagreeing (expiry.ts)', () => {
    const signedAt = NOW - 60;
    const model = (cookie: CookieInfo, expiry: PyValue | null) =>
      reconcileExpiry({
        cookie,
        sessionData: { t: 'dict', entries: expiry ? [[{ t: 'str', v: '_session_expiry' }, expiry]] : [] },
        settings: { SESSION_COOKIE_AGE: 1209600, SESSION_EXPIRE_AT_BROWSER_CLOSE: false },
        server: null,
        signedAt,
        now: NOW,
      });
    const agree = { ...base, expirationDate: signedAt + 1209600 + 30 };
    expect(codes(agree, { expiry: model(agree, null) })).toEqual([]);
    const early = { ...base, expirationDate: signedAt + 1209600 - 3600 };
    expect(codes(early, { expiry: model(early, null) })).toEqual(['expiry-mismatch/warning']);
    const atClose = { ...base, session: true, expirationDate: undefined };
    expect(codes(atClose, { expiry: model(atClose, null) })).toEqual(['expiry-mismatch/warning']);
    expect(codes(atClose, { expiry: model(atClose, { t: 'int', v: '0' }) })).toEqual([]);
    // Another cookie is not the session's, whatever the model says.
    expect(codes({ ...early, name: 'other' }, { expiry: model(early, null) })).toEqual([]);
  });
});

describe('classifyCookie (values made by Django 5.2)', () => {
  const kind = (name: string, value: string) => classifyCookie({ name, value }, 'sessionid').kind;

  it('names the session cookie, server-side or signed', () => {
    expect(classifyCookie(base, 'sessionid').explanation).toMatch(/session key/);
    const signed = 'eyJhIjoxfQ:1xVTW5:S_vMHobLZZu7_xvQkCvFQjBj-bOihpgr566Y7vA0jmw';
    expect(classifyCookie({ name: 'sessionid', value: signed }, 'sessionid').explanation).toMatch(
      /signed session/,
    );
  });

  it('explains csrftoken: unsigned, 32-character secret since 4.1, 64-character masked before', () => {
    const secret = classifyCookie(
      { name: 'csrftoken', value: 'p9VCHTXLsyI217bnQKn6faBncwSINzQq' },
      'sessionid',
    );
    expect(secret).toEqual({ kind: 'csrf', explanation: expect.stringMatching(/not signed.*4\.1\+.*32/) });
    const masked = classifyCookie(
      { name: 'csrftoken', value: 'MZbNr0ntfihrKefyXIDefsf4qZCd2bfo1YWfYJa4xGPjBbgLDiQaksGhslkLFAVE' },
      'sessionid',
    );
    expect(masked.explanation).toMatch(/64-character masked/);
  });

  it('tells signed shapes from plain values', () => {
    expect(kind('messages', 'W1siX19qc29uX21lc3NhZ2UiXV0:1xVTW5:abc')).toBe('messages');
    expect(kind('color', 'blue:1xVTW5:-K7YMdpa0uswjPQOCd8jesccR45RQbECw6YOpMUB9b8')).toBe('signed');
    expect(kind('greeting', 'hello:3jIRTXB8cju7lLwsdsd67hWGpe2iqP8I-aEAoY-u96k')).toBe('signed');
    expect(kind('greeting', '"a b:3jIRTXB8cju7lLwsdsd67hWGpe2iqP8I-aEAoY-u96k"')).toBe('signed');
    expect(kind('theme', 'dark')).toBe('other');
    expect(kind('color', 'blue:1xVTW5:short')).toBe('other');
  });
});
