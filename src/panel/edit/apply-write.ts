// Every edit the panel makes goes through applyWrite: a write through the companion (Django's own
// SessionStore changes the session; then the browser gets the cookie SessionMiddleware would have
// set), or a cookie set or removed in the browser (a value re-signed in the panel, a cookie edited
// in the Cookies tab). One door, so each edit can be recorded (e.g. in a timeline) in one place.
import {
  type CompanionSession,
  type CompanionSiteOnly,
  type CompanionWrite,
  type CookieInfo,
  cookieFromWrite,
} from '../../core/index';
import { request } from '../../messaging/request';

/** Where the companion is and which session the write names (the browser's session cookie). */
export interface CompanionTarget {
  origin: string;
  path: string;
  sessionValue: string;
  token: string;
}

export type Write =
  | { via: 'companion'; target: CompanionTarget; write: CompanionWrite }
  /** `url`: the page the cookie is for (its scheme and host; the cookie's own path applies). */
  | { via: 'cookie'; url: string; cookie: CookieInfo }
  | { via: 'remove-cookie'; url: string; name: string; partitionKey: { topLevelSite?: string } | null };

export type WriteOutcome =
  | {
      ok: true;
      /** A companion write: the session as Django now holds it. */
      session?: CompanionSiteOnly | CompanionSession;
      /** The cookie the browser now holds (null: removed; absent: unchanged). */
      cookie?: CookieInfo | null;
    }
  | { ok: false; message: string };

export async function applyWrite(write: Write): Promise<WriteOutcome> {
  switch (write.via) {
    case 'companion':
      return writeThroughCompanion(write.target, write.write);
    case 'cookie':
      return setCookie(write.url, write.cookie);
    case 'remove-cookie':
      return removeCookie(write.url, write.name, write.partitionKey);
  }
}

async function setCookie(url: string, cookie: CookieInfo): Promise<WriteOutcome> {
  const set = await request('setCookie', { url, cookie });
  return set.ok ? { ok: true, cookie: set.value } : { ok: false, message: set.message };
}

async function removeCookie(
  url: string,
  name: string,
  partitionKey: { topLevelSite?: string } | null,
): Promise<WriteOutcome> {
  const removed = await request('removeCookie', { url, name, partitionKey });
  if (!removed.ok) return { ok: false, message: removed.message };
  return removed.value.removed
    ? { ok: true, cookie: null }
    : { ok: false, message: 'The browser found no such cookie to delete (already gone?).' };
}

async function writeThroughCompanion(target: CompanionTarget, write: CompanionWrite): Promise<WriteOutcome> {
  const res = await request('writeCompanion', { ...target, write });
  if (!res.ok) return { ok: false, message: res.message };
  const lookup = res.value;
  if (lookup.status === 'absent') {
    return {
      ok: false,
      message: `The site refused the write (HTTP ${lookup.httpStatus ?? '—'}): writes are off there (SESSIONLENS["ALLOW_WRITES"], by default on only with DEBUG), or the companion is no longer installed.`,
    };
  }
  if (lookup.status === 'invalid') {
    return { ok: false, message: `The companion's answer is not understood: ${lookup.problem}` };
  }
  const answer = lookup.response;
  if (!answer.ok) return { ok: false, message: `${answer.message} (${answer.code})` };
  const { cookie, ...session } = answer;
  if (cookie === undefined) return { ok: true, session };
  // Django has saved the session: the browser must now hold the cookie the middleware would have
  // sent, or the next page reads the old key (or, for signed_cookies, the old data).
  const url = new URL(cookie.path, target.origin).href;
  const followed =
    cookie.value === null
      ? await removeCookie(url, cookie.name, null)
      : await setCookie(url, cookieFromWrite({ ...cookie, value: cookie.value }, new URL(url).hostname));
  if (!followed.ok) {
    return {
      ok: false,
      message: `Django saved the change, but the browser did not take the new ${cookie.name} cookie: ${followed.message}`,
    };
  }
  return { ok: true, session, cookie: followed.cookie ?? null };
}
