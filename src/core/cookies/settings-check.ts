// Django's own cookies checked against the settings the site really runs with (the companion's
// `settings`): each attribute the browser holds is compared with what Django's code would have
// written, and every difference names the setting to change and its documentation.
//
// What Django writes, by cookie:
//   session   contrib/sessions/middleware.py SessionMiddleware.process_response:
//             set_cookie(SESSION_COOKIE_NAME, key, max_age, expires, domain=SESSION_COOKIE_DOMAIN,
//             path=SESSION_COOKIE_PATH, secure=SESSION_COOKIE_SECURE or None,
//             httponly=SESSION_COOKIE_HTTPONLY or None, samesite=SESSION_COOKIE_SAMESITE)
//             (+ partitioned=SESSION_COOKIE_PARTITIONED where Django defines it)
//   csrf      middleware/csrf.py CsrfViewMiddleware._set_csrf_cookie: max_age=CSRF_COOKIE_AGE,
//             domain/path/secure/httponly/samesite from CSRF_COOKIE_*
//   messages  contrib/messages/storage/cookie.py CookieStorage._update_cookie: no max_age, path "/",
//             domain/secure/httponly/samesite from SESSION_COOKIE_*
import type { TaggedJson } from '../companion';
import { COMPANION_REDACTED } from '../companion';
import { SAME_END_TOLERANCE_SECONDS } from '../expiry';
import { formatDuration } from '../time';
import type { CookieInfo, Finding } from './index';

export type SettingFindingCode =
  | 'setting-name'
  | 'setting-domain'
  | 'setting-path'
  | 'setting-secure'
  | 'setting-httponly'
  | 'setting-samesite'
  | 'setting-max-age'
  | 'setting-partitioned';

export interface SettingFinding extends Omit<Finding, 'code'> {
  code: SettingFindingCode;
  /** The Django setting to change, e.g. SESSION_COOKIE_PATH. */
  setting: string;
  /** Its section in Django's settings reference. */
  docs: string;
}

/** What the companion says about the site's cookies (a CompanionSite has these fields). */
export interface SiteCookieSettings {
  settings: { readonly [name: string]: TaggedJson };
  cookieName: string;
  messagesCookieName: string | null;
}

export interface SettingsCheckContext {
  /** Unix seconds. */
  now: number;
  /**
   * Whether the session carries its own expiry (`_session_expiry`: set_expiry()), which then
   * decides the session cookie's Max-Age instead of SESSION_COOKIE_AGE. undefined: not known,
   * so the session cookie's lifetime is not judged.
   */
  sessionCustomExpiry?: boolean;
}

/** The documentation anchor Django's settings reference gives every setting. */
function settingDocs(setting: string): string {
  return `https://docs.djangoproject.com/en/stable/ref/settings/#${setting.toLowerCase().replaceAll('_', '-')}`;
}

/** Django's defaults for the names, for the "this cookie is not the one Django reads" check. */
const DEFAULT_SESSION_NAME = 'sessionid';
const DEFAULT_CSRF_NAME = 'csrftoken';

type Role = 'session' | 'csrf' | 'messages';

/** A setting's value as reported; undefined when the companion did not report it (not judged). */
interface Want {
  value: TaggedJson | undefined;
  setting: string;
}

/** The attributes Django writes for one of its cookies, with the setting behind each. */
interface Expected {
  domain: Want;
  path: Want | { value: '/'; setting: null };
  secure: Want;
  httpOnly: Want;
  sameSite: Want;
  /** Seconds, null for "a browser-session cookie"; undefined: not judged. */
  maxAge?: { value: number | null; setting: string };
  partitioned?: Want;
}

const has = (settings: SiteCookieSettings['settings'], name: string) => Object.hasOwn(settings, name);

function expectedFor(role: Role, site: SiteCookieSettings, ctx: SettingsCheckContext): Expected {
  const s = site.settings;
  const from = (setting: string): Want => ({ value: has(s, setting) ? s[setting] : undefined, setting });
  if (role === 'csrf') {
    const age = s.CSRF_COOKIE_AGE;
    return {
      domain: from('CSRF_COOKIE_DOMAIN'),
      path: from('CSRF_COOKIE_PATH'),
      secure: from('CSRF_COOKIE_SECURE'),
      httpOnly: from('CSRF_COOKIE_HTTPONLY'),
      sameSite: from('CSRF_COOKIE_SAMESITE'),
      ...(has(s, 'CSRF_COOKIE_AGE') && (typeof age === 'number' || age === null)
        ? { maxAge: { value: age, setting: 'CSRF_COOKIE_AGE' } }
        : {}),
    };
  }
  const shared = {
    domain: from('SESSION_COOKIE_DOMAIN'),
    secure: from('SESSION_COOKIE_SECURE'),
    httpOnly: from('SESSION_COOKIE_HTTPONLY'),
    sameSite: from('SESSION_COOKIE_SAMESITE'),
  };
  if (role === 'messages') return { ...shared, path: { value: '/', setting: null } };
  const expected: Expected = { ...shared, path: from('SESSION_COOKIE_PATH') };
  if (has(s, 'SESSION_COOKIE_PARTITIONED')) expected.partitioned = from('SESSION_COOKIE_PARTITIONED');
  if (ctx.sessionCustomExpiry === false) {
    const age = s.SESSION_COOKIE_AGE;
    if (s.SESSION_EXPIRE_AT_BROWSER_CLOSE === true) {
      expected.maxAge = { value: null, setting: 'SESSION_EXPIRE_AT_BROWSER_CLOSE' };
    } else if (typeof age === 'number') {
      expected.maxAge = { value: age, setting: 'SESSION_COOKIE_AGE' };
    }
  }
  return expected;
}

const pyRepr = (v: TaggedJson): string =>
  v === null
    ? 'None'
    : v === true
      ? 'True'
      : v === false
        ? 'False'
        : typeof v === 'string'
          ? `'${v}'`
          : String(v);

/** Not reported, or replaced by the companion's redaction: nothing to compare with. */
const unknown = (v: TaggedJson | undefined): v is undefined => v === undefined || v === COMPANION_REDACTED;

/** The browser's sameSite values a cookie gets when Django writes `samesite=<setting>`. */
function sameSiteMatches(setting: TaggedJson, browser: CookieInfo['sameSite']): boolean {
  if (setting === null || setting === false) {
    // No SameSite attribute sent: Chrome reports unspecified, Firefox no_restriction.
    return browser === 'unspecified' || browser === 'no_restriction';
  }
  if (typeof setting !== 'string') return true; // not a value Django accepts: not ours to judge
  const want = { lax: 'lax', strict: 'strict', none: 'no_restriction' }[setting.toLowerCase()];
  return want === undefined || want === browser;
}

const SAME_SITE_ATTR: Record<CookieInfo['sameSite'], string> = {
  lax: 'SameSite=Lax',
  strict: 'SameSite=Strict',
  no_restriction: 'SameSite=None',
  unspecified: 'no SameSite',
};

const bareDomain = (d: string) => d.replace(/^\./, '').toLowerCase();

function finding(code: SettingFindingCode, setting: string, message: string): SettingFinding {
  return { code, severity: 'warning', message, setting, docs: settingDocs(setting) };
}

function checkAttributes(
  cookie: CookieInfo,
  role: Role,
  site: SiteCookieSettings,
  ctx: SettingsCheckContext,
): SettingFinding[] {
  const e = expectedFor(role, site, ctx);
  const out: SettingFinding[] = [];
  const writer = role === 'messages' ? 'CookieStorage' : 'Django';

  const domain = e.domain.value;
  if (!unknown(domain)) {
    if (domain === null && !cookie.hostOnly) {
      out.push(
        finding(
          'setting-domain',
          e.domain.setting,
          `Domain=${cookie.domain} but ${e.domain.setting} = None: ${writer} writes a host-only cookie.`,
        ),
      );
    } else if (
      typeof domain === 'string' &&
      (cookie.hostOnly || bareDomain(cookie.domain) !== bareDomain(domain))
    ) {
      const held = cookie.hostOnly ? `host-only (${cookie.domain})` : `Domain=${cookie.domain}`;
      out.push(
        finding('setting-domain', e.domain.setting, `${held} but ${e.domain.setting} = ${pyRepr(domain)}.`),
      );
    }
  }

  const path = e.path.value;
  if (typeof path === 'string' && cookie.path !== path) {
    // CookieStorage's path is not a setting: the storage class is what there is to change.
    const setting = e.path.setting ?? 'MESSAGE_STORAGE';
    const why =
      e.path.setting === null
        ? 'CookieStorage always writes Path=/: something else wrote this one.'
        : `${e.path.setting} = ${pyRepr(path)}: ${writer} never wrote this one, and it is sent only under ${cookie.path}.`;
    out.push(finding('setting-path', setting, `Path=${cookie.path} but ${why}`));
  }

  const flag = (code: SettingFindingCode, attr: string, want: Want, held: boolean) => {
    if (unknown(want.value)) return;
    const wanted = want.value === true;
    if (wanted === held) return;
    out.push(
      finding(
        code,
        want.setting,
        held
          ? `${attr} is set but ${want.setting} = ${pyRepr(want.value ?? null)}: ${writer} would not set it.`
          : `${attr} is missing but ${want.setting} = ${pyRepr(want.value ?? null)}.`,
      ),
    );
  };
  flag('setting-secure', 'Secure', e.secure, cookie.secure);
  flag('setting-httponly', 'HttpOnly', e.httpOnly, cookie.httpOnly);

  if (!unknown(e.sameSite.value) && !sameSiteMatches(e.sameSite.value, cookie.sameSite)) {
    out.push(
      finding(
        'setting-samesite',
        e.sameSite.setting,
        `${SAME_SITE_ATTR[cookie.sameSite]} but ${e.sameSite.setting} = ${pyRepr(e.sameSite.value ?? null)}.`,
      ),
    );
  }

  if (e.partitioned) flag('setting-partitioned', 'Partitioned', e.partitioned, cookie.partitioned === true);

  if (e.maxAge) out.push(...checkMaxAge(cookie, e.maxAge, ctx.now));
  return out;
}

function checkMaxAge(
  cookie: CookieInfo,
  want: { value: number | null; setting: string },
  now: number,
): SettingFinding[] {
  const endsAtClose = cookie.session || cookie.expirationDate === undefined;
  if (want.value === null) {
    if (endsAtClose) return [];
    const rule =
      want.setting === 'SESSION_EXPIRE_AT_BROWSER_CLOSE'
        ? `${want.setting} = True`
        : `${want.setting} = None`;
    return [
      finding(
        'setting-max-age',
        want.setting,
        `The cookie has an expiry date but ${rule}: Django writes a cookie that ends when the browser closes.`,
      ),
    ];
  }
  if (endsAtClose) {
    return [
      finding(
        'setting-max-age',
        want.setting,
        `The cookie ends when the browser closes but ${want.setting} = ${want.value} (${formatDuration(want.value)}).`,
      ),
    ];
  }
  // Django re-sends the cookie with a fresh Max-Age on every save, so any shorter remaining life
  // is normal; only a longer one cannot have come from this setting.
  const left = (cookie.expirationDate as number) - now;
  // The browser and the server write Expires from two clocks: the expiry model's one tolerance.
  if (left > want.value + SAME_END_TOLERANCE_SECONDS) {
    return [
      finding(
        'setting-max-age',
        want.setting,
        `The cookie lives ${formatDuration(left)} more, longer than ${want.setting} = ${want.value} (${formatDuration(want.value)}).`,
      ),
    ];
  }
  return [];
}

/** A cookie under Django's default name that the site's settings renamed: Django never reads it. */
function checkName(cookie: CookieInfo, site: SiteCookieSettings): SettingFinding[] {
  const s = site.settings;
  const csrfName = typeof s.CSRF_COOKIE_NAME === 'string' ? s.CSRF_COOKIE_NAME : DEFAULT_CSRF_NAME;
  if (cookie.name === DEFAULT_SESSION_NAME && site.cookieName !== DEFAULT_SESSION_NAME) {
    return [
      finding(
        'setting-name',
        'SESSION_COOKIE_NAME',
        `SESSION_COOKIE_NAME = ${pyRepr(site.cookieName)}: Django reads the session from that cookie and ignores this one.`,
      ),
    ];
  }
  if (cookie.name === DEFAULT_CSRF_NAME && csrfName !== DEFAULT_CSRF_NAME) {
    return [
      finding(
        'setting-name',
        'CSRF_COOKIE_NAME',
        `CSRF_COOKIE_NAME = ${pyRepr(csrfName)}: CsrfViewMiddleware reads that cookie and ignores this one.`,
      ),
    ];
  }
  if (cookie.name === csrfName && s.CSRF_USE_SESSIONS === true) {
    return [
      finding(
        'setting-name',
        'CSRF_USE_SESSIONS',
        'CSRF_USE_SESSIONS = True: Django keeps the CSRF secret in the session and never reads this cookie.',
      ),
    ];
  }
  return [];
}

function roleOf(cookie: CookieInfo, site: SiteCookieSettings): Role | null {
  if (cookie.name === site.cookieName) return 'session';
  const csrfName = typeof site.settings.CSRF_COOKIE_NAME === 'string' ? site.settings.CSRF_COOKIE_NAME : null;
  if (cookie.name === csrfName && site.settings.CSRF_USE_SESSIONS !== true) return 'csrf';
  if (site.messagesCookieName !== null && cookie.name === site.messagesCookieName) return 'messages';
  return null;
}

/**
 * Every way `cookie` differs from what the site's Django would write for it; [] for a cookie that
 * is not Django's (nor under one of Django's default names) or that matches.
 */
export function checkCookieSettings(
  cookie: CookieInfo,
  site: SiteCookieSettings,
  ctx: SettingsCheckContext,
): SettingFinding[] {
  const named = checkName(cookie, site);
  const role = roleOf(cookie, site);
  return role === null ? named : [...named, ...checkAttributes(cookie, role, site, ctx)];
}
