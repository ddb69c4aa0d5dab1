import { describe, expect, it } from 'vitest';
import type { CompanionSession } from './companion';
import { reconcileExpiry } from './expiry';
import { formatDuration, isoToUnix } from './time';
import type { PyValue } from './types';

const NOW = 1_700_000_000;
const TWO_WEEKS = 1_209_600;

function session(expiry?: PyValue): PyValue {
  const entries: Array<[PyValue, PyValue]> = [
    [
      { t: 'str', v: 'visits' },
      { t: 'int', v: '3' },
    ],
  ];
  if (expiry) entries.push([{ t: 'str', v: '_session_expiry' }, expiry]);
  return { t: 'dict', entries };
}

function serverExpiry(
  over: Partial<CompanionSession['expiry']> & { expiresAt?: string | null },
): CompanionSession['expiry'] {
  const { expiresAt = null, ...rest } = over;
  return {
    age: TWO_WEEKS,
    date: '',
    atBrowserClose: false,
    custom: null,
    server: { source: 'db', expiresAt, ttl: null },
    expired: false,
    ...rest,
  };
}

const iso = (unix: number) => {
  // 1700000000 = 2023-11-14T22:13:20Z; the tests only need offsets from it.
  const base = isoToUnix('2023-11-14T22:13:20+00:00');
  expect(base?.seconds).toBe(NOW);
  const d = unix - NOW;
  const total = 22 * 3600 + 13 * 60 + 20 + d;
  const day = 14 + Math.floor(total / 86400);
  const rem = ((total % 86400) + 86400) % 86400;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `2023-11-${pad(day)}T${pad(Math.floor(rem / 3600))}:${pad(Math.floor((rem % 3600) / 60))}:${pad(rem % 60)}+00:00`;
};

describe('reconcileExpiry', () => {
  it('default two weeks: cookie, setting and server agree', () => {
    const savedAt = NOW - 60;
    const r = reconcileExpiry({
      cookie: { session: false, expirationDate: savedAt + TWO_WEEKS },
      sessionData: session(),
      settings: { SESSION_COOKIE_AGE: TWO_WEEKS, SESSION_EXPIRE_AT_BROWSER_CLOSE: false },
      server: serverExpiry({ expiresAt: iso(savedAt + TWO_WEEKS) }),
      signedAt: null,
      now: NOW,
    });
    expect(r.endsAt).toBe(savedAt + TWO_WEEKS);
    expect(r.secondsLeft).toBe(TWO_WEEKS - 60);
    expect(r.atBrowserClose).toBe(false);
    expect(r.expired).toBe(false);
    expect(r.disagreement).toBeNull();
    expect(r.sources.map((s) => s.source)).toEqual(['cookie', 'SESSION_COOKIE_AGE', 'server']);
    expect(r.sources[1]?.note).toContain('14d 0h');
  });

  it('set_expiry(300) on a db session: a five-minute countdown', () => {
    const savedAt = NOW - 1;
    const r = reconcileExpiry({
      cookie: { session: false, expirationDate: savedAt + 300 },
      sessionData: session({ t: 'int', v: '300' }),
      settings: { SESSION_COOKIE_AGE: TWO_WEEKS },
      server: serverExpiry({ age: 300, custom: 300, expiresAt: iso(savedAt + 300) }),
      signedAt: null,
      now: NOW,
    });
    expect(r.secondsLeft).toBe(299);
    expect(formatDuration(r.secondsLeft as number)).toBe('4m 59s');
    expect(r.disagreement).toBeNull();
    const setExpiry = r.sources.find((s) => s.source === 'set_expiry');
    expect(setExpiry).toMatchObject({ endsAt: null, atBrowserClose: false });
    expect(setExpiry?.note).toContain('5m 0s after the last save');
    expect(r.sources.find((s) => s.source === 'SESSION_COOKIE_AGE')?.note).toContain(
      'overridden by set_expiry',
    );
  });

  it('set_expiry(300) on a signed cookie: anchored at the signing time, signature still valid for two weeks (#19201)', () => {
    const signedAt = NOW - 100;
    const r = reconcileExpiry({
      cookie: { session: false, expirationDate: signedAt + 300 },
      sessionData: session({ t: 'int', v: '300' }),
      settings: { SESSION_COOKIE_AGE: TWO_WEEKS },
      server: null,
      signedAt,
      now: NOW,
    });
    expect(r.endsAt).toBe(signedAt + 300);
    expect(r.secondsLeft).toBe(200);
    expect(r.sources.find((s) => s.source === 'set_expiry')?.endsAt).toBe(signedAt + 300);
    expect(r.sources.find((s) => s.source === 'SESSION_COOKIE_AGE')).toMatchObject({
      endsAt: signedAt + TWO_WEEKS,
    });
    // The cookie and set_expiry agree; the signature's longer max_age is Django's design, not a
    // disagreement (it was reported as one, beside dates that read the same).
    expect(r.disagreement).toBeNull();
    expect(r.rule).toBe('set_expiry-seconds');
    expect(r.sources.find((s) => s.source === 'SESSION_COOKIE_AGE')?.rule).toBe('signed_cookies-max-age');
  });

  it('set_expiry(0): ends when the browser closes, the server keeps it for SESSION_COOKIE_AGE', () => {
    const savedAt = NOW - 5;
    const r = reconcileExpiry({
      cookie: { session: true },
      sessionData: session({ t: 'int', v: '0' }),
      settings: { SESSION_COOKIE_AGE: TWO_WEEKS, SESSION_EXPIRE_AT_BROWSER_CLOSE: false },
      server: serverExpiry({ atBrowserClose: true, custom: 0, expiresAt: iso(savedAt + TWO_WEEKS) }),
      signedAt: null,
      now: NOW,
    });
    expect(r.atBrowserClose).toBe(true);
    expect(r.endsAt).toBe(savedAt + TWO_WEEKS);
    expect(r.disagreement).toBeNull();
    expect(r.sources.find((s) => s.source === 'set_expiry')).toMatchObject({
      atBrowserClose: true,
      endsAt: null,
    });
    // `if not expiry: return get_session_cookie_age()`: 0 falls back to the age.
    expect(r.sources.find((s) => s.source === 'SESSION_COOKIE_AGE')?.note).toContain('after the last save');
  });

  it('an ISO datetime expiry (4.1+ stores isoformat()) is an absolute end', () => {
    const r = reconcileExpiry({
      cookie: null,
      sessionData: session({ t: 'str', v: '2023-11-14T23:13:20+01:00' }),
      settings: null,
      server: null,
      signedAt: null,
      now: NOW - 30,
    });
    expect(r.endsAt).toBe(NOW);
    expect(r.secondsLeft).toBe(30);
    expect(r.sources).toEqual([
      {
        source: 'set_expiry',
        endsAt: NOW,
        atBrowserClose: false,
        rule: 'set_expiry-date',
        note: 'set_expiry(2023-11-14T23:13:20+01:00)',
      },
    ]);
  });

  it('a pickled datetime (≤4.0) and a naive ISO string are read, the naive one flagged', () => {
    const r = reconcileExpiry({
      cookie: null,
      sessionData: session({ t: 'datetime', v: '2023-11-14 22:13:20.500000' }),
      settings: null,
      server: null,
      signedAt: null,
      now: NOW,
    });
    expect(r.endsAt).toBe(NOW + 0.5);
    expect(r.sources[0]?.note).toContain('naive');
  });

  it('cookie Max-Age disagreeing with the server is reported, the earlier end wins', () => {
    const r = reconcileExpiry({
      cookie: { session: false, expirationDate: NOW + TWO_WEEKS },
      sessionData: session(),
      settings: { SESSION_COOKIE_AGE: TWO_WEEKS },
      server: serverExpiry({ expiresAt: iso(NOW + 600) }),
      signedAt: null,
      now: NOW,
    });
    expect(r.endsAt).toBe(NOW + 600);
    expect(r.disagreement).toBe(
      'server 2023-11-14 22:23:20 UTC, cookie 2023-11-28 22:13:20 UTC (13d 23h later): the earliest (server) wins',
    );
    expect(r).toMatchObject({
      rule: 'db-expire-date',
      decidedBy: 'server',
      disagreeing: ['server', 'cookie'],
    });
  });

  it('a session cookie where the policy says persistent is a disagreement', () => {
    const r = reconcileExpiry({
      cookie: { session: true },
      sessionData: session(),
      settings: { SESSION_COOKIE_AGE: TWO_WEEKS, SESSION_EXPIRE_AT_BROWSER_CLOSE: false },
      server: null,
      signedAt: null,
      now: NOW,
    });
    expect(r.atBrowserClose).toBe(true);
    expect(r.endsAt).toBeNull();
    expect(r.disagreement).toContain('not set to end at browser close');
  });

  it('SESSION_EXPIRE_AT_BROWSER_CLOSE without set_expiry ends at browser close', () => {
    const r = reconcileExpiry({
      cookie: null,
      sessionData: session(),
      settings: { SESSION_COOKIE_AGE: TWO_WEEKS, SESSION_EXPIRE_AT_BROWSER_CLOSE: true },
      server: null,
      signedAt: null,
      now: NOW,
    });
    expect(r.atBrowserClose).toBe(true);
    expect(r.endsAt).toBeNull();
  });

  it('expired: past the end, or the server says so', () => {
    const past = reconcileExpiry({
      cookie: null,
      sessionData: session(),
      settings: { SESSION_COOKIE_AGE: 60 },
      server: null,
      signedAt: NOW - 61,
      now: NOW,
    });
    expect(past).toMatchObject({ expired: true, secondsLeft: 0, endsAt: NOW - 1 });
    const server = reconcileExpiry({
      cookie: null,
      sessionData: null,
      settings: null,
      server: serverExpiry({ expired: true, server: { source: 'cache', expiresAt: null, ttl: null } }),
      signedAt: null,
      now: NOW,
    });
    expect(server.expired).toBe(true);
    expect(server.endsAt).toBeNull();
    expect(server.sources[0]?.note).toBe('the cache: no expiry reported');
  });

  it('a cache TTL places the end relative to now', () => {
    const r = reconcileExpiry({
      cookie: null,
      sessionData: null,
      settings: null,
      server: serverExpiry({ server: { source: 'cache', expiresAt: null, ttl: 42 } }),
      signedAt: null,
      now: NOW,
    });
    expect(r.endsAt).toBe(NOW + 42);
  });

  it('an unreadable _session_expiry is reported, not guessed', () => {
    const r = reconcileExpiry({
      cookie: null,
      sessionData: session({ t: 'str', v: 'tomorrow' }),
      settings: null,
      server: null,
      signedAt: null,
      now: NOW,
    });
    expect(r.endsAt).toBeNull();
    expect(r.sources[0]?.note).toContain('not a value Django can read');
  });

  it('no information at all: no end, not expired', () => {
    expect(
      reconcileExpiry({
        cookie: null,
        sessionData: null,
        settings: null,
        server: null,
        signedAt: null,
        now: NOW,
      }),
    ).toEqual({
      endsAt: null,
      atBrowserClose: false,
      secondsLeft: null,
      expired: false,
      rule: 'unknown',
      decidedBy: null,
      sources: [],
      disagreement: null,
      disagreeing: [],
    });
  });

  it("a cache TTL counts from the companion's answer, not from the ticking panel clock", () => {
    // The panel re-renders every second with a later `now`; the TTL was measured once. Anchored
    // on now, the store's end crept later than the cookie's until "Expiry sources disagree".
    const savedAt = NOW - 10;
    const input = {
      cookie: { session: false, expirationDate: savedAt + TWO_WEEKS },
      sessionData: session(),
      settings: { SESSION_COOKIE_AGE: TWO_WEEKS },
      server: serverExpiry({ server: { source: 'cache', expiresAt: null, ttl: TWO_WEEKS - 10 } }),
      signedAt: null,
      serverTime: NOW,
    };
    const later = reconcileExpiry({ ...input, now: NOW + 600 });
    expect(later.sources.find((s) => s.source === 'server')?.endsAt).toBe(savedAt + TWO_WEEKS);
    expect(later.disagreement).toBeNull();
    expect(later.rule).toBe('SESSION_COOKIE_AGE');
  });

  it('ends a few seconds apart are one end; a real gap names both exact times', () => {
    const savedAt = NOW - 10;
    const close = reconcileExpiry({
      cookie: { session: false, expirationDate: savedAt + TWO_WEEKS },
      sessionData: session(),
      settings: { SESSION_COOKIE_AGE: TWO_WEEKS },
      server: serverExpiry({ expiresAt: iso(savedAt + TWO_WEEKS + 45) }),
      signedAt: null,
      now: NOW,
    });
    expect(close.disagreement).toBeNull();
    const apart = reconcileExpiry({
      cookie: { session: false, expirationDate: savedAt + TWO_WEEKS },
      sessionData: session(),
      settings: { SESSION_COOKIE_AGE: TWO_WEEKS },
      server: serverExpiry({ expiresAt: iso(savedAt + TWO_WEEKS + 300) }),
      signedAt: null,
      now: NOW,
    });
    // Before: "cookie in 13d 23h, server in 13d 23h" — the same text for different ends.
    expect(apart.disagreement).toBe(
      'cookie 2023-11-28 22:13:10 UTC, server 2023-11-28 22:18:10 UTC (5m 0s later): the earliest (cookie) wins',
    );
  });

  it('names the rule that decides: a mechanism only when it comes strictly first', () => {
    const savedAt = NOW - 10;
    const cookie = { session: false, expirationDate: savedAt + TWO_WEEKS };
    const base = {
      cookie,
      sessionData: session(),
      settings: { SESSION_COOKIE_AGE: TWO_WEEKS },
      server: null,
      signedAt: null,
      now: NOW,
    };
    const withStore = (source: 'db' | 'cache' | 'file', at: number) =>
      reconcileExpiry({
        ...base,
        server: serverExpiry({ server: { source, expiresAt: iso(at), ttl: null } }),
      });
    expect(withStore('db', savedAt + TWO_WEEKS)).toMatchObject({
      rule: 'SESSION_COOKIE_AGE',
      decidedBy: 'cookie',
    });
    expect(withStore('cache', NOW + 60 * 5)).toMatchObject({ rule: 'cache-ttl', decidedBy: 'server' });
    expect(withStore('db', NOW + 60 * 5).rule).toBe('db-expire-date');
    expect(withStore('file', NOW + 60 * 5).rule).toBe('file-mtime');
    // signed_cookies, set_expiry(a date a month away): the cookie lives a month, the signature two weeks.
    const signedAt = NOW - 10;
    const month = reconcileExpiry({
      cookie: { session: false, expirationDate: NOW + 30 * 86400 },
      sessionData: session({ t: 'str', v: iso(NOW + 30 * 86400) }),
      settings: { SESSION_COOKIE_AGE: TWO_WEEKS },
      server: null,
      signedAt,
      now: NOW,
    });
    expect(month).toMatchObject({
      rule: 'signed_cookies-max-age',
      endsAt: signedAt + TWO_WEEKS,
      disagreement: null,
    });
    const date = reconcileExpiry({
      ...base,
      sessionData: session({ t: 'str', v: iso(NOW + 600) }),
      cookie: { session: false, expirationDate: NOW + 600 },
    });
    expect(date.rule).toBe('set_expiry-date');
    const closing = reconcileExpiry({
      ...base,
      cookie: { session: true },
      sessionData: session({ t: 'int', v: '0' }),
      server: null,
    });
    expect(closing.rule).toBe('browser-close');
  });
});
