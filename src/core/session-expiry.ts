// The evidence the panel holds about one session, turned into the expiry model's input: the
// browser's cookie, the cookie's own decode (a signed_cookies session) and the companion's answer.
// The Session tab and the Cookies tab's audit both ask here, so they cannot reconcile differently.
import type { CompanionSession, TaggedJson } from './companion';
import type { CookieInfo } from './cookies/index';
import { isSignedCookiesEngine } from './django-defaults';
import { type ExpiryInput, type ExpiryReport, reconcileExpiry } from './expiry';
import { fromTaggedJson } from './pyvalue';
import type { DecodeReport } from './types';

export interface SessionEvidence {
  cookie: CookieInfo | null;
  /** The session cookie's decode (read as a signed_cookies session), null when not decoded. */
  report: DecodeReport | null;
  server: CompanionSession | null;
  now: number;
}

/** The companion knows the engine; without it, a session cookie that decodes as one is one. */
export function isSignedCookiesSession(
  report: DecodeReport | null,
  server: CompanionSession | null,
): boolean {
  if (server) return isSignedCookiesEngine(server.engine);
  return (
    report !== null && report.kind === 'session-cookie' && (report.data !== null || report.verified === true)
  );
}

function sessionExpiryInput({ cookie, report, server, now }: SessionEvidence): ExpiryInput {
  const signed = isSignedCookiesSession(report, server);
  return {
    cookie: cookie ? { session: cookie.session, expirationDate: cookie.expirationDate } : null,
    sessionData: server ? fromTaggedJson(server.data) : signed ? (report?.data ?? null) : null,
    settings: server
      ? {
          SESSION_COOKIE_AGE: numberSetting(server.settings.SESSION_COOKIE_AGE),
          SESSION_EXPIRE_AT_BROWSER_CLOSE: boolSetting(server.settings.SESSION_EXPIRE_AT_BROWSER_CLOSE),
        }
      : null,
    server: server ? server.expiry : null,
    // The signed_cookies backend signs on every save: the timestamp is the last modification.
    signedAt: signed ? (report?.timestamp ?? null) : null,
    serverTime: server?.serverTime ?? null,
    now,
  };
}

/** The reconciled expiry, or null when neither the browser nor the server has a session. */
export function sessionExpiry(evidence: SessionEvidence): ExpiryReport | null {
  if (evidence.cookie === null && evidence.server === null) return null;
  return reconcileExpiry(sessionExpiryInput(evidence));
}

function numberSetting(v: TaggedJson | undefined): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

function boolSetting(v: TaggedJson | undefined): boolean | undefined {
  return typeof v === 'boolean' ? v : undefined;
}
