// Browser-free cookie knowledge for the panel: what a cookie is (Django-wise), when it ends, and
// what is wrong with it. The shape mirrors the WebExtensions cookies.Cookie so the background can
// pass one through unchanged.
import type { ExpiryReport } from '../expiry';
import { formatAgo, formatDuration } from '../time';

export type SameSite = 'no_restriction' | 'lax' | 'strict' | 'unspecified';

export interface CookieInfo {
  name: string;
  value: string;
  domain: string;
  hostOnly: boolean;
  path: string;
  secure: boolean;
  httpOnly: boolean;
  sameSite: SameSite;
  /** true: no Expires/Max-Age, the cookie ends with the browser session. */
  session: boolean;
  /** Unix seconds (float); absent for session cookies. */
  expirationDate?: number;
  partitionKey?: { topLevelSite?: string } | null;
  partitioned?: boolean;
  storeId: string;
}

export interface Expiry {
  state: 'session' | 'expired' | 'expires';
  /** Seconds until the browser drops it (negative once expired); null for a browser-session cookie. */
  secondsLeft: number | null;
  text: string;
}

export function describeExpiry(cookie: CookieInfo, now: number): Expiry {
  if (cookie.session || cookie.expirationDate === undefined) {
    return { state: 'session', secondsLeft: null, text: 'ends when the browser closes' };
  }
  const left = cookie.expirationDate - now;
  if (left <= 0) return { state: 'expired', secondsLeft: left, text: `expired ${formatAgo(-left)} ago` };
  return { state: 'expires', secondsLeft: left, text: formatDuration(left) };
}

export type FindingCode =
  | 'samesite-none-insecure'
  | 'session-not-httponly'
  | 'not-secure-on-https'
  | 'size-near-limit'
  | 'size-over-limit'
  | 'expired-present'
  | 'expiry-mismatch';

export interface Finding {
  code: FindingCode;
  severity: 'error' | 'warning' | 'info';
  message: string;
}

export interface AuditContext {
  pageUrl: string;
  sessionCookieName: string;
  /** Unix seconds. */
  now: number;
  /**
   * The session's reconciled expiry (expiry.ts), when the panel has one: the session cookie is
   * flagged when the model finds it disagreeing with the session's own end.
   */
  expiry?: Pick<ExpiryReport, 'disagreement' | 'disagreeing'> | null;
}

/** RFC 6265 §6.1: user agents should store at least 4096 bytes per cookie (name + value). */
export const COOKIE_SIZE_LIMIT = 4096;
const COOKIE_SIZE_WARN = 3900;

export function cookieSize(cookie: Pick<CookieInfo, 'name' | 'value'>): number {
  return new TextEncoder().encode(cookie.name + cookie.value).length;
}

export function auditCookie(cookie: CookieInfo, ctx: AuditContext): Finding[] {
  const findings: Finding[] = [];
  const isSession = cookie.name === ctx.sessionCookieName;
  if (cookie.sameSite === 'no_restriction' && !cookie.secure) {
    findings.push({
      code: 'samesite-none-insecure',
      severity: 'error',
      message: 'SameSite=None without Secure: current browsers reject it (set SESSION_COOKIE_SECURE = True).',
    });
  }
  if (isSession && !cookie.httpOnly) {
    findings.push({
      code: 'session-not-httponly',
      severity: 'warning',
      message: 'The session cookie is readable by page scripts: keep SESSION_COOKIE_HTTPONLY = True.',
    });
  }
  if (!cookie.secure && ctx.pageUrl.startsWith('https:')) {
    findings.push({
      code: 'not-secure-on-https',
      severity: isSession ? 'warning' : 'info',
      message: 'Served over HTTPS but not Secure: it would also be sent over plain HTTP.',
    });
  }
  const size = cookieSize(cookie);
  if (size > COOKIE_SIZE_LIMIT) {
    findings.push({
      code: 'size-over-limit',
      severity: 'error',
      message: `${size} bytes: over the ${COOKIE_SIZE_LIMIT}-byte limit browsers guarantee; it may be dropped.`,
    });
  } else if (size >= COOKIE_SIZE_WARN) {
    findings.push({
      code: 'size-near-limit',
      severity: 'warning',
      message: `${size} bytes: close to the ${COOKIE_SIZE_LIMIT}-byte limit (signed_cookies sessions grow with their data).`,
    });
  }
  const expiry = describeExpiry(cookie, ctx.now);
  if (expiry.state === 'expired') {
    findings.push({
      code: 'expired-present',
      severity: 'info',
      message: `Still listed though it ${expiry.text}: the browser will not send it.`,
    });
  }
  if (isSession && ctx.expiry?.disagreement && ctx.expiry.disagreeing.includes('cookie')) {
    findings.push({
      code: 'expiry-mismatch',
      severity: 'warning',
      message: `The cookie's expiry and the session's own disagree: ${ctx.expiry.disagreement}.`,
    });
  }
  return findings;
}

export type CookieClass = 'session' | 'csrf' | 'messages' | 'signed' | 'other';

/** An HMAC's base64url length: sha1 27, sha256 43, sha384 64, sha512 86 (signing.py base64_hmac). */
const SIG = '[A-Za-z0-9_-]{27}|[A-Za-z0-9_-]{43}|[A-Za-z0-9_-]{64}|[A-Za-z0-9_-]{86}';
const TIMESTAMPED = new RegExp(`^.*:[0-9A-Za-z]+:(?:${SIG})$`, 's');
const SIGNED = new RegExp(`^.*:(?:${SIG})$`, 's');

export function classifyCookie(
  cookie: Pick<CookieInfo, 'name' | 'value'>,
  sessionCookieName: string,
): { kind: CookieClass; explanation: string } {
  // A wire value may be SimpleCookie-quoted (docs/formats.md §4): classify the unquoted text.
  const value = /^".*"$/s.test(cookie.value) ? cookie.value.slice(1, -1) : cookie.value;
  if (cookie.name === sessionCookieName) {
    return SIGNED.test(value)
      ? {
          kind: 'session',
          explanation: 'Session cookie holding the whole signed session (signed_cookies engine).',
        }
      : {
          kind: 'session',
          explanation: 'Session cookie holding the session key; the data lives on the server.',
        };
  }
  if (/csrf/i.test(cookie.name) && /^(?:[A-Za-z0-9]{32}|[A-Za-z0-9]{64})$/.test(value)) {
    return {
      kind: 'csrf',
      explanation:
        value.length === 32
          ? 'CSRF secret, not signed: Django 4.1+ stores the 32-character secret unmasked.'
          : 'CSRF token, not signed: the 64-character masked form (mask + cipher) Django wrote before 4.1.',
    };
  }
  if (cookie.name === 'messages') {
    return {
      kind: 'messages',
      explanation: 'contrib.messages CookieStorage: messages waiting to be shown, signed.',
    };
  }
  if (TIMESTAMPED.test(value)) {
    return {
      kind: 'signed',
      explanation: 'Signed with a timestamp (value:timestamp:signature), e.g. set_signed_cookie.',
    };
  }
  if (SIGNED.test(value)) {
    return { kind: 'signed', explanation: 'Signed (payload:signature), e.g. signing.Signer.' };
  }
  return { kind: 'other', explanation: 'Not a Django-signed shape.' };
}
