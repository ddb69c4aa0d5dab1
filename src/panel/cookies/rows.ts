// The Cookies grid's view model: core cookie knowledge (class, expiry, audit) per row, in the
// words the grid shows. Pure, so the grid's text is tested without a DOM.
import {
  auditCookie,
  type CookieClass,
  type CookieInfo,
  checkCookieSettings,
  classifyCookie,
  cookieSize,
  describeExpiry,
  type ExpiryReport,
  type Finding,
  type SettingFinding,
  type SiteCookieSettings,
} from '../../core/index';

export type RowFinding = (Finding | SettingFinding) & {
  title: string;
  /** Settings findings: the Django setting to change and its documentation section. */
  setting?: string;
  docs?: string;
};

/** What the grid knows besides the cookies: the page, the clock, and the companion's settings. */
export interface RowContext {
  sessionCookieName: string;
  url: string;
  now: number;
  /** The companion's view of the site; null when there is no companion answer. */
  site?: SiteCookieSettings | null;
  /** Whether the session has its own set_expiry(); undefined when unknown. */
  sessionCustomExpiry?: boolean;
  /** The session's reconciled expiry (core/session-expiry.ts): flags a disagreeing session cookie. */
  sessionExpiry?: ExpiryReport | null;
}

export interface CookieRow {
  cookie: CookieInfo;
  kind: CookieClass;
  /** Short badge beside the name; null for cookies Django did not write. */
  label: string | null;
  labelHelp: string;
  /** Session/messages/signed cookies go through the core's decode; CSRF and others do not. */
  decodable: boolean;
  expiry: { text: string; title: string; expired: boolean };
  size: number;
  sameSite: string;
  partitioned: boolean;
  partitionKey: { topLevelSite?: string } | null;
  findings: RowFinding[];
}

const LABELS: Record<CookieClass, string | null> = {
  session: 'session',
  csrf: 'csrf',
  messages: 'messages',
  signed: 'signed',
  other: null,
};

const FINDING_TITLES: Record<Finding['code'], string> = {
  'samesite-none-insecure': 'SameSite=None without Secure',
  'session-not-httponly': 'not HttpOnly',
  'not-secure-on-https': 'not Secure',
  'size-near-limit': 'near size limit',
  'size-over-limit': 'over size limit',
  'expired-present': 'expired',
  'expiry-mismatch': 'expiry mismatch',
};

const SETTING_ATTRIBUTES: Record<SettingFinding['code'], string> = {
  'setting-name': 'Name',
  'setting-domain': 'Domain',
  'setting-path': 'Path',
  'setting-secure': 'Secure',
  'setting-httponly': 'HttpOnly',
  'setting-samesite': 'SameSite',
  'setting-max-age': 'Max-Age',
  'setting-partitioned': 'Partitioned',
};

// Chrome's no_restriction is the SameSite=None attribute; unspecified means none was sent
// (browsers then treat it as Lax).
const SAME_SITE_TEXT: Record<CookieInfo['sameSite'], string> = {
  no_restriction: 'None',
  lax: 'Lax',
  strict: 'Strict',
  unspecified: '',
};

/** Identity of a cookie in the jar: name, domain, path and partition. */
export function cookieId(c: CookieInfo): string {
  return [c.name, c.domain, c.path, c.partitionKey?.topLevelSite ?? ''].join('\u0000');
}

/** A URL the cookie is sent to: what cookies.remove needs to find exactly this cookie. */
/**
 * Where to set a cookie from: the inspected page's own origin (scheme and port) with the cookie's
 * path, as the page's response first set it. Chromium binds a cookie to the origin that set it:
 * one set "from" https://127.0.0.1 (port 443) was not sent back to http://127.0.0.1:8000
 * (measured, e2e cookie-stories).
 */
export function pageUrlFor(c: CookieInfo, pageUrl: string | null): string {
  return new URL(c.path, pageUrl ?? cookieUrl(c)).href;
}

export function cookieUrl(c: CookieInfo): string {
  return `${c.secure ? 'https' : 'http'}://${c.domain.replace(/^\./, '')}${c.path}`;
}

function expiryCell(c: CookieInfo, now: number): CookieRow['expiry'] {
  const e = describeExpiry(c, now);
  if (e.state === 'session') return { text: 'Session', title: e.text, expired: false };
  const at = c.expirationDate === undefined ? '' : ` (${new Date(c.expirationDate * 1000).toISOString()})`;
  if (e.state === 'expired') return { text: e.text, title: `${e.text}${at}`, expired: true };
  return { text: `in ${e.text}`, title: `in ${e.text}${at}`, expired: false };
}

/**
 * The cookie's class by its value's shape, unless the companion names it: a CSRF cookie under a
 * CSRF_COOKIE_NAME without "csrf" in it is still the CSRF cookie, never a signed value.
 */
function classify(c: CookieInfo, ctx: RowContext): { kind: CookieClass; explanation: string } {
  const csrfName = ctx.site?.settings.CSRF_COOKIE_NAME;
  if (typeof csrfName === 'string' && c.name === csrfName && c.name !== ctx.sessionCookieName) {
    return {
      kind: 'csrf',
      explanation: `The CSRF cookie (CSRF_COOKIE_NAME = '${csrfName}'), not signed: Django compares it with the token in forms and headers.`,
    };
  }
  return classifyCookie(c, ctx.sessionCookieName);
}

export function cookieRow(c: CookieInfo, ctx: RowContext): CookieRow {
  const { kind, explanation } = classify(c, ctx);
  const findings = auditCookie(c, {
    pageUrl: ctx.url,
    sessionCookieName: ctx.sessionCookieName,
    now: ctx.now,
    expiry: ctx.sessionExpiry ?? null,
  });
  const partitionKey = c.partitionKey ?? null;
  const settingFindings = ctx.site
    ? checkCookieSettings(c, ctx.site, {
        now: ctx.now,
        ...(ctx.sessionCustomExpiry === undefined ? {} : { sessionCustomExpiry: ctx.sessionCustomExpiry }),
      })
    : [];
  return {
    cookie: c,
    kind,
    label: LABELS[kind],
    labelHelp: kind === 'other' ? '' : explanation,
    decodable: kind === 'session' || kind === 'messages' || kind === 'signed',
    expiry: expiryCell(c, ctx.now),
    size: cookieSize(c),
    sameSite: SAME_SITE_TEXT[c.sameSite],
    partitioned: c.partitioned === true || partitionKey !== null,
    partitionKey,
    findings: [
      // The settings check says "HttpOnly ≠ SESSION_COOKIE_HTTPONLY" more precisely: once, not twice.
      ...findings
        .filter(
          (f) =>
            f.code !== 'session-not-httponly' || !settingFindings.some((s) => s.code === 'setting-httponly'),
        )
        .map((f) => ({ ...f, title: FINDING_TITLES[f.code] })),
      ...settingFindings.map((f) => ({ ...f, title: `${SETTING_ATTRIBUTES[f.code]} ≠ ${f.setting}` })),
    ],
  };
}

/** Django's cookies first (session, csrf, messages, signed), then the rest, each by name. */
export function cookieRows(cookies: readonly CookieInfo[], ctx: RowContext): CookieRow[] {
  const order: CookieClass[] = ['session', 'csrf', 'messages', 'signed', 'other'];
  return cookies
    .map((c) => cookieRow(c, ctx))
    .sort(
      (a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.cookie.name.localeCompare(b.cookie.name),
    );
}
