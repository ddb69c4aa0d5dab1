// What one completed request did to the session, from the best evidence there is: the
// companion's record (the stored session before the view and after the save) when the site
// named one, else the cookies. For signed_cookies the request's cookie and the response's cookie
// are the session before and after, decoded here in the panel with the keys the user entered
// (keys never leave the panel); for a store-backed engine the cookie is only the key.
import {
  type CompanionSite,
  type CompanionTimelineRecord,
  type DecodeOptions,
  type DecodeReport,
  diffTimelineRecord,
  type ExpirySettings,
  isSignedCookiesEngine,
  parseCookieHeader,
  parseSetCookie,
  type SessionSnapshot,
  type SessionStep,
  sessionKeySnapshot,
  sessionStep,
  signedCookieSnapshot,
  toExactJson,
} from '../../core/index';
import type { CompletedRequest } from '../../messaging/protocol';
import type { TimelineEntry } from './entries';

export interface TimelineContext {
  sessionCookieName: string;
  keys: readonly string[];
  /** The companion's last answer for the site (engine, settings), null when it has not answered. */
  site: CompanionSite | null;
}

export interface TimelineReaders {
  /** The record the X-Sessionlens-Record header named, or why it cannot be had. */
  fetchRecord: (
    path: string,
  ) => Promise<{ ok: true; record: CompanionTimelineRecord } | { ok: false; why: string }>;
  decode: (value: string, options: DecodeOptions) => Promise<DecodeReport>;
}

/**
 * A session larger than this as JSON is not kept: the companion bounds its records the same way
 * (SESSIONLENS["TIMELINE_MAX_BYTES"], 256 KiB), and 300 entries of cookies inflated to the
 * decoder's 4 MiB limit would hold gigabytes in the panel.
 */
const MAX_KEPT_SESSION_CHARS = 256 * 1024;

export type EntryBody = Pick<TimelineEntry, 'source' | 'changes' | 'omitted' | 'after' | 'note'>;

export function expirySettings(site: CompanionSite | null): ExpirySettings | null {
  if (site === null) return null;
  const age = site.settings.SESSION_COOKIE_AGE;
  const close = site.settings.SESSION_EXPIRE_AT_BROWSER_CLOSE;
  return {
    ...(typeof age === 'number' ? { SESSION_COOKIE_AGE: age } : {}),
    ...(typeof close === 'boolean' ? { SESSION_EXPIRE_AT_BROWSER_CLOSE: close } : {}),
  };
}

const body = (step: SessionStep, source: EntryBody['source'], note: string | null): EntryBody => ({
  source,
  changes: step.changes,
  omitted: step.omitted,
  after: step.after,
  note,
});

export async function describeRequest(
  request: CompletedRequest,
  ctx: TimelineContext,
  readers: TimelineReaders,
): Promise<EntryBody> {
  const signedCookies = ctx.site === null ? null : isSignedCookiesEngine(ctx.site.engine);
  let note: string | null = null;
  if (request.record !== null) {
    const got = await readers.fetchRecord(request.record);
    if (got.ok && got.record.truncated) {
      note =
        'The companion did not keep this request: its sessions exceed SESSIONLENS["TIMELINE_MAX_BYTES"].';
    } else if (got.ok) {
      return body(
        diffTimelineRecord(got.record, expirySettings(ctx.site), signedCookies === true),
        'companion',
        null,
      );
    } else {
      note = got.why;
    }
  }
  const cookies = await fromCookies(request, ctx, readers, signedCookies);
  return { ...cookies, note: note ?? cookies.note };
}

/** The Set-Cookie of `name` the browser keeps from this response (the last one), or null. */
function sessionSetCookie(request: CompletedRequest, name: string) {
  return (
    request.setCookies
      .map((line) => parseSetCookie(line, request.time))
      .filter((c) => c !== null && c.name === name)
      .at(-1) ?? null
  );
}

/** The response deleted the cookie (delete_cookie(): Max-Age=0). */
export function deletesCookie(request: CompletedRequest, name: string): boolean {
  return sessionSetCookie(request, name)?.deleted === true;
}

async function fromCookies(
  request: CompletedRequest,
  ctx: TimelineContext,
  readers: TimelineReaders,
  signedCookies: boolean | null,
): Promise<EntryBody> {
  const name = ctx.sessionCookieName;
  const sent = request.cookie === null ? null : (parseCookieHeader(request.cookie).get(name) ?? null);
  const set = sessionSetCookie(request, name);
  // No Set-Cookie for the session cookie: the browser holds what it sent, the cookie says nothing changed.
  if (set === null) return { source: 'cookie', changes: [], omitted: 0, after: null, note: null };
  const kept = set.deleted ? null : set.value;
  const keys = ctx.keys.filter((k) => k !== '');
  const options: DecodeOptions = {
    kind: signedCookies === true ? 'session-cookie' : 'auto',
    keys,
    cookieName: name,
    now: request.time,
  };
  const [beforeReport, afterReport] = await Promise.all([
    sent === null || sent === '' ? null : readers.decode(sent, options),
    kept === null || kept === '' ? null : readers.decode(kept, options),
  ]);
  const readsAsSession = (r: DecodeReport | null) =>
    r !== null && r.kind === 'session-cookie' && r.data !== null;
  const signed = signedCookies ?? (readsAsSession(beforeReport) || readsAsSession(afterReport));
  // A signed_cookies session that did not decode (a value built to be too large, a tampered one
  // whose payload is unreadable) tells nothing: no diff, rather than a session "created" from nothing.
  const unreadable = [beforeReport, afterReport].find(
    (r): r is DecodeReport =>
      r !== null && r.data === null && (signedCookies === true || r.kind === 'session-cookie'),
  );
  const oversized = [beforeReport, afterReport].some(
    (r) => r?.data != null && toExactJson(r.data).length > MAX_KEPT_SESSION_CHARS,
  );
  if (oversized)
    return {
      source: 'cookie',
      changes: [],
      omitted: 0,
      after: null,
      note: `The session in the cookie is over ${MAX_KEPT_SESSION_CHARS / 1024} KiB as JSON: too large to keep in the timeline (the Session tab shows it).`,
    };
  if (unreadable)
    return {
      source: 'cookie',
      changes: [],
      omitted: 0,
      after: null,
      note: `The session cookie could not be read: ${unreadable.message ?? unreadable.code ?? 'no data'}.`,
    };
  if (!signed) {
    const key = (v: string | null): SessionSnapshot | null =>
      v === null || v === '' ? null : sessionKeySnapshot(v);
    return body(
      sessionStep(key(sent), key(kept)),
      'cookie',
      "The session data is on the server: with the companion's SessionTimelineMiddleware the timeline shows what changed in it.",
    );
  }
  const settings = expirySettings(ctx.site);
  const snapshot = (r: DecodeReport | null, cookie: { session: boolean; expirationDate?: number } | null) =>
    r === null ? null : signedCookieSnapshot(r.data, r.timestamp, cookie, settings, request.time);
  const after = snapshot(afterReport, {
    session: set.session,
    ...(set.expirationDate !== undefined ? { expirationDate: set.expirationDate } : {}),
  });
  const unverified = [beforeReport, afterReport].some((r) => r !== null && r.verified !== true);
  return body(
    sessionStep(snapshot(beforeReport, null), after),
    'cookie',
    unverified
      ? keys.length === 0
        ? 'Read from the cookie without a key: enter SECRET_KEY in Keys to verify it.'
        : 'No key entered verifies this cookie: it may not be what the site signed.'
      : null,
  );
}
