// Which of several same-named cookies the server actually reads, and whether a cookie is sent at
// all. Two `sessionid` cookies (one Path=/counter/ set by a page, one Path=/) both go out on a
// request to /counter/; Django sees one of them.
//
// The browser's order is RFC 6265 §5.4 step 2: longer paths first; equal paths, earlier creation
// first. Django's parse_cookie (django/http/cookie.py) splits the header on ";" and assigns
// `cookiedict[key] = val` for each chunk, so for a repeated name the LAST one wins: the cookie
// with the SHORTEST path. test/vectors/cookie-header.*.json records what real Django read.
import type { CookieInfo } from './index';

export interface CookieChoice {
  /** The cookie Django reads for this URL, or null when none of that name is sent. */
  read: CookieInfo | null;
  /** Also sent under the same name, and ignored by Django (the browser lists them first). */
  ignored: CookieInfo[];
  /** Two or more sent cookies share the shortest path: the creation time decides, which the
   * cookies API does not expose, so `read` is the panel's best guess. */
  ambiguous: boolean;
  /** Cookies of that name the browser holds but will not send to this URL, with the reason. */
  notSent: Array<{ cookie: CookieInfo; reasons: NotSentReason[] }>;
}

export type NotSentReason = 'secure-on-http' | 'path' | 'domain';

/** RFC 6265 §5.1.3 domain-match; a host-only cookie matches its exact host only. */
function domainMatches(cookie: Pick<CookieInfo, 'domain' | 'hostOnly'>, host: string): boolean {
  const domain = cookie.domain.replace(/^\./, '').toLowerCase();
  const h = host.toLowerCase();
  if (cookie.hostOnly) return h === domain;
  return h === domain || h.endsWith(`.${domain}`);
}

/** RFC 6265 §5.1.4 path-match: "/counter/" matches "/counter/" and "/counter/pop/", not "/count". */
function pathMatches(cookiePath: string, requestPath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath.charAt(cookiePath.length) === '/';
}

/** The parts of a page URL cookies care about (the core has no URL global: src/core/tsconfig.json). */
export interface PageUrl {
  protocol: string;
  hostname: string;
  pathname: string;
}

/** "http://Localhost:8000/counter/?x#y" → { protocol: "http:", hostname: "localhost", pathname: "/counter/" } */
export function parsePageUrl(pageUrl: string): PageUrl {
  const m = /^([a-z][a-z0-9+.-]*:)\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)(?::\d*)?([^?#]*)/i.exec(pageUrl);
  if (!m) return { protocol: '', hostname: '', pathname: '/' };
  return {
    protocol: (m[1] ?? '').toLowerCase(),
    hostname: (m[2] ?? '').toLowerCase(),
    pathname: m[3] || '/',
  };
}

/** Browsers send Secure cookies over https; Chromium also sends them to http://localhost, a
 * potentially trustworthy origin (recent Firefox releases do the same; not measured here), so a
 * Secure cookie on a local dev server is not reported as unsent. */
function secureAllowed(url: PageUrl): boolean {
  if (url.protocol === 'https:') return true;
  return url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
}

/** Why the browser would not send this cookie to `pageUrl`; empty when it would. */
function notSentReasons(cookie: CookieInfo, pageUrl: string): NotSentReason[] {
  const url = parsePageUrl(pageUrl);
  const reasons: NotSentReason[] = [];
  if (cookie.secure && !secureAllowed(url)) reasons.push('secure-on-http');
  if (!domainMatches(cookie, url.hostname)) reasons.push('domain');
  if (!pathMatches(cookie.path, url.pathname)) reasons.push('path');
  return reasons;
}

/** The cookies named `name` in the order the browser puts them in the Cookie header. */
function sendOrder(cookies: readonly CookieInfo[], name: string, pageUrl: string): CookieInfo[] {
  // Array.prototype.sort is stable: equal paths keep the order the browser listed them in.
  return cookies
    .filter((c) => c.name === name && notSentReasons(c, pageUrl).length === 0)
    .sort((a, b) => b.path.length - a.path.length);
}

/** The cookie named `name` that Django reads on a request to `pageUrl`, and the ones it ignores. */
export function cookieDjangoReads(
  cookies: readonly CookieInfo[],
  name: string,
  pageUrl: string,
): CookieChoice {
  const sent = sendOrder(cookies, name, pageUrl);
  const notSent = cookies
    .filter((c) => c.name === name)
    .map((cookie) => ({ cookie, reasons: notSentReasons(cookie, pageUrl) }))
    .filter((n) => n.reasons.length > 0);
  const read = sent.at(-1) ?? null;
  const ignored = sent.slice(0, -1);
  const ambiguous = read !== null && ignored.some((c) => c.path.length === read.path.length);
  return { read, ignored, ambiguous, notSent };
}

const REASON_TEXT: Record<NotSentReason, (c: CookieInfo, url: PageUrl) => string> = {
  'secure-on-http': () => 'it is Secure and the page is plain http',
  path: (c, url) => `its Path=${c.path} does not cover ${url.pathname}`,
  domain: (c, url) => `its Domain=${c.domain} does not cover ${url.hostname}`,
};

/** "it is Secure and the page is plain http; its Path=/admin/ does not cover /" */
export function notSentText(cookie: CookieInfo, reasons: readonly NotSentReason[], pageUrl: string): string {
  const url = parsePageUrl(pageUrl);
  return reasons.map((r) => REASON_TEXT[r](cookie, url)).join('; ');
}

/** The finding shown on an ignored duplicate: the browser sends it, Django never reads it. */
export function duplicateMessage(ignored: CookieInfo, read: CookieInfo): string {
  return (
    `A second ${ignored.name} cookie (Path=${ignored.path}) is sent before the one with Path=${read.path}; ` +
    `Django keeps the last cookie of a name, so it reads Path=${read.path} and ignores this one. ` +
    `Delete the Path=${ignored.path} cookie (it was set with a path other than SESSION_COOKIE_PATH).`
  );
}
