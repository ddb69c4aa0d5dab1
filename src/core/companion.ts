// The companion protocol: plain HTTP JSON served by django-sessionlens (companion/), read by the
// background and shown by the panel. Every response carries `protocol`; a change to these shapes
// bumps it on both sides.
//
// Request:  GET <origin><path>            (default path: COMPANION_DEFAULT_PATH)
//   X-Sessionlens-Session: <the session cookie's value>   (sent explicitly: an extension-origin
//                                                          request does not carry the site's cookies;
//                                                          omitted when the site has no session cookie:
//                                                          the answer is then a CompanionSiteOnly)
//   X-Sessionlens-Token:   <SESSIONLENS["TOKEN"]>          (when the site configured one)
// Anyone the access gate refuses gets a bare 404, indistinguishable from "not installed".
//
// Write:    POST <origin><path>, the same headers, Content-Type: application/json, a CompanionWrite
//   body. A second gate: the site's 404 unless SESSIONLENS["ALLOW_WRITES"] (default: DEBUG) allows
//   writes. Done through the engine's own SessionStore and saved as SessionMiddleware would; the
//   answer is the updated session (CompanionSession, or CompanionSiteOnly once flushed) with
//   `cookie` (CompanionWriteCookie) whenever the middleware would have sent Set-Cookie. A bad body
//   is a CompanionError (400) and changes nothing.

export const COMPANION_PROTOCOL = 2;
export const COMPANION_DEFAULT_PATH = '/__sessionlens__/session/';
export const COMPANION_SESSION_HEADER = 'X-Sessionlens-Session';
export const COMPANION_TOKEN_HEADER = 'X-Sessionlens-Token';

/**
 * JSON as the companion writes session data: plain JSON where JSON can carry the value, else a
 * tagged object `{"$py": type, ...}` so nothing is dropped:
 *   {"$py":"int","value":"123456789012345678901"}   ints beyond 2^53
 *   {"$py":"float","value":"nan"|"inf"|"-inf"}
 *   {"$py":"datetime"|"date"|"time"|"timedelta"|"decimal"|"uuid","value":"<isoformat()/str()>"}
 *   {"$py":"bytes","value":"<hex>"}
 *   {"$py":"tuple"|"set"|"frozenset","items":[...]}
 *   {"$py":"dict","entries":[[k,v],...]}           a dict with non-str keys
 *   {"$py":"object","type":"module.Class","repr":"<repr() text, truncated>"}
 */
export type TaggedJson = null | boolean | number | string | TaggedJson[] | { [key: string]: TaggedJson };

/**
 * What the companion knows about the site, whoever asks within the gate: the answer to a request
 * that names no session (no session cookie yet: first visit, after flush or logout), and the common
 * part of every session answer. Protocol 2.
 */
export interface CompanionSite {
  protocol: number;
  ok: true;
  /** 'site': no session was named (no X-Sessionlens-Session header or an empty one). */
  kind: 'site' | 'session';
  django: string; // django.get_version()
  /** Server clock, unix seconds: expiry maths in the panel uses it, not the browser's clock. */
  serverTime: number;
  engine: string; // settings.SESSION_ENGINE
  storeClass: string; // qualname of the SessionStore in use (a custom subclass shows here)
  /** settings.SESSION_COOKIE_NAME: the panel reads the session cookie by this name. */
  cookieName: string;
  /** The cookie CookieStorage writes (directly or inside FallbackStorage); null when unused. */
  messagesCookieName: string | null;
  /**
   * Only the settings the panel explains or checks cookies against, each as in force:
   * SESSION_ENGINE, SESSION_SERIALIZER, SESSION_CACHE_ALIAS, SESSION_COOKIE_AGE,
   * SESSION_COOKIE_NAME, SESSION_COOKIE_DOMAIN, SESSION_COOKIE_PATH, SESSION_COOKIE_SECURE,
   * SESSION_COOKIE_HTTPONLY, SESSION_COOKIE_SAMESITE, SESSION_COOKIE_PARTITIONED (only when the
   * Django version defines it), SESSION_EXPIRE_AT_BROWSER_CLOSE, SESSION_SAVE_EVERY_REQUEST,
   * CSRF_COOKIE_NAME, CSRF_COOKIE_AGE, CSRF_COOKIE_DOMAIN, CSRF_COOKIE_PATH, CSRF_COOKIE_SECURE,
   * CSRF_COOKIE_HTTPONLY, CSRF_COOKIE_SAMESITE, CSRF_USE_SESSIONS, MESSAGE_STORAGE.
   * A value whose name looks secret (API, TOKEN, KEY, SECRET, PASS, SIGNATURE, as Django's
   * SafeExceptionReporterFilter) is replaced by COMPANION_REDACTED, nested dict keys included.
   */
  settings: { [name: string]: TaggedJson };
  secretKey: { looksWeak: boolean; fallbacks: number };
  /** A GET never writes. */
  readOnly: true;
  /**
   * POST writes are allowed here (SESSIONLENS["ALLOW_WRITES"], default: DEBUG): the panel may
   * offer editing. Absent: a companion from before writes.
   */
  writable?: boolean;
  /**
   * Whether SessionTimelineMiddleware records requests here, and when not, what to change
   * (missing, listed after SessionMiddleware, SESSIONLENS["TIMELINE"] off, a DummyCache).
   * Absent: a companion from before the timeline.
   */
  timeline?: { recording: boolean; reason: string | null };
}

/** A key by its setting's name, as Django's docs and the panel's why line name it. */
export type CompanionKeyName = 'SECRET_KEY' | `SECRET_KEY_FALLBACKS[${number}]`;

/** Django's SafeExceptionReporterFilter.cleansed_substitute. */
export const COMPANION_REDACTED = '********************';

export interface CompanionSiteOnly extends CompanionSite {
  kind: 'site';
}

export interface CompanionSession extends CompanionSite {
  kind: 'session';
  sessionKey: string; // masked: first 4 and last 4 characters
  exists: boolean;
  /** The stored session could not be decoded (Django would start an empty one). */
  corrupt: boolean;
  /**
   * Which of the site's keys signed what is stored (the db/cached_db row, the file, the
   * signed_cookies cookie), checked SECRET_KEY first, then SECRET_KEY_FALLBACKS in order, as
   * signing.loads tries them. A fallback: Django still accepts it, and the next save re-signs it
   * with SECRET_KEY. null: nothing signed is stored (no session, the cache engine's dict) or no
   * key of the site's signed it. Absent: a companion from before it.
   */
  signedBy?: CompanionKeyName | null;
  data: { [key: string]: TaggedJson };
  expiry: {
    age: number; // get_expiry_age()
    date: string; // get_expiry_date() ISO 8601
    atBrowserClose: boolean; // get_expire_at_browser_close()
    custom: TaggedJson; // session['_session_expiry'] as stored, or null
    /** Where the server itself will drop it: db expire_date, cache TTL, file mtime + age, cookie timestamp + age. */
    server: {
      source: 'db' | 'cache' | 'file' | 'cookie' | 'unknown';
      expiresAt: string | null;
      ttl: number | null;
    };
    expired: boolean;
  };
  /**
   * Who django.contrib.auth.get_user() would return for this session, without its side effects.
   * `authenticated` is exactly get_user().is_authenticated. `id`/`username` name the user the
   * session points at even when get_user() refuses it, so a stale hash reads
   * { authenticated: false, id: "1", username: "demo", hashValid: false }: logged out by a
   * password change. `hashValid` is null when no user resolved or the model has no
   * get_session_auth_hash(). test/contract/ holds the companion's real answers both sides test.
   */
  user: {
    authenticated: boolean;
    id: string | null;
    username: string | null;
    isStaff: boolean | null;
    backend: string | null;
    hashValid: boolean | null;
  };
}

export interface CompanionError {
  protocol: number;
  ok: false;
  code:
    | 'missing-session'
    | 'invalid-session-key'
    | 'too-long'
    | 'undecodable'
    | 'unknown-engine'
    | 'server-error'
    // Refused writes, all 400: not application/json (a form or text/plain a page could forge
    // without a preflight), not a JSON object, an op not in CompanionWrite, a field missing, a
    // field extra or of the wrong type (or a value SESSION_SERIALIZER cannot store), `delete` of
    // a key the session lacks; and 'too-long' for a body over DATA_UPLOAD_MAX_MEMORY_SIZE.
    | 'unsupported-content-type'
    | 'bad-json'
    | 'unknown-op'
    | 'missing-value'
    | 'bad-value'
    | 'no-such-key';
  message: string;
}

/**
 * The body of a write. `value` of `set` is TaggedJson; every tag but "object" is accepted where
 * SESSION_SERIALIZER can store it (JSONSerializer: plain JSON, big ints and tuples as lists).
 * `set_expiry` is SessionBase.set_expiry(): seconds, 0 (at browser close), null (the site's
 * default) or an ISO 8601 datetime (with an offset when USE_TZ is on).
 */
export type CompanionWrite =
  | { op: 'set'; key: string; value: TaggedJson }
  | { op: 'delete'; key: string }
  | { op: 'set_expiry'; value: number | string | null }
  | { op: 'flush' }
  | { op: 'cycle_key' };

/**
 * The session cookie SessionMiddleware would have set after the write, with its attributes from
 * the SESSION_COOKIE_* settings. `value` null: delete the cookie (flush emptied the session).
 * A new key after cycle_key, or a new key for an unknown one; for signed_cookies the re-signed
 * session itself, signed by the site with its own key.
 */
export interface CompanionWriteCookie {
  name: string;
  value: string | null;
  /** ISO 8601; null: a browser-session cookie (get_expire_at_browser_close()). */
  expires: string | null;
  domain: string | null;
  path: string;
  secure: boolean;
  httpOnly: boolean;
  /** SESSION_COOKIE_SAMESITE: 'Lax', 'Strict', 'None', or null when unset. */
  sameSite: string | null;
}

/** The answer to a write: what a GET answers now, and the cookie the browser must hold. */
export type CompanionWriteResponse =
  | ((CompanionSiteOnly | CompanionSession) & { cookie?: CompanionWriteCookie })
  | CompanionError;

/** The session-specific part of a CompanionSession (what a GET of that session answers). */
export type CompanionSessionState = Pick<
  CompanionSession,
  'sessionKey' | 'exists' | 'corrupt' | 'signedBy' | 'data' | 'expiry' | 'user'
>;

/**
 * The response header SessionTimelineMiddleware adds to each request it recorded: the path of
 * the record, `reverse("sessionlens:timeline", args=[id])`, an unguessable capability handed
 * only to the client that made the request.
 */
export const COMPANION_RECORD_HEADER = 'X-Sessionlens-Record';

/**
 * Whether a record path a site's header named may be fetched: under the companion's own mount
 * (COMPANION_DEFAULT_PATH without its last segment: `/__sessionlens__/`), plain path characters
 * only — no `..`, no `//` (another host), no query or escapes — so a site's header can never
 * point the extension at an arbitrary URL.
 */
export function isCompanionRecordPath(path: string, companionPath: string): boolean {
  const mount = companionPath.replace(/[^/]*\/?$/, '');
  return (
    mount.startsWith('/') &&
    path.startsWith(mount) &&
    /^\/[A-Za-z0-9_\-/]*$/.test(path) &&
    !path.includes('//') &&
    path.length <= 512
  );
}

/**
 * GET <the record's path>: one request as the middleware saw it, behind the same gate and token
 * as the session URL (the site's 404 for anyone else, and for an unknown or expired id).
 */
export interface CompanionTimelineRecord {
  protocol: number;
  ok: true;
  kind: 'timeline-record';
  id: string;
  /** When the request reached the middleware, and when its response left it: unix seconds, server clock. */
  started: number;
  finished: number;
  method: string; // request.method
  path: string; // request.get_full_path()
  status: number; // response.status_code
  /** The stored session before the view ran; null when the request named none (or an unknown/expired key: Django starts empty). */
  before: CompanionSessionState | null;
  /** After the response was saved; null when there is none (flushed, or never created). */
  after: CompanionSessionState | null;
  /** The session key changed (cycle_key at login, flush, a new session): compared unmasked on the server. */
  keyChanged: boolean;
  /** What the response did to the session cookie: 'set', 'deleted' or null (no Set-Cookie for it). */
  cookie: 'set' | 'deleted' | null;
  /** Over TIMELINE_MAX_BYTES: before and after are null. */
  truncated: boolean;
}

export type CompanionResponse = CompanionSiteOnly | CompanionSession | CompanionError;
