import { describe, expect, it } from 'vitest';
import fixtures from '../../../test/vectors/fixtures/django-cookies.5.2.19.json' with { type: 'json' };
import { COMPANION_REDACTED } from '../companion';
import type { CookieInfo } from './index';
import { checkCookieSettings, type SiteCookieSettings } from './settings-check';

// Cookies written by real Django's middleware under each scenario's settings
// (test/generators/fixture_django_cookies.py).
type Scenario = SiteCookieSettings & { now: number; cookies: CookieInfo[] };
const scenarios = fixtures.scenarios as unknown as Record<'defaults' | 'custom' | 'browser-close', Scenario>;
const { defaults, custom } = scenarios;

const cookieOf = (s: Scenario, name: string): CookieInfo => {
  const c = s.cookies.find((x) => x.name === name);
  if (!c) throw new Error(`no ${name} cookie in the fixture`);
  return c;
};
/** Findings as `code setting`, the shortest text that says what is wrong and what to change. */
const check = (cookie: CookieInfo, site: Scenario, sessionCustomExpiry: boolean | undefined = false) =>
  checkCookieSettings(cookie, site, { now: site.now, sessionCustomExpiry }).map(
    (f) => `${f.code} ${f.setting}`,
  );

describe('checkCookieSettings: what real Django wrote matches its own settings', () => {
  it.each(Object.keys(scenarios) as Array<keyof typeof scenarios>)('%s', (name) => {
    const s = scenarios[name];
    expect(s.cookies.map((c) => c.name).sort()).toHaveLength(3);
    for (const cookie of s.cookies) expect(check(cookie, s)).toEqual([]);
  });
});

describe('checkCookieSettings: a cookie that differs from the settings', () => {
  it('flags a sessionid at Path=/counter/ while SESSION_COOKIE_PATH is / (issue 10)', () => {
    const cookie = { ...cookieOf(defaults, 'sessionid'), path: '/counter/' };
    const [finding, ...rest] = checkCookieSettings(cookie, defaults, { now: defaults.now });
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      code: 'setting-path',
      setting: 'SESSION_COOKIE_PATH',
      docs: 'https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-path',
    });
    expect(finding?.message).toBe(
      "Path=/counter/ but SESSION_COOKIE_PATH = '/': Django never wrote this one, and it is sent only under /counter/.",
    );
  });

  it('names every attribute of the session cookie written under other settings, with the setting to change', () => {
    const cookie = { ...cookieOf(custom, 'app_session'), name: 'sessionid' };
    expect(check(cookie, defaults)).toEqual([
      'setting-domain SESSION_COOKIE_DOMAIN',
      'setting-path SESSION_COOKIE_PATH',
      'setting-secure SESSION_COOKIE_SECURE',
      'setting-httponly SESSION_COOKIE_HTTPONLY',
      'setting-samesite SESSION_COOKIE_SAMESITE',
    ]);
  });

  it('checks the CSRF cookie against CSRF_COOKIE_* and its Max-Age against CSRF_COOKIE_AGE', () => {
    const cookie = { ...cookieOf(custom, 'app_csrf'), name: 'csrftoken' };
    expect(check(cookie, defaults)).toEqual([
      'setting-domain CSRF_COOKIE_DOMAIN',
      'setting-path CSRF_COOKIE_PATH',
      'setting-secure CSRF_COOKIE_SECURE',
      'setting-httponly CSRF_COOKIE_HTTPONLY',
      'setting-samesite CSRF_COOKIE_SAMESITE',
      'setting-max-age CSRF_COOKIE_AGE',
    ]);
    const renamed = { ...cookieOf(defaults, 'csrftoken'), name: 'app_csrf' };
    const [ageFinding] = checkCookieSettings(renamed, custom, { now: custom.now }).filter(
      (f) => f.code === 'setting-max-age',
    );
    expect(ageFinding?.message).toBe(
      'The cookie has an expiry date but CSRF_COOKIE_AGE = None: Django writes a cookie that ends when the browser closes.',
    );
  });

  it('checks the messages cookie against the SESSION_COOKIE_* settings CookieStorage uses', () => {
    expect(check(cookieOf(custom, 'messages'), defaults)).toEqual([
      'setting-domain SESSION_COOKIE_DOMAIN',
      'setting-secure SESSION_COOKIE_SECURE',
      'setting-httponly SESSION_COOKIE_HTTPONLY',
      'setting-samesite SESSION_COOKIE_SAMESITE',
    ]);
  });

  it('judges the session Max-Age only when the session has no set_expiry() of its own', () => {
    const longer = { ...cookieOf(defaults, 'sessionid'), expirationDate: defaults.now + 2 * 1209600 };
    const [f] = checkCookieSettings(longer, defaults, { now: defaults.now, sessionCustomExpiry: false });
    expect(f).toMatchObject({ code: 'setting-max-age', setting: 'SESSION_COOKIE_AGE' });
    expect(f?.message).toBe(
      'The cookie lives 28d 0h more, longer than SESSION_COOKIE_AGE = 1209600 (14d 0h).',
    );
    expect(check(longer, defaults, true)).toEqual([]);
    expect(checkCookieSettings(longer, defaults, { now: defaults.now })).toEqual([]);
    // A shorter remaining life is every cookie some time after Django wrote it.
    expect(check(cookieOf(defaults, 'sessionid'), { ...defaults, now: defaults.now + 3600 })).toEqual([]);
  });

  it('wants a browser-session cookie under SESSION_EXPIRE_AT_BROWSER_CLOSE = True', () => {
    const closing = scenarios['browser-close'];
    expect(check(cookieOf(defaults, 'sessionid'), closing)).toEqual([
      'setting-samesite SESSION_COOKIE_SAMESITE',
      'setting-max-age SESSION_EXPIRE_AT_BROWSER_CLOSE',
    ]);
    expect(check(cookieOf(closing, 'sessionid'), defaults)).toEqual([
      'setting-samesite SESSION_COOKIE_SAMESITE',
      'setting-max-age SESSION_COOKIE_AGE',
    ]);
  });

  it('accepts both ways browsers report a cookie sent without SameSite', () => {
    const closing = scenarios['browser-close'];
    const firefoxStyle: CookieInfo = { ...cookieOf(closing, 'sessionid'), sameSite: 'no_restriction' };
    expect(check(firefoxStyle, closing)).toEqual([]);
  });
});

describe('checkCookieSettings: names', () => {
  it('says a sessionid cookie is ignored when SESSION_COOKIE_NAME is another name', () => {
    const [f] = checkCookieSettings(cookieOf(defaults, 'sessionid'), custom, { now: custom.now });
    expect(f).toMatchObject({ code: 'setting-name', setting: 'SESSION_COOKIE_NAME' });
    expect(f?.message).toBe(
      "SESSION_COOKIE_NAME = 'app_session': Django reads the session from that cookie and ignores this one.",
    );
    expect(check(cookieOf(defaults, 'csrftoken'), custom)).toEqual(['setting-name CSRF_COOKIE_NAME']);
  });

  it('says a CSRF cookie is never read under CSRF_USE_SESSIONS = True', () => {
    const site = { ...defaults, settings: { ...defaults.settings, CSRF_USE_SESSIONS: true } };
    expect(check(cookieOf(defaults, 'csrftoken'), site)).toEqual(['setting-name CSRF_USE_SESSIONS']);
  });

  it('leaves cookies that are not Django’s alone', () => {
    const other: CookieInfo = { ...cookieOf(defaults, 'sessionid'), name: 'cart', path: '/shop/' };
    expect(check(other, defaults)).toEqual([]);
  });
});

describe('checkCookieSettings: settings the companion did not give', () => {
  it('judges nothing it was not told, nor a redacted value', () => {
    const cookie = { ...cookieOf(custom, 'app_session'), name: 'sessionid' };
    const bare = { ...defaults, settings: { SESSION_COOKIE_PATH: '/' } };
    expect(check(cookie, bare)).toEqual(['setting-path SESSION_COOKIE_PATH']);
    const hidden = {
      ...defaults,
      settings: { ...defaults.settings, SESSION_COOKIE_DOMAIN: COMPANION_REDACTED },
    };
    expect(check(cookie, hidden)).not.toContain('setting-domain SESSION_COOKIE_DOMAIN');
  });

  it('checks Partitioned only where Django defines SESSION_COOKIE_PARTITIONED, and reports it then', () => {
    const cookie = cookieOf(defaults, 'sessionid');
    expect(check({ ...cookie, partitioned: true }, defaults)).toEqual([]);
    const site = { ...defaults, settings: { ...defaults.settings, SESSION_COOKIE_PARTITIONED: true } };
    const [f] = checkCookieSettings(cookie, site, { now: site.now });
    expect(f).toMatchObject({ code: 'setting-partitioned', setting: 'SESSION_COOKIE_PARTITIONED' });
    expect(f?.message).toBe('Partitioned is missing but SESSION_COOKIE_PARTITIONED = True.');
    expect(check({ ...cookie, partitioned: true }, site)).toEqual([]);
  });

  it('links each finding to its setting in the settings reference', () => {
    const csrf = cookieOf(defaults, 'csrftoken');
    const [f] = checkCookieSettings({ ...csrf, sameSite: 'strict' }, defaults, { now: defaults.now });
    expect(f).toMatchObject({ setting: 'CSRF_COOKIE_SAMESITE' });
    expect(f?.docs).toBe('https://docs.djangoproject.com/en/stable/ref/settings/#csrf-cookie-samesite');
  });
});
