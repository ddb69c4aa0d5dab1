// The one expiry model: "when does this session end, and which rule decides it?", reconciled from
// every place that holds a piece of it: the browser cookie, `_session_expiry` (set_expiry),
// SESSION_COOKIE_AGE / SESSION_EXPIRE_AT_BROWSER_CLOSE, and the store itself (via the companion).
// The CLI (explainSession), the Session tab and the Cookies tab's audit all read this answer.
//
// Mirrors django/contrib/sessions/backends/base.py (get_expiry_age, get_expiry_date,
// get_expire_at_browser_close; base.py@5.2:265-372), middleware.py (the cookie gets
// max_age = get_expiry_age(), or no Max-Age at all when get_expire_at_browser_close()) and
// signed_cookies.py load() (signing.loads(max_age=get_session_cookie_age()), Django #19201).

import type { CompanionSession } from './companion';
import { formatDuration, isoToUnix, unixToUtc } from './time';
import type { PyValue } from './types';

export type ExpirySourceName = 'cookie' | 'set_expiry' | 'SESSION_COOKIE_AGE' | 'server';

/** The rule that ends a session, in Django's words. */
export type ExpiryRule =
  | 'SESSION_COOKIE_AGE' // no custom expiry: the age after the last save
  | 'set_expiry-seconds' // set_expiry(int): that many seconds after the last save
  | 'set_expiry-date' // set_expiry(datetime): an absolute end
  | 'browser-close' // set_expiry(0) / SESSION_EXPIRE_AT_BROWSER_CLOSE: no Max-Age on the cookie
  | 'cache-ttl' // the cache entry's TTL runs out first
  | 'db-expire-date' // the django_session row's expire_date comes first
  | 'file-mtime' // the session file's mtime + SESSION_COOKIE_AGE comes first
  | 'signed_cookies-max-age' // signed_cookies: the signature is older than SESSION_COOKIE_AGE
  | 'cookie-expires' // the browser drops the cookie earlier than any rule of the server says
  | 'unknown';

export interface ExpirySource {
  source: ExpirySourceName;
  /** Unix seconds, or null when this source alone cannot place the end in time. */
  endsAt: number | null;
  atBrowserClose: boolean;
  /** What this source's end is, as a rule. */
  rule: ExpiryRule;
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
  /**
   * The last save, when known without being a signature's max_age anchor: a db/file/cache
   * `session_data` value is signed by encode() on every save.
   */
  savedAt?: number | null;
  /** The companion's clock when it answered: a cache TTL counts from then, not from the panel's now. */
  serverTime?: number | null;
  now: number;
}

export interface ExpiryReport {
  endsAt: number | null;
  atBrowserClose: boolean;
  secondsLeft: number | null;
  expired: boolean;
  /** Which rule decides the end (the earliest binding end; on a tie, the rule that set it). */
  rule: ExpiryRule;
  /** The source whose end that is, null when none places it. */
  decidedBy: ExpirySourceName | null;
  sources: ExpirySource[];
  /** Set only when sources that Django keeps equal say different ends. */
  disagreement: string | null;
  /** The sources named by `disagreement` (the Cookies tab flags the cookie when it is one). */
  disagreeing: ExpirySourceName[];
}

/**
 * Ends closer than this are the same end: Django computes the cookie's Max-Age and the store's
 * expiry a few milliseconds apart in one request, Redis reports its TTL in whole seconds, and
 * the browser's clock may drift from the server's. The only tolerance in the product.
 */
export const SAME_END_TOLERANCE_SECONDS = 60;

/** What `_session_expiry` holds, read as Django reads it. */
type CustomExpiry =
  | { kind: 'absent' }
  | { kind: 'seconds'; seconds: number }
  | { kind: 'date'; at: number; naive: boolean; text: string }
  | { kind: 'unreadable'; text: string };

/**
 * A source's part in the reconciliation. `policy`: get_expiry_date() itself; `cookie` and
 * `store`: what Django derived from it at the last save, so they should equal it; `max-age`:
 * the signed_cookies signature age, which set_expiry does not move (it equals the policy only
 * when SESSION_COOKIE_AGE governs); `info`: places no end.
 */
type Role = 'policy' | 'cookie' | 'store' | 'max-age' | 'info';

interface Placed {
  source: ExpirySource;
  role: Role;
}

export function reconcileExpiry(input: ExpiryInput): ExpiryReport {
  const { cookie, settings, server, signedAt, now } = input;
  const anchor = signedAt ?? input.savedAt ?? null;
  const custom = readCustomExpiry(input.sessionData);
  const placed: Placed[] = [];

  if (cookie) placed.push({ role: 'cookie', source: cookieSource(cookie, custom) });

  // get_expire_at_browser_close(): the setting when _session_expiry is None, else expiry == 0.
  let policyAtBrowserClose: boolean | null = null;
  if (custom.kind !== 'absent') {
    const source = setExpirySource(custom, anchor);
    policyAtBrowserClose = source.atBrowserClose;
    placed.push({ role: source.endsAt === null ? 'info' : 'policy', source });
  }

  if (
    settings &&
    (settings.SESSION_COOKIE_AGE !== undefined || settings.SESSION_EXPIRE_AT_BROWSER_CLOSE !== undefined)
  ) {
    if (custom.kind === 'absent') policyAtBrowserClose = settings.SESSION_EXPIRE_AT_BROWSER_CLOSE ?? null;
    placed.push(cookieAgeSource(settings, custom, anchor, signedAt !== null));
  }

  if (server) {
    const source = serverSource(server, input.serverTime ?? now);
    const role: Role =
      source.endsAt === null ? 'info' : server.server.source === 'cookie' ? 'max-age' : 'store';
    placed.push({ role, source });
  }

  const binding = placed.filter((p) => p.role !== 'info' && p.source.endsAt !== null);
  const endsAt = binding.length > 0 ? Math.min(...binding.map((p) => p.source.endsAt as number)) : null;
  const atBrowserClose = cookie ? cookie.session : (policyAtBrowserClose ?? server?.atBrowserClose ?? false);
  const expired = (server?.expired ?? false) || (endsAt !== null && now >= endsAt);
  const decision = decide(binding, endsAt, custom, atBrowserClose);
  const { disagreement, disagreeing } = describeDisagreement(placed, custom, cookie, policyAtBrowserClose);

  return {
    endsAt,
    atBrowserClose,
    secondsLeft: endsAt === null ? null : Math.max(0, endsAt - now),
    expired,
    rule: decision.rule,
    decidedBy: decision.by,
    sources: placed.map((p) => p.source),
    disagreement,
    disagreeing,
  };
}

/** The rule get_expiry_age() follows for this `_session_expiry`. */
function policyRule(custom: CustomExpiry): ExpiryRule {
  switch (custom.kind) {
    case 'absent':
      return 'SESSION_COOKIE_AGE';
    case 'seconds':
      // `if not expiry: return get_session_cookie_age()`: set_expiry(0) keeps the age server-side.
      return custom.seconds === 0 ? 'SESSION_COOKIE_AGE' : 'set_expiry-seconds';
    case 'date':
      return 'set_expiry-date';
    case 'unreadable':
      return 'unknown';
  }
}

/**
 * The earliest binding end decides. Ends within the tolerance of it are the same end: then the
 * rule that set them all (get_expiry_date(): the cookie and the store were both derived from it)
 * names it, and a mechanism (a TTL, a row, a signature's age) only when it comes strictly first.
 */
function decide(
  binding: Placed[],
  endsAt: number | null,
  custom: CustomExpiry,
  atBrowserClose: boolean,
): { rule: ExpiryRule; by: ExpirySourceName | null } {
  if (endsAt === null) return { rule: atBrowserClose ? 'browser-close' : 'unknown', by: null };
  if (atBrowserClose) {
    // The browser forgets the cookie first; the end found is only the latest it can live.
    const first = binding.find((p) => (p.source.endsAt as number) === endsAt);
    return { rule: 'browser-close', by: first?.source.source ?? null };
  }
  const tied = binding.filter((p) => (p.source.endsAt as number) - endsAt <= SAME_END_TOLERANCE_SECONDS);
  const policyPlaced = binding.some((p) => p.role === 'policy');
  const pick = (role: Role) => tied.find((p) => p.role === role);
  const policy = pick('policy');
  if (policy) return { rule: policy.source.rule, by: policy.source.source };
  const fromCookie = pick('cookie');
  const store = pick('store') ?? pick('max-age');
  // The cookie's Max-Age is get_expiry_age() of its response: it names the policy when nothing
  // says the policy ends later (no anchor to place it), or when a store derived the same end.
  if (fromCookie && (store || !policyPlaced)) return { rule: policyRule(custom), by: 'cookie' };
  if (store) return { rule: store.source.rule, by: store.source.source };
  if (fromCookie) return { rule: 'cookie-expires', by: 'cookie' };
  return { rule: 'unknown', by: null };
}

function cookieSource(cookie: NonNullable<ExpiryInput['cookie']>, custom: CustomExpiry): ExpirySource {
  return cookie.session
    ? {
        source: 'cookie',
        endsAt: null,
        atBrowserClose: true,
        rule: 'browser-close',
        note: 'session cookie: no Expires/Max-Age',
      }
    : {
        source: 'cookie',
        endsAt: cookie.expirationDate ?? null,
        atBrowserClose: false,
        rule: policyRule(custom),
        note: 'the browser drops the cookie at its Expires/Max-Age',
      };
}

function setExpirySource(
  custom: Exclude<CustomExpiry, { kind: 'absent' }>,
  anchor: number | null,
): ExpirySource {
  switch (custom.kind) {
    case 'seconds':
      if (custom.seconds === 0) {
        return {
          source: 'set_expiry',
          endsAt: null,
          atBrowserClose: true,
          rule: 'browser-close',
          note: 'set_expiry(0): ends when the browser closes',
        };
      }
      // An int means "this many seconds of inactivity": counted from the last save, which only
      // a signing timestamp tells us.
      return {
        source: 'set_expiry',
        endsAt: anchor === null ? null : anchor + custom.seconds,
        atBrowserClose: false,
        rule: 'set_expiry-seconds',
        note: `set_expiry(${custom.seconds}): ${formatDuration(custom.seconds)} after the last save`,
      };
    case 'date':
      return {
        source: 'set_expiry',
        endsAt: custom.at,
        atBrowserClose: false,
        rule: 'set_expiry-date',
        note: `set_expiry(${custom.text})${custom.naive ? ': a naive datetime, read as UTC (the server uses its TIME_ZONE)' : ''}`,
      };
    case 'unreadable':
      return {
        source: 'set_expiry',
        endsAt: null,
        atBrowserClose: false,
        rule: 'unknown',
        note: `_session_expiry = ${custom.text}: not a value Django can read`,
      };
  }
}

function cookieAgeSource(
  settings: NonNullable<ExpiryInput['settings']>,
  custom: CustomExpiry,
  anchor: number | null,
  signedCookie: boolean,
): Placed {
  const age = settings.SESSION_COOKIE_AGE;
  const ageText =
    age === undefined ? 'SESSION_COOKIE_AGE' : `SESSION_COOKIE_AGE = ${age} (${formatDuration(age)})`;
  const endsAt = age !== undefined && anchor !== null ? anchor + age : null;
  // `if not expiry: return get_session_cookie_age()`: 0 falls back to the age too.
  const governs = custom.kind === 'absent' || (custom.kind === 'seconds' && custom.seconds === 0);
  if (custom.kind === 'absent' && settings.SESSION_EXPIRE_AT_BROWSER_CLOSE) {
    const note = `SESSION_EXPIRE_AT_BROWSER_CLOSE = True; ${ageText}`;
    const source: ExpirySource = {
      source: 'SESSION_COOKIE_AGE',
      endsAt,
      atBrowserClose: true,
      rule: 'browser-close',
      note,
    };
    return { role: endsAt === null ? 'info' : 'policy', source };
  }
  if (governs) {
    const source: ExpirySource = {
      source: 'SESSION_COOKIE_AGE',
      endsAt,
      atBrowserClose: false,
      rule: 'SESSION_COOKIE_AGE',
      note: `${ageText} after the last save`,
    };
    return { role: endsAt === null ? 'info' : 'policy', source };
  }
  // set_expiry chose another end. A signed_cookies session is still refused once its signature
  // is older than the age (signed_cookies.py load()), so the age binds; elsewhere it is moot.
  const source: ExpirySource = signedCookie
    ? {
        source: 'SESSION_COOKIE_AGE',
        endsAt,
        atBrowserClose: false,
        rule: 'signed_cookies-max-age',
        note: `${ageText}: the signature's max_age, which set_expiry does not change (Django #19201)`,
      }
    : {
        source: 'SESSION_COOKIE_AGE',
        endsAt: null,
        atBrowserClose: false,
        rule: 'SESSION_COOKIE_AGE',
        note: `${ageText}: overridden by set_expiry`,
      };
  return { role: source.endsAt === null ? 'info' : 'max-age', source };
}

const STORE_RULE: Record<CompanionSession['expiry']['server']['source'], ExpiryRule> = {
  db: 'db-expire-date',
  cache: 'cache-ttl',
  file: 'file-mtime',
  cookie: 'signed_cookies-max-age',
  unknown: 'unknown',
};

function serverSource(server: CompanionSession['expiry'], answeredAt: number): ExpirySource {
  const store = server.server;
  const at = store.expiresAt === null ? null : isoToUnix(store.expiresAt);
  const endsAt = at !== null ? at.seconds : store.ttl !== null ? answeredAt + store.ttl : null;
  const where = store.source === 'unknown' ? 'the store' : `the ${store.source}`;
  const note =
    endsAt === null
      ? `${where}: no expiry reported`
      : `${where} drops it${store.source === 'cache' && at === null ? ' when its TTL runs out' : ''}`;
  return { source: 'server', endsAt, atBrowserClose: false, rule: STORE_RULE[store.source], note };
}

/**
 * Sources that Django keeps equal: the cookie's Max-Age, get_expiry_date() and the store's own
 * end are all computed from one save. The signed_cookies max_age joins them only when
 * SESSION_COOKIE_AGE is the policy (set_expiry moves the cookie, never the signature's age).
 */
function describeDisagreement(
  placed: Placed[],
  custom: CustomExpiry,
  cookie: ExpiryInput['cookie'],
  policyAtBrowserClose: boolean | null,
): { disagreement: string | null; disagreeing: ExpirySourceName[] } {
  const notes: string[] = [];
  const names = new Set<ExpirySourceName>();
  const ageGoverns = policyRule(custom) === 'SESSION_COOKIE_AGE';
  const equal = placed.filter(
    (p) =>
      p.source.endsAt !== null &&
      (p.role === 'policy' ||
        p.role === 'cookie' ||
        p.role === 'store' ||
        (p.role === 'max-age' && ageGoverns)),
  );
  if (equal.length > 1) {
    const sorted = [...equal].sort((a, b) => (a.source.endsAt as number) - (b.source.endsAt as number));
    const first = sorted[0] as Placed;
    const last = sorted[sorted.length - 1] as Placed;
    const start = first.source.endsAt as number;
    if ((last.source.endsAt as number) - start > SAME_END_TOLERANCE_SECONDS) {
      // Exact times and the gap: two ends a minute apart must not read as the same date.
      const when = (p: Placed) => {
        const at = p.source.endsAt as number;
        const gap = at - start > SAME_END_TOLERANCE_SECONDS ? ` (${formatDuration(at - start)} later)` : '';
        return `${p.source.source} ${unixToUtc(at)}${gap}`;
      };
      notes.push(`${sorted.map(when).join(', ')}: the earliest (${first.source.source}) wins`);
      for (const p of sorted) names.add(p.source.source);
    }
  }
  if (cookie && policyAtBrowserClose !== null && cookie.session !== policyAtBrowserClose) {
    notes.push(
      cookie.session
        ? 'the cookie is a browser-session cookie, but the session is not set to end at browser close'
        : 'the session is set to end at browser close, but the cookie has an expiry date',
    );
    names.add('cookie');
    names.add(custom.kind === 'absent' ? 'SESSION_COOKIE_AGE' : 'set_expiry');
  }
  return { disagreement: notes.length > 0 ? notes.join('; ') : null, disagreeing: [...names] };
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

/** How the rule reads in a sentence: "live until … (rule)". */
export const EXPIRY_RULE_TEXT: Record<ExpiryRule, string> = {
  SESSION_COOKIE_AGE: 'SESSION_COOKIE_AGE after the last save',
  'set_expiry-seconds': 'set_expiry(seconds) after the last save',
  'set_expiry-date': 'the date given to set_expiry()',
  'browser-close': 'ends when the browser closes',
  'cache-ttl': "the cache entry's TTL",
  'db-expire-date': "the database row's expire_date",
  'file-mtime': "the session file's mtime + SESSION_COOKIE_AGE",
  'signed_cookies-max-age': "the signed cookie's max_age (SESSION_COOKIE_AGE since it was signed)",
  'cookie-expires': "the cookie's own Expires/Max-Age",
  unknown: 'no rule known',
};
