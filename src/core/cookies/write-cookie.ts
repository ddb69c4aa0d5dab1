// The Set-Cookie a companion write answers (CompanionWriteCookie: SessionMiddleware's set_cookie()
// arguments from the SESSION_COOKIE_* settings) as the cookie the browser's cookies API sets.
import type { CompanionWriteCookie } from '../companion';
import { isoToUnix } from '../time';
import type { CookieInfo, SameSite } from './index';

/** SESSION_COOKIE_SAMESITE as Django writes it, in the cookies API's words; unset is `unspecified`. */
const SAME_SITE: Record<string, SameSite> = { lax: 'lax', strict: 'strict', none: 'no_restriction' };

/**
 * The cookie to set on `host` (the inspected site's host name). SESSION_COOKIE_DOMAIN None is a
 * host-only cookie; `expires` null (get_expire_at_browser_close()) a browser-session cookie.
 * Only for a cookie with a value: value null means delete it.
 */
export function cookieFromWrite(cookie: CompanionWriteCookie & { value: string }, host: string): CookieInfo {
  const info: CookieInfo = {
    name: cookie.name,
    value: cookie.value,
    domain: cookie.domain ?? host,
    hostOnly: cookie.domain === null,
    path: cookie.path,
    secure: cookie.secure,
    httpOnly: cookie.httpOnly,
    sameSite: SAME_SITE[cookie.sameSite?.toLowerCase() ?? ''] ?? 'unspecified',
    session: true,
    partitionKey: null,
    storeId: '',
  };
  const expires = cookie.expires === null ? null : isoToUnix(cookie.expires);
  if (expires !== null) {
    info.session = false;
    info.expirationDate = expires.seconds;
  }
  return info;
}
