// One answer to "when does this session end?", reconciled from every place that holds a piece of
// it: the browser cookie, `_session_expiry` (set_expiry), SESSION_COOKIE_AGE /
// SESSION_EXPIRE_AT_BROWSER_CLOSE, and the store itself (via the companion).
//
// Mirrors django/contrib/sessions/backends/base.py (get_expiry_age, get_expiry_date,
// get_expire_at_browser_close; base.py@5.2:265-372) and middleware.py (the cookie gets
// max_age = get_expiry_age(), or no Max-Age at all when get_expire_at_browser_close()).

import type { CompanionSession } from './companion';
import { formatDuration } from './cookies/index';
import { isoToUnix } from './session';
import type { PyValue } from './types';

export type ExpirySourceName = 'cookie' | 'set_expiry' | 'SESSION_COOKIE_AGE' | 'server';

export interface ExpirySource {
  source: ExpirySourceName;
  /** Unix seconds, or null when this source alone cannot place the end in time. */
  endsAt: number | null;
  atBrowserClose: boolean;
  note: string;
}

export interface ExpiryInput {
  /** The browser's cookie (the fields of the cookies API's Cookie): `session` = no Expires/Max-Age. */
  cookie: { session: boolean; expirationDate?: number } | null;
  /** The decoded session dict (signed cookie, or the companion's data through fromTaggedJson). */
  sessionData: PyValue | null;
  settings: { SESSION_COOKIE_AGE?: number; SESSION_EXPIRE_AT_BROWSER_CLOSE?: boolean } | null;
  server: CompanionSession['expiry'] | null;
  /** The signed_cookies backend's signing time: the session's last save, and the anchor of its max_age. */
  signedAt: number | null;
  now: number;
}

export interface ExpiryReport {
  endsAt: number | null;
  atBrowserClose: boolean;
  secondsLeft: number | null;
  expired: boolean;
  sources: ExpirySource[];
  disagreement: string | null;
}

/** Ends closer than this are the same end: cookie Max-Age and the store's expiry are computed a
 * few milliseconds apart in one request, and the browser's clock may drift from the server's. */
const SAME_END_TOLERANCE = 30;

/** What `_session_expiry` holds, read as Django reads it. */
type CustomExpiry =
  | { kind: 'absent' }
  | { kind: 'seconds'; seconds: number }
  | { kind: 'date'; at: number; naive: boolean; text: string }
  | { kind: 'unreadable'; text: string };

export function reconcileExpiry(input: ExpiryInput): ExpiryReport {
  const { cookie, settings, server, signedAt, now } = input;
  const custom = readCustomExpiry(input.sessionData);
  const sources: ExpirySource[] = [];
  // Ends that actually remove the session: the browser dropping the cookie, the store dropping
  // the data, an absolute set_expiry date, a signed cookie's signature max_age.
  const binding: ExpirySource[] = [];

  if (cookie) {
    const s: ExpirySource = cookie.session
      ? { source: 'cookie', endsAt: null, atBrowserClose: true, note: 'session cookie: no Expires/Max-Age' }
      : {
          source: 'cookie',
          endsAt: cookie.expirationDate ?? null,
          atBrowserClose: false,
          note: 'the browser drops the cookie at its Expires/Max-Age',
        };
    sources.push(s);
    if (s.endsAt !== null) binding.push(s);
  }

  // get_expire_at_browser_close(): the setting when _session_expiry is None, else expiry == 0.
  let policyAtBrowserClose: boolean | null = null;
  if (custom.kind !== 'absent') {
    const s = setExpirySource(custom, signedAt);
    policyAtBrowserClose = s.atBrowserClose;
    sources.push(s);
    if (s.endsAt !== null) binding.push(s);
  }

  if (
    settings &&
    (settings.SESSION_COOKIE_AGE !== undefined || settings.SESSION_EXPIRE_AT_BROWSER_CLOSE !== undefined)
  ) {
    const s = cookieAgeSource(settings, custom, signedAt);
    if (custom.kind === 'absent') policyAtBrowserClose = settings.SESSION_EXPIRE_AT_BROWSER_CLOSE ?? null;
    sources.push(s);
    // A signed_cookies session is refused once its signature is older than SESSION_COOKIE_AGE,
    // whatever set_expiry said (signed_cookies.py load(); Django #19201): then it binds.
    if (s.endsAt !== null) binding.push(s);
  }

  if (server) {
    const s = serverSource(server, now);
    sources.push(s);
    if (s.endsAt !== null) binding.push(s);
  }

  const ends = binding.map((s) => s.endsAt as number);
  const endsAt = ends.length > 0 ? Math.min(...ends) : null;
  const atBrowserClose = cookie ? cookie.session : (policyAtBrowserClose ?? server?.atBrowserClose ?? false);
  const expired = (server?.expired ?? false) || (endsAt !== null && now >= endsAt);

  return {
    endsAt,
    atBrowserClose,
    secondsLeft: endsAt === null ? null : Math.max(0, endsAt - now),
    expired,
    sources,
    disagreement: describeDisagreement(binding, cookie, policyAtBrowserClose, now),
  };
}

function setExpirySource(
  custom: Exclude<CustomExpiry, { kind: 'absent' }>,
  signedAt: number | null,
): ExpirySource {
  switch (custom.kind) {
    case 'seconds':
      if (custom.seconds === 0) {
        return {
          source: 'set_expiry',
          endsAt: null,
          atBrowserClose: true,
          note: 'set_expiry(0): ends when the browser closes',
        };
      }
      // An int means "this many seconds of inactivity": counted from the last save, which only
      // a signed cookie's timestamp tells us.
      return {
        source: 'set_expiry',
        endsAt: signedAt === null ? null : signedAt + custom.seconds,
        atBrowserClose: false,
        note: `set_expiry(${custom.seconds}): ${formatDuration(custom.seconds)} after the last save`,
      };
    case 'date':
      return {
        source: 'set_expiry',
        endsAt: custom.at,
        atBrowserClose: false,
        note: `set_expiry(${custom.text})${custom.naive ? ': a naive datetime, read as UTC (the server uses its TIME_ZONE)' : ''}`,
      };
    case 'unreadable':
      return {
        source: 'set_expiry',
        endsAt: null,
        atBrowserClose: false,
        note: `_session_expiry = ${custom.text}: not a value Django can read`,
      };
  }
}

function cookieAgeSource(
  settings: NonNullable<ExpiryInput['settings']>,
  custom: CustomExpiry,
  signedAt: number | null,
): ExpirySource {
  const age = settings.SESSION_COOKIE_AGE;
  const ageText =
    age === undefined ? 'SESSION_COOKIE_AGE' : `SESSION_COOKIE_AGE = ${age} (${formatDuration(age)})`;
  // For a signed_cookies session (signedAt known) the age is the signature max_age: it binds
  // even when set_expiry chose another end.
  const endsAt = age !== undefined && signedAt !== null ? signedAt + age : null;
  if (custom.kind === 'absent' && settings.SESSION_EXPIRE_AT_BROWSER_CLOSE) {
    return {
      source: 'SESSION_COOKIE_AGE',
      endsAt,
      atBrowserClose: true,
      note: `SESSION_EXPIRE_AT_BROWSER_CLOSE = True; ${ageText}`,
    };
  }
  // `if not expiry: return get_session_cookie_age()`: 0 falls back to the age too.
  const governs = custom.kind === 'absent' || (custom.kind === 'seconds' && custom.seconds === 0);
  const note = governs
    ? `${ageText} after the last save`
    : signedAt !== null
      ? `${ageText}: the signature's max_age, which set_expiry does not change (Django #19201)`
      : `${ageText}: overridden by set_expiry`;
  return { source: 'SESSION_COOKIE_AGE', endsAt, atBrowserClose: false, note };
}

function serverSource(server: CompanionSession['expiry'], now: number): ExpirySource {
  const store = server.server;
  const at = store.expiresAt === null ? null : isoToUnix(store.expiresAt);
  const endsAt = at !== null ? at.seconds : store.ttl !== null ? now + store.ttl : null;
  const where = store.source === 'unknown' ? 'the store' : `the ${store.source}`;
  const note =
    endsAt === null
      ? `${where}: no expiry reported`
      : `${where} drops it${store.source === 'cache' && at === null ? ' when its TTL runs out' : ''}`;
  return { source: 'server', endsAt, atBrowserClose: false, note };
}

function describeDisagreement(
  binding: ExpirySource[],
  cookie: ExpiryInput['cookie'],
  policyAtBrowserClose: boolean | null,
  now: number,
): string | null {
  const notes: string[] = [];
  if (binding.length > 1) {
    const sorted = [...binding].sort((a, b) => (a.endsAt as number) - (b.endsAt as number));
    const first = sorted[0] as ExpirySource;
    const last = sorted[sorted.length - 1] as ExpirySource;
    if ((last.endsAt as number) - (first.endsAt as number) > SAME_END_TOLERANCE) {
      const when = (s: ExpirySource) => `${s.source} ${relative(s.endsAt as number, now)}`;
      notes.push(`${sorted.map(when).join(', ')}: the earliest (${first.source}) wins`);
    }
  }
  if (cookie && policyAtBrowserClose !== null && cookie.session !== policyAtBrowserClose) {
    notes.push(
      cookie.session
        ? 'the cookie is a browser-session cookie, but the session is not set to end at browser close'
        : 'the session is set to end at browser close, but the cookie has an expiry date',
    );
  }
  return notes.length > 0 ? notes.join('; ') : null;
}

function relative(at: number, now: number): string {
  const d = at - now;
  return d > 0 ? `in ${formatDuration(d)}` : `${formatDuration(-d)} ago`;
}

function readCustomExpiry(data: PyValue | null): CustomExpiry {
  if (data?.t !== 'dict') return { kind: 'absent' };
  const entry = data.entries.find(([k]) => k.t === 'str' && k.v === '_session_expiry');
  if (!entry) return { kind: 'absent' };
  const v = entry[1];
  switch (v.t) {
    case 'none':
      return { kind: 'absent' };
    case 'int':
    case 'float': {
      // `if not isinstance(expiry, (datetime, str)): return expiry` — a number is seconds.
      const seconds = Number(v.v);
      return Number.isFinite(seconds) ? { kind: 'seconds', seconds } : { kind: 'unreadable', text: v.v };
    }
    case 'str': // 4.1+: set_expiry stores datetime.isoformat()
    case 'datetime': {
      // ≤4.0 with PickleSerializer: the datetime object itself
      const parsed = isoToUnix(v.v);
      return parsed
        ? { kind: 'date', at: parsed.seconds, naive: parsed.naive, text: v.v }
        : { kind: 'unreadable', text: JSON.stringify(v.v) };
    }
    default:
      return { kind: 'unreadable', text: v.t };
  }
}
