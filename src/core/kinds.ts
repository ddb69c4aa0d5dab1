// The one Kind registry: for every kind, its label, its CLI name (kind-names.ts), its reader and
// its detector.
// decode()'s readAs and `auto` order, the CLI's --kind list and the Decode tab's list are all
// derived from KINDS; test/unit/kinds.test.ts checks each kind also has Django-made vectors.

import { isMessageList, isSessionDict, readSignals, type Signals } from './detect';
import {
  DEFAULT_CSRF_COOKIE_NAME,
  DEFAULT_MESSAGES_COOKIE_NAME,
  DEFAULT_SESSION_COOKIE_NAME,
  isSignedCookiesEngine,
} from './django-defaults';
import { isLegacyMessages, readMessages } from './formats/messages';
import { readCsrfToken, readSessionKey } from './formats/opaque';
import { readSessionCookie } from './formats/session-cookie';
import { readSessionData } from './formats/session-data';
import { readSignedCookie } from './formats/signed-cookie';
import { readSigning } from './formats/signing';
import { KIND_NAMES, type KindName } from './kind-names';
import { resolveLimits } from './limits';
import { withPickleReader } from './payload';
import type { ReadContext } from './report';
import type { DecodeOptions, DecodeReport, Kind } from './types';

export interface KindSpec extends KindName {
  read: (value: string, options: DecodeOptions, ctx: ReadContext) => Promise<DecodeReport>;
  /**
   * How strongly the value's signals say this kind: 0 never, ≥ CERTAIN beyond doubt (a name or
   * a shape only this kind has), anything between a guess.
   */
  detect: (s: Signals) => number;
}

/** A detector score at or above this is evidence, not a guess. */
const CERTAIN = 10;

const SESSION_KEY = /^[a-z0-9]{32}$/; // base.py VALID_KEY_CHARS, 32 characters
const CSRF_VALUE = /^[A-Za-z0-9]{32}(?:[A-Za-z0-9]{32})?$/; // CSRF_SECRET_LENGTH 32; ≤4.0 masked 64

const sessionName = (s: Signals) => (s.site.sessionCookieName ?? DEFAULT_SESSION_COOKIE_NAME).toLowerCase();
const messagesName = (s: Signals) =>
  (s.site.messagesCookieName ?? DEFAULT_MESSAGES_COOKIE_NAME).toLowerCase();
const isCsrfName = (s: Signals) => s.name === DEFAULT_CSRF_COOKIE_NAME || s.name.includes('csrf');

/** A signed dict with a timestamp: dumps' shape, used by both session kinds. */
function sessionScore(s: Signals, asCookie: boolean): number {
  if (s.object === null || !s.object.timestamped || s.object.data.t !== 'dict') return 0;
  const engine = s.site.engine;
  const named = s.name !== '' && s.name === sessionName(s);
  // Both engines pass compress=True (dumps only compresses when it saves bytes); dumps' own
  // default is False. Session-internal keys say "a session" outright.
  const base = 2 + (s.object.compressed ? 2 : 0) + (isSessionDict(s.object.data) ? 4 : 0);
  if (asCookie) {
    if (engine !== undefined && !isSignedCookiesEngine(engine)) return named ? 1 : 0;
    // Under the site's session cookie name, a signed dict is that session beyond doubt.
    return named ? CERTAIN : base + (engine !== undefined ? 3 : 0);
  }
  // session_data lives in the store, never in a cookie.
  if (s.name !== '' || (engine !== undefined && isSignedCookiesEngine(engine))) return 0;
  return base;
}

/** Every Kind's reader and detector, typed as a record over Kind (the order is KIND_NAMES'). */
const REGISTRY: { readonly [K in Kind]: Omit<KindSpec, keyof KindName> } = {
  'session-key': {
    read: (value) => Promise.resolve(readSessionKey(value)),
    detect: (s) => (SESSION_KEY.test(s.value) && !isCsrfName(s) ? CERTAIN : 0),
  },
  'csrf-token': {
    read: (value) => Promise.resolve(readCsrfToken(value)),
    detect: (s) =>
      s.name === DEFAULT_CSRF_COOKIE_NAME || (isCsrfName(s) && CSRF_VALUE.test(s.value)) ? CERTAIN : 0,
  },
  messages: {
    read: (value, _options, ctx) => readMessages(value, ctx),
    detect: (s) => {
      if (isLegacyMessages(s.value) || (s.name !== '' && s.name === messagesName(s))) return CERTAIN;
      if (s.object && isMessageList(s.object.data)) return 9;
      return s.object?.data.t === 'list' ? 3 : 0;
    },
  },
  'session-data': {
    read: (value, options, ctx) => readSessionData(value, options.sessionClass, ctx),
    detect: (s) => (s.legacySessionData ? CERTAIN : sessionScore(s, false)),
  },
  'session-cookie': {
    read: (value, _options, ctx) => readSessionCookie(value, ctx),
    detect: (s) => sessionScore(s, true),
  },
  'signed-cookie': {
    read: (value, options, ctx) => readSignedCookie(value, options.cookieName, options.salt, ctx),
    // get_cookie_signer is a TimestampSigner over text; a named cookie that is no other kind.
    detect: (s) => (s.timestampedText ? 3 + (s.name !== '' ? 2 : 0) : 0),
  },
  signing: {
    read: (value, options, ctx) => readSigning(value, options.salt, ctx),
    // Every signed shape is also some signing.dumps/Signer call: the fallback guess.
    detect: (s) => (s.value.includes(':') ? (s.object !== null && s.name === '' ? 3 : 1) : 0),
  },
};

export const KINDS: readonly KindSpec[] = KIND_NAMES.map((name) => ({ ...name, ...REGISTRY[name.kind] }));

// Made once: kindSpec runs several times per decode (auto tries kind after kind).
const SPECS = Object.fromEntries(KINDS.map((k) => [k.kind, k])) as { readonly [K in Kind]: KindSpec };

export function kindSpec(kind: Kind): KindSpec {
  return SPECS[kind];
}

export interface Detected {
  kind: Kind;
  /** No name or shape settled it: the best of several readings. */
  guessed: boolean;
  /** The other plausible kinds, most likely first. */
  alternatives: Kind[];
  /** Every signed kind, in the order a decode with keys (and check-keys) tries them. */
  keyOrder: Kind[];
}

function contextOf(options: DecodeOptions): ReadContext {
  return {
    keys: [],
    algorithm: options.algorithm,
    maxAge: null,
    now: options.now,
    limits: resolveLimits(options.limits),
    payloads: [],
  };
}

/** The kinds the value could be, best first, by their detectors' scores (ties: registry order). */
function rankKinds(signals: Signals): Array<{ kind: Kind; score: number }> {
  return KINDS.map((k) => ({ kind: k.kind, score: k.detect(signals) }))
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score);
}

/**
 * Past this length a signed object that is not compressed is tried as signing.dumps first: both
 * session engines pass compress=True, and zlib shortens any session JSON this long (its keys
 * repeat, its tokens use a small alphabet), so a long uncompressed one is likelier a plain
 * dumps(), which compresses only when asked.
 */
const UNCOMPRESSED_SESSION_MAX_LENGTH = 400;

/**
 * The signed kinds in the order to try keys on them: the likeliest (on equal scores session-data
 * last: a value verified or hunted with keys was usually taken from a cookie, and session_data
 * lives in the store; a long uncompressed object not at all, see above), then — without a salt
 * option — signing.dumps, the likeliest paste no detector names, then the rest by score, then
 * every other signed kind. Only speed: without a salt option each kind verifies under salts no
 * other kind uses, so at most one can verify — but each kind tried is an HMAC of the whole value
 * per key, and check-keys multiplies that by the wordlist.
 */
function keyOrderOf(
  ranked: ReadonlyArray<{ kind: Kind; score: number }>,
  signals: Signals,
  options: DecodeOptions,
): Kind[] {
  const inStore = (kind: Kind) => (kind === 'session-data' ? 1 : 0);
  const likely = ranked
    .filter((r) => kindSpec(r.kind).signed)
    .sort((a, b) => b.score - a.score || inStore(a.kind) - inStore(b.kind))
    .map((r) => r.kind);
  const plainDumps =
    signals.object !== null &&
    !signals.object.compressed &&
    signals.value.length > UNCOMPRESSED_SESSION_MAX_LENGTH;
  const first = plainDumps ? [] : likely.slice(0, 1);
  const speedFirst: Kind[] = options.salt === undefined ? ['signing'] : [];
  const order = [...first, ...speedFirst, ...likely, ...KINDS.filter((k) => k.signed).map((k) => k.kind)];
  return order.filter((kind, i) => order.indexOf(kind) === i);
}

/**
 * `ctx`: the decode's own (its payload memo is shared with the reader); else one from `options`.
 * Asynchronous because a payload may be a pickle, and the pickle reader loads on first need:
 * detection waits for it rather than guess from a half-read payload.
 */
export async function detectKind(
  value: string,
  options: DecodeOptions,
  ctx: ReadContext = contextOf(options),
): Promise<Detected> {
  const signals = await withPickleReader(() => readSignals(value, options, ctx));
  const ranked = rankKinds(signals);
  const [best, second] = ranked;
  const keyOrder = keyOrderOf(ranked, signals, options);
  if (!best) return { kind: 'signing', guessed: true, alternatives: [], keyOrder };
  const certain = best.score >= CERTAIN && (second === undefined || second.score < best.score);
  return {
    kind: best.kind,
    guessed: !certain,
    alternatives: certain ? [] : ranked.slice(1).map((r) => r.kind),
    keyOrder,
  };
}
