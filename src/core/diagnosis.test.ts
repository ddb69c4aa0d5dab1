import { describe, expect, it } from 'vitest';
import fallbackKey from '../../test/contract/fallback-key.json';
import loggedIn from '../../test/contract/logged-in.json';
import noSession from '../../test/contract/no-session.json';
import staleHash from '../../test/contract/stale-hash.json';
import { cookieInfo } from '../../test/fixtures/cookie-info';
import type { CompanionSession, CompanionSiteOnly } from './companion';
import { cookieDjangoReads } from './cookies/duplicates';
import type { CookieInfo } from './cookies/index';
import { type DiagnosisEvidence, diagnose } from './diagnosis';
import { reconcileExpiry } from './expiry';
import { fromTaggedJson } from './pyvalue';
import { unixToUtc } from './time';
import type { DecodeReport } from './types';

// The companion's answers, as both sides of the contract read them (test/contract/).
const LOGGED_IN = loggedIn as CompanionSession;
const STALE = staleHash as CompanionSession;
const SITE = noSession as CompanionSiteOnly;
const FALLBACK = fallbackKey as CompanionSession;
const NOW = LOGGED_IN.serverTime;
const URL_ = 'http://localhost:8000/counter/';
/** An ISO 8601 UTC time as the companion writes expiresAt (the core has no Date). */
const iso = (unix: number) => unixToUtc(unix).replace(' UTC', 'Z');

const cookie = (over: Partial<CookieInfo> = {}): CookieInfo =>
  cookieInfo({ value: 'abcdefghijklmnopqrstuvwxyz012345', expirationDate: NOW + 1209600, ...over });

/** The evidence the panel would gather: cookies for the URL, the companion's answer, the expiry. */
/** A db session after set_expiry(300), its row ending at `ends` (expired once that has passed). */
function dbSetExpiry300(ends: number): CompanionSession {
  return {
    ...LOGGED_IN,
    data: { ...LOGGED_IN.data, _session_expiry: 300 },
    expiry: {
      ...LOGGED_IN.expiry,
      age: 300,
      custom: 300,
      server: { source: 'db', expiresAt: iso(ends), ttl: Math.max(0, ends - NOW) },
      expired: ends <= NOW,
    },
  };
}

function evidence(
  cookies: CookieInfo[],
  session: CompanionSession | null,
  over: Partial<DiagnosisEvidence> = {},
): DiagnosisEvidence {
  const choice = cookieDjangoReads(cookies, 'sessionid', over.pageUrl ?? URL_);
  const read = choice.read;
  const expiry =
    read || session
      ? reconcileExpiry({
          cookie: read ? { session: read.session, expirationDate: read.expirationDate } : null,
          sessionData: session ? fromTaggedJson(session.data) : null,
          settings: session
            ? {
                SESSION_COOKIE_AGE: session.settings.SESSION_COOKIE_AGE as number,
                SESSION_EXPIRE_AT_BROWSER_CLOSE: session.settings.SESSION_EXPIRE_AT_BROWSER_CLOSE as boolean,
              }
            : null,
          server: session ? session.expiry : null,
          signedAt: null,
          now: over.now ?? NOW,
        })
      : null;
  return {
    pageUrl: URL_,
    cookieName: 'sessionid',
    choice,
    report: null,
    signed: false,
    site: session,
    session,
    expiry,
    now: NOW,
    ...over,
  };
}

const signedReport = (over: Partial<DecodeReport>): DecodeReport => ({
  kind: 'session-cookie',
  guessed: false,
  alternatives: [],
  format: 'signed-object',
  verified: true,
  code: null,
  message: null,
  data: {
    t: 'dict',
    entries: [
      [
        { t: 'str', v: 'visits_counter' },
        { t: 'int', v: '1' },
      ],
    ],
  },
  text: null,
  matchedKey: 0,
  algorithm: 'sha256',
  timestamp: NOW - 10,
  compressed: false,
  serializer: 'json',
  salt: 'django.contrib.sessions.backends.signed_cookies',
  messages: null,
  messagesNotFinished: false,
  pickle: null,
  warnings: [],
  ...over,
});

describe('diagnose: one sentence per state', () => {
  it('no session yet: says so, and what creates one, with the site the companion described', () => {
    const d = diagnose(evidence([], null, { site: SITE }));
    expect(d.state).toBe('no-session');
    expect(d.tone).toBe('muted');
    expect(d.headline).toBe('No session yet: the browser holds no sessionid cookie for this site.');
    expect(d.detail).toMatch(/writes to request\.session.*login\(\)/);
    expect(d.evidence.map((x) => x.text)).toContain(
      `Django ${SITE.django}, django.contrib.sessions.backends.db, SESSION_COOKIE_NAME = 'sessionid'.`,
    );
  });

  it('live until a date, naming the rule that decides it', () => {
    const d = diagnose(evidence([cookie()], LOGGED_IN));
    expect(d.state).toBe('live');
    expect(d.tone).toBe('ok');
    expect(d.headline).toBe(
      'Live until 2026-01-15 00:00:00 UTC: SESSION_COOKIE_AGE = 1209600 (14d 0h) after the last save.',
    );
    expect(d.evidence.some((x) => x.text === 'Logged in as demo (id 1).')).toBe(true);
  });

  it('live by set_expiry(300): the policy that set the end, not the store that carries it out', () => {
    const ends = NOW + 300;
    const d = diagnose(evidence([cookie({ expirationDate: ends })], dbSetExpiry300(ends)));
    expect(d.headline).toBe(`Live until ${unixToUtc(ends)}: set_expiry(300): 5m 0s after the last save.`);
  });

  it('live without the companion: the cookie end that binds', () => {
    const d = diagnose({ ...evidence([cookie()], null), signed: true, report: signedReport({}) });
    expect(d.state).toBe('live');
    expect(d.headline).toMatch(/^Live until .*: set by the cookie's Max-Age\.$/);
  });

  it('ends when the browser closes (set_expiry(0))', () => {
    const session: CompanionSession = {
      ...LOGGED_IN,
      data: { ...LOGGED_IN.data, _session_expiry: 0 },
      expiry: { ...LOGGED_IN.expiry, atBrowserClose: true, custom: 0 },
    };
    const d = diagnose(evidence([cookie({ session: true, expirationDate: undefined })], session));
    expect(d.state).toBe('browser-close');
    expect(d.headline).toBe(
      'Live; ends when the browser closes (set_expiry(0): ends when the browser closes).',
    );
  });

  it("expired: the earliest end decides (here the cookie's Max-Age)", () => {
    const d = diagnose(evidence([cookie({ expirationDate: NOW - 120 })], LOGGED_IN));
    expect(d.state).toBe('expired');
    expect(d.headline).toMatch(/^Expired 2m 0s ago, by the cookie's Max-Age/);
  });

  it('expired by the cache TTL', () => {
    const past = iso(NOW - 5);
    const session: CompanionSession = {
      ...LOGGED_IN,
      engine: 'django.contrib.sessions.backends.cache',
      expiry: { ...LOGGED_IN.expiry, server: { source: 'cache', expiresAt: past, ttl: 0 }, expired: true },
    };
    const d = diagnose(evidence([cookie()], session));
    expect(d.state).toBe('expired');
    expect(d.headline).toMatch(
      /^Expired 5s ago, by SESSION_COOKIE_AGE = 1209600 \(14d 0h\) after the last save \(the cache's TTL\)/,
    );
  });

  it('expired by set_expiry(300): the policy that set the end, not the store that carried it out', () => {
    const d = diagnose(evidence([cookie({ expirationDate: NOW + 600 })], dbSetExpiry300(NOW - 30)));
    expect(d.state).toBe('expired');
    expect(d.headline).toMatch(/^Expired 30s ago, by set_expiry\(300\)/);
  });

  it('expired by SESSION_COOKIE_AGE on a server-side engine (no set_expiry): the setting is named', () => {
    const ended = NOW - 90;
    const session: CompanionSession = {
      ...LOGGED_IN,
      expiry: { ...LOGGED_IN.expiry, server: { source: 'db', expiresAt: iso(ended), ttl: 0 }, expired: true },
    };
    // The cookie outlives the row (its Max-Age was written at an earlier save): the store decides.
    const d = diagnose(evidence([cookie({ expirationDate: NOW + 600 })], session));
    expect(d.state).toBe('expired');
    expect(d.headline).toMatch(
      /^Expired 1m 30s ago, by SESSION_COOKIE_AGE .* after the last save \(the database's expire_date\)/,
    );
  });

  it('expired by the database expire_date', () => {
    const past = iso(NOW - 60);
    const session: CompanionSession = {
      ...LOGGED_IN,
      expiry: { ...LOGGED_IN.expiry, server: { source: 'db', expiresAt: past, ttl: 0 }, expired: true },
    };
    const d = diagnose(evidence([cookie()], session));
    expect(d.state).toBe('expired');
    expect(d.headline).toMatch(/\(the database's expire_date\): Django treats it as a new, empty session\.$/);
  });

  it('expired by signed_cookies age: the signature is older than SESSION_COOKIE_AGE', () => {
    const report = signedReport({ timestamp: NOW - 1209600 - 30 });
    const expiry = reconcileExpiry({
      cookie: { session: false, expirationDate: NOW + 100 },
      sessionData: report.data,
      settings: { SESSION_COOKIE_AGE: 1209600 },
      server: null,
      signedAt: report.timestamp,
      now: NOW,
    });
    const d = diagnose({ ...evidence([cookie()], null), signed: true, report, expiry });
    expect(d.state).toBe('expired');
    expect(d.headline).toMatch(
      /by signed_cookies' age check \(the signature is older than SESSION_COOKIE_AGE\)/,
    );
  });

  it('a SameSite=Strict session cookie: the evidence says what a navigation from another site does', () => {
    const strict = diagnose(evidence([cookie({ sameSite: 'strict' })], LOGGED_IN));
    expect(strict.evidence.map((x) => x.text)).toContain(
      'It is SameSite=Strict: not sent on a navigation from another site (a link in an email or a chat), so that first page sees no session.',
    );
    const lax = diagnose(evidence([cookie({ sameSite: 'lax' })], LOGGED_IN));
    expect(lax.evidence.some((x) => x.text.includes('SameSite=Strict'))).toBe(false);
  });

  it('flushed or never saved: the store has no such key', () => {
    const d = diagnose(evidence([cookie()], { ...LOGGED_IN, exists: false, data: {} }));
    expect(d.state).toBe('not-in-store');
    expect(d.headline).toMatch(/flushed, expired and was cleaned up, or never saved/);
  });

  it('logged out by a password change: the contract answer renders the user by name', () => {
    const d = diagnose(evidence([cookie()], STALE));
    expect(d.state).toBe('stale-auth-hash');
    expect(d.tone).toBe('error');
    expect(d.headline).toBe(
      'User demo (id 1) — logged out by a password change: the auth hash no longer matches.',
    );
  });

  it('signed by an unknown key: the server cannot decode what it stored', () => {
    const d = diagnose(evidence([cookie()], { ...LOGGED_IN, corrupt: true, data: {} }));
    expect(d.state).toBe('unknown-key');
    expect(d.headline).toMatch(/neither SECRET_KEY nor in SECRET_KEY_FALLBACKS/);
    const signed = diagnose(
      evidence([cookie()], {
        ...LOGGED_IN,
        engine: 'django.contrib.sessions.backends.signed_cookies',
        corrupt: true,
        data: {},
      }),
    );
    expect(signed.headline).toMatch(/^The server cannot verify this cookie/);
    expect(signed.detail).toMatch(/rotated without keeping the old key.*every signed cookie fails/);
    expect(signed.evidence.map((x) => x.text)).toContain("The server's keys do not verify the cookie.");
  });

  it('signed by a fallback: rotate soon, in one wording (SECRET_KEY_FALLBACKS[0])', () => {
    const report = signedReport({ matchedKey: 1 });
    const d = diagnose({ ...evidence([cookie()], null), signed: true, report });
    expect(d.state).toBe('fallback-key');
    expect(d.headline).toMatch(
      /^Signed by SECRET_KEY_FALLBACKS\[0\], not the current SECRET_KEY: .*rotate soon/,
    );
    expect(d.evidence.map((x) => x.text)).toContain(
      'SECRET_KEY_FALLBACKS[0] in Keys verifies the signature.',
    );
  });

  it('signed by a fallback, as the server says (a db session): the same wording, server evidence', () => {
    expect(FALLBACK.signedBy).toBe('SECRET_KEY_FALLBACKS[0]');
    const d = diagnose(evidence([cookie()], FALLBACK));
    expect(d.state).toBe('fallback-key');
    expect(d.tone).toBe('warn');
    // One wording in the product: the headline the Keys tab's fallback gives, word for word.
    const keys = diagnose({
      ...evidence([cookie()], null),
      signed: true,
      report: signedReport({ matchedKey: 1 }),
    });
    expect(d.headline).toBe(keys.headline);
    expect(d.headline).toBe(
      'Signed by SECRET_KEY_FALLBACKS[0], not the current SECRET_KEY: still accepted, but rotate soon — the next save re-signs it.',
    );
    expect(d.evidence).toContainEqual({
      from: 'server',
      text: 'The server checked its signature: SECRET_KEY_FALLBACKS[0] signed it, not SECRET_KEY.',
      tone: 'warn',
    });
  });

  it("the server's signedBy outranks the Keys list; SECRET_KEY is live, and an older companion says nothing", () => {
    // The user typed the keys in another order: the site's own check names the key.
    const signed = { ...LOGGED_IN, engine: 'django.contrib.sessions.backends.signed_cookies' };
    const byServer = diagnose({
      ...evidence([cookie()], signed),
      signed: true,
      report: signedReport({ matchedKey: 1 }),
    });
    expect(byServer.state).toBe('live');
    expect(byServer.evidence).toContainEqual({
      from: 'server',
      text: 'The server checked its signature: SECRET_KEY signed it.',
      tone: 'ok',
    });
    const older = diagnose(evidence([cookie()], { ...FALLBACK, signedBy: undefined }));
    expect(older.state).toBe('live');
    expect(older.evidence.map((x) => x.text).join('\n')).not.toMatch(/checked its signature/);
    expect(diagnose(evidence([cookie()], { ...FALLBACK, signedBy: null })).state).toBe('live');
  });

  it('shadowed by a duplicate cookie: names both paths', () => {
    const d = diagnose(
      evidence([cookie({ value: 'root' }), cookie({ value: 'counter', path: '/counter/' })], LOGGED_IN),
    );
    expect(d.state).toBe('shadowed');
    expect(d.headline).toBe(
      'Two sessionid cookies are sent: Django reads the one with Path=/; the one with Path=/counter/ is ignored.',
    );
    expect(d.evidence.some((x) => x.tone === 'warn' && /Path=\/counter\//.test(x.text))).toBe(true);
  });

  it('the cookie will not be sent: Secure on plain http', () => {
    const d = diagnose(
      evidence([cookie({ secure: true, domain: 'example.test' })], null, {
        pageUrl: 'http://example.test/counter/',
      }),
    );
    expect(d.state).toBe('not-sent');
    expect(d.headline).toBe(
      'The sessionid cookie will not be sent to this page: it is Secure and the page is plain http.',
    );
  });

  it('the cookie will not be sent: Path does not cover the URL', () => {
    const d = diagnose(evidence([cookie({ path: '/admin/' })], null));
    expect(d.state).toBe('not-sent');
    expect(d.headline).toMatch(/its Path=\/admin\/ does not cover \/counter\//);
  });

  it('a signed_cookies session no key verifies, without the companion', () => {
    const report = signedReport({ verified: false, matchedKey: null, code: 'bad-signature' });
    const d = diagnose({ ...evidence([cookie()], null), signed: true, report });
    expect(d.state).toBe('unverified');
  });

  it('a value the server refuses as a session key: Django ignores it', () => {
    const d = diagnose({
      ...evidence([cookie({ value: 'not a key!' })], null),
      companionError: {
        code: 'invalid-session-key',
        message: 'a session key is 8 to 40 characters of [a-z0-9]',
      },
    });
    expect(d.state).toBe('rejected');
    expect(d.headline).toBe(
      'Django ignores this sessionid value (invalid-session-key): a session key is 8 to 40 characters of [a-z0-9].',
    );
    // Other errors are evidence, not the verdict.
    const down = diagnose({
      ...evidence([cookie()], null),
      companionError: { code: 'server-error', message: 'boom' },
    });
    expect(down.state).toBe('server-side');
    expect(down.evidence.map((x) => x.text)).toContain('The companion answered server-error: boom.');
  });

  it('a session key without the companion: the data is on the server', () => {
    const d = diagnose(evidence([cookie()], null));
    expect(d.state).toBe('server-side');
    expect(d.tone).toBe('muted');
  });
});
