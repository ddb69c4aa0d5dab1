import type { CookieInfo } from '../core/cookies/index';
import type { BrowserCookie } from '../platform/index';

/** The browser's cookie, reduced to the fields the panel reads (Firefox adds firstPartyDomain etc.). */
export function toCookieInfo(c: BrowserCookie): CookieInfo {
  const info: CookieInfo = {
    name: c.name,
    value: c.value,
    domain: c.domain,
    hostOnly: c.hostOnly,
    path: c.path,
    secure: c.secure,
    httpOnly: c.httpOnly,
    sameSite: c.sameSite,
    session: c.session,
    partitionKey: c.partitionKey ?? null,
    partitioned: c.partitionKey !== undefined && c.partitionKey !== null,
    storeId: c.storeId,
  };
  if (c.expirationDate !== undefined) info.expirationDate = c.expirationDate;
  return info;
}
