// What one request did to a session: the changes between the session before it and after it,
// from the companion's timeline record (the stored session, read before the view ran and after
// SessionMiddleware saved it) or from the session cookie itself (signed_cookies: the request's
// cookie and the response's cookie ARE the session before and after). Keys added, changed and
// removed, compared as Python compares them (== on the deserialized values: dict and set order
// never matter, a tuple is not a list, big ints and datetimes by their exact text); the session
// created, flushed or its key cycled; the expiry policy changed, with the rule the one expiry
// model (expiry.ts) now names; the user logged in, out, or out by a password change.
import type {
  CompanionSession,
  CompanionSessionState,
  CompanionSiteOnly,
  CompanionTimelineRecord,
} from './companion';
import { type ExpiryInput, type ExpiryRule, reconcileExpiry } from './expiry';
import { fromTaggedJson, pyRepr } from './pyvalue';
import type { PyValue } from './types';

/** Who the session names, as far as the evidence tells: the companion's get_user(), or `_auth_user_id` alone. */
export interface SessionUser {
  /** `_auth_user_id`; null: nobody is logged in. */
  id: string | null;
  username: string | null;
  /** get_user().is_authenticated; null when only the session data was seen (no companion). */
  authenticated: boolean | null;
  /** The stored `_auth_user_hash` still matches the user's password; null when unknown. */
  hashValid: boolean | null;
}

export interface SnapshotExpiry {
  rule: ExpiryRule;
  endsAt: number | null;
  atBrowserClose: boolean;
  /** `_session_expiry` as stored (set_expiry's argument), null when absent. */
  custom: PyValue | null;
}

/** One session at one moment. */
export interface SessionSnapshot {
  /**
   * What names the session where that is other than its data: the companion's masked key, or
   * the cookie of a store-backed engine (the key itself). null for signed_cookies, whose cookie
   * changes on every save.
   */
  key: string | null;
  /** The session dict; null when not known (a store-backed engine seen without the companion). */
  data: PyValue | null;
  expiry: SnapshotExpiry | null;
  user: SessionUser | null;
}

export type UserChange = 'login' | 'logout' | 'switched' | 'hash-invalidated';

export type SessionChange =
  | { kind: 'created' }
  | { kind: 'flushed' }
  /** The keys as the snapshots hold them (the companion's are masked already). */
  | { kind: 'key-rotated'; before: string | null; after: string | null }
  /** `path`: the dict keys from the session's top level down to the value that differs. */
  | { kind: 'added'; path: string[]; value: PyValue }
  | { kind: 'changed'; path: string[]; old: PyValue; value: PyValue }
  | { kind: 'removed'; path: string[]; old: PyValue }
  | { kind: 'expiry'; before: SnapshotExpiry | null; after: SnapshotExpiry }
  | { kind: 'user'; change: UserChange; before: SessionUser | null; after: SessionUser | null };

export interface SessionDiff {
  changes: SessionChange[];
  /** Value changes beyond MAX_VALUE_CHANGES, counted but not listed. */
  omitted: number;
}

/** A hostile session can change ten thousand keys in one request: list this many, count the rest. */
const MAX_VALUE_CHANGES = 500;

/** The settings the expiry model needs (what the companion's site answer reports). */
export interface ExpirySettings {
  SESSION_COOKIE_AGE?: number;
  SESSION_EXPIRE_AT_BROWSER_CLOSE?: boolean;
}

/** A stable text for a value under Python's ==: dict entries and set items sorted, types kept apart. */
function canonical(v: PyValue): string {
  switch (v.t) {
    case 'none':
      return 'N';
    case 'bool':
      return v.v ? 'T' : 'F';
    case 'list':
    case 'tuple':
      return `${v.t}[${v.items.map(canonical).join(',')}]`;
    case 'set':
    case 'frozenset':
      // {1, 2} == frozenset({1, 2}) in Python: one spelling for both.
      return `set[${v.items.map(canonical).sort().join(',')}]`;
    case 'dict':
      return `dict[${v.entries
        .map(([k, val]) => `${canonical(k)}:${canonical(val)}`)
        .sort()
        .join(',')}]`;
    case 'object':
      return `object[${JSON.stringify(v.cls)},${v.args.map(canonical).join(',')},${v.state === null ? '' : canonical(v.state)}]`;
    default:
      return `${v.t}${JSON.stringify(v.v)}`;
  }
}

/** Python's == on two deserialized session values (an int and a float of one number aside). */
function sameValue(a: PyValue, b: PyValue): boolean {
  return a === b || canonical(a) === canonical(b);
}

const keyText = (k: PyValue): string => (k.t === 'str' ? k.v : pyRepr(k));

function entryOf(dict: Extract<PyValue, { t: 'dict' }>, key: string): PyValue | undefined {
  for (const [k, v] of dict.entries) if (canonical(k) === key) return v;
  return undefined;
}

function dictValue(data: PyValue | null, key: string): PyValue | null {
  if (data?.t !== 'dict') return null;
  return entryOf(data, canonical({ t: 'str', v: key })) ?? null;
}

/** Dicts are walked key by key; anything else that differs is one change, old → new. */
function diffValues(path: string[], a: PyValue, b: PyValue, out: SessionChange[]): void {
  if (sameValue(a, b)) return;
  if (a.t !== 'dict' || b.t !== 'dict') {
    out.push({ kind: 'changed', path, old: a, value: b });
    return;
  }
  const after = new Map(b.entries.map(([k, v]) => [canonical(k), [k, v] as const]));
  for (const [k, v] of a.entries) {
    const id = canonical(k);
    const now = after.get(id);
    if (now === undefined) out.push({ kind: 'removed', path: [...path, keyText(k)], old: v });
    else diffValues([...path, keyText(k)], v, now[1], out);
    after.delete(id);
  }
  for (const [k, v] of after.values()) out.push({ kind: 'added', path: [...path, keyText(k)], value: v });
}

const EMPTY: PyValue = { t: 'dict', entries: [] };

const loggedIn = (u: SessionUser | null): boolean => u !== null && u.id !== null && u.authenticated !== false;

/** Login, logout, another user, or the same user refused because the password changed. */
function userChange(before: SessionUser | null, after: SessionUser | null): UserChange | null {
  if (loggedIn(before) && loggedIn(after)) return before?.id === after?.id ? null : 'switched';
  if (loggedIn(after)) return 'login';
  if (before === null || !loggedIn(before)) return null;
  // The session still names the user, get_user() refuses it: update_session_auth_hash() was not
  // called after set_password() (auth/__init__.py get_user(), the hash check).
  if (
    after !== null &&
    after.id === before.id &&
    (after.hashValid === false || after.authenticated === false)
  )
    return 'hash-invalidated';
  return 'logout';
}

/** set_expiry moved the end, or the end now comes at browser close (or no longer does). */
function expiryChanged(before: SnapshotExpiry | null, after: SnapshotExpiry | null): boolean {
  if (before === null || after === null) return false;
  const custom = (e: SnapshotExpiry) => (e.custom === null ? '' : canonical(e.custom));
  return custom(before) !== custom(after) || before.atBrowserClose !== after.atBrowserClose;
}

/**
 * The changes from `before` to `after` (null: no session). `keyChanged`: the companion compared
 * the unmasked keys; otherwise the snapshots' keys are compared.
 */
export function diffSessions(
  before: SessionSnapshot | null,
  after: SessionSnapshot | null,
  keyChanged?: boolean,
): SessionDiff {
  const changes: SessionChange[] = [];
  if (before === null && after === null) return { changes, omitted: 0 };
  if (before === null) changes.push({ kind: 'created' });
  else if (after === null) changes.push({ kind: 'flushed' });
  else if (keyChanged ?? (before.key !== null && after.key !== null && before.key !== after.key))
    changes.push({ kind: 'key-rotated', before: before.key, after: after.key });

  const user = userChange(before?.user ?? null, after?.user ?? null);
  if (user !== null)
    changes.push({ kind: 'user', change: user, before: before?.user ?? null, after: after?.user ?? null });

  if (
    before !== null &&
    after !== null &&
    after.expiry !== null &&
    expiryChanged(before.expiry, after.expiry)
  )
    changes.push({ kind: 'expiry', before: before.expiry, after: after.expiry });

  // A session created or flushed shows what it gained or lost: "why is my cart empty".
  const values: SessionChange[] = [];
  const beforeData = before === null ? EMPTY : before.data;
  const afterData = after === null ? EMPTY : after.data;
  if (beforeData !== null && afterData !== null) diffValues([], beforeData, afterData, values);
  changes.push(...values.slice(0, MAX_VALUE_CHANGES));
  return { changes, omitted: Math.max(0, values.length - MAX_VALUE_CHANGES) };
}

interface SnapshotContext {
  settings: ExpirySettings | null;
  /** When the snapshot was taken (server clock for a record): the model's `now`. */
  at: number;
  /** The session was saved in this request (at `at`): the anchor set_expiry(seconds) counts from. */
  savedAt: number | null;
}

function snapshotExpiry(data: PyValue | null, input: Omit<ExpiryInput, 'sessionData'>): SnapshotExpiry {
  const report = reconcileExpiry({ ...input, sessionData: data });
  return {
    rule: report.rule,
    endsAt: report.endsAt,
    atBrowserClose: report.atBrowserClose,
    custom: dictValue(data, '_session_expiry'),
  };
}

/** A session the companion read; null when the store holds none under that key (Django starts empty). */
function companionSnapshot(state: CompanionSessionState, ctx: SnapshotContext): SessionSnapshot | null {
  if (!state.exists) return null;
  const data = fromTaggedJson(state.data);
  return {
    key: state.sessionKey,
    data,
    expiry: snapshotExpiry(data, {
      cookie: null,
      settings: ctx.settings,
      server: state.expiry,
      signedAt: null,
      savedAt: ctx.savedAt,
      serverTime: ctx.at,
      now: ctx.at,
    }),
    user: {
      id: state.user.id,
      username: state.user.username,
      authenticated: state.user.authenticated,
      hashValid: state.user.hashValid,
    },
  };
}

/** A diff with the two sessions it was taken between: the session "at that moment" is `after`. */
export interface SessionStep extends SessionDiff {
  before: SessionSnapshot | null;
  after: SessionSnapshot | null;
}

/** What one request did to the session, from two snapshots (the panel's cookie-only timeline). */
export function sessionStep(
  before: SessionSnapshot | null,
  after: SessionSnapshot | null,
  keyChanged?: boolean,
): SessionStep {
  return { ...diffSessions(before, after, keyChanged), before, after };
}

/**
 * A timeline record's diff. For signed_cookies the key is the cookie, new on every save: a
 * rotation there means nothing, so only the data is compared.
 */
export function diffTimelineRecord(
  record: CompanionTimelineRecord,
  settings: ExpirySettings | null,
  signedCookies: boolean,
): SessionStep {
  const before =
    record.before === null
      ? null
      : companionSnapshot(record.before, { settings, at: record.started, savedAt: null });
  const unsaved =
    record.after === null
      ? null
      : companionSnapshot(record.after, { settings, at: record.finished, savedAt: null });
  // SessionMiddleware saves a session it sees modified: new data, a new key or a new session.
  // Then the save happened in this request, the anchor set_expiry(seconds) counts from.
  const saved =
    unsaved !== null &&
    (before === null || record.keyChanged || !sameValue(before.data ?? EMPTY, unsaved.data ?? EMPTY));
  const after =
    record.after !== null && saved
      ? companionSnapshot(record.after, { settings, at: record.finished, savedAt: record.finished })
      : unsaved;
  return signedCookies
    ? sessionStep(withoutKey(before), withoutKey(after), false)
    : sessionStep(before, after, record.keyChanged);
}

/**
 * What a write through the companion did (an edit made in the panel, which no request of the tab
 * carries): the session the companion answered before it and the one its write answered. A write
 * saves, so the answer's serverTime is the anchor set_expiry(seconds) counts from.
 */
export function diffCompanionWrite(
  before: CompanionSession | null,
  after: CompanionSiteOnly | CompanionSession,
  settings: ExpirySettings | null,
  signedCookies: boolean,
): SessionStep {
  const was =
    before === null ? null : companionSnapshot(before, { settings, at: before.serverTime, savedAt: null });
  const now =
    after.kind === 'session'
      ? companionSnapshot(after, { settings, at: after.serverTime, savedAt: after.serverTime })
      : null;
  if (signedCookies) return sessionStep(withoutKey(was), withoutKey(now), false);
  return sessionStep(was, now, was !== null && now !== null && was.key !== now.key);
}

const withoutKey = (s: SessionSnapshot | null): SessionSnapshot | null =>
  s === null ? null : { ...s, key: null };

/** What the session data says of the user when nothing else is known: `_auth_user_id`, or nobody. */
function userOfData(data: PyValue): SessionUser {
  const id = dictValue(data, '_auth_user_id');
  return {
    id: id === null ? null : id.t === 'str' || id.t === 'int' ? id.v : pyRepr(id),
    username: null,
    authenticated: null,
    hashValid: null,
  };
}

/**
 * A signed_cookies session read from its cookie in the panel: the data, the signing time (the
 * last save), the cookie's own end. `data` null: the cookie did not decode as a session.
 */
export function signedCookieSnapshot(
  data: PyValue | null,
  signedAt: number | null,
  cookie: ExpiryInput['cookie'],
  settings: ExpirySettings | null,
  now: number,
): SessionSnapshot | null {
  if (data === null) return null;
  return {
    key: null,
    data,
    expiry: snapshotExpiry(data, { cookie, settings, server: null, signedAt, now }),
    user: userOfData(data),
  };
}

/** A store-backed session seen only as its cookie, the session key: identity, nothing else. */
export function sessionKeySnapshot(key: string): SessionSnapshot {
  return { key, data: null, expiry: null, user: null };
}
