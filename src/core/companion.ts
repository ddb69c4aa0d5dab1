// The companion protocol: plain HTTP JSON served by django-sessionlens (companion/), read by the
// background and shown by the panel. Every response carries `protocol`; a change to these shapes
// bumps it on both sides.
//
// Request:  GET <origin><path>            (default path: COMPANION_DEFAULT_PATH)
//   X-Sessionlens-Session: <the session cookie's value>   (sent explicitly: an extension-origin
//                                                          request does not carry the site's cookies)
//   X-Sessionlens-Token:   <SESSIONLENS["TOKEN"]>          (when the site configured one)
// Anyone the access gate refuses gets a bare 404, indistinguishable from "not installed".

export const COMPANION_PROTOCOL = 1;
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

export interface CompanionSession {
  protocol: number;
  ok: true;
  django: string; // django.get_version()
  /** Server clock, unix seconds: expiry maths in the panel uses it, not the browser's clock. */
  serverTime: number;
  engine: string; // settings.SESSION_ENGINE
  storeClass: string; // qualname of the SessionStore in use (a custom subclass shows here)
  sessionKey: string; // masked: first 4 and last 4 characters
  exists: boolean;
  /** The stored session could not be decoded (Django would start an empty one). */
  corrupt: boolean;
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
  user: {
    authenticated: boolean;
    id: string | null;
    username: string | null;
    isStaff: boolean | null;
    backend: string | null;
    /** _auth_user_hash still matches the user's password hash (false: a password change logged them out). */
    hashValid: boolean | null;
  };
  /** Every SESSION_* setting in force, plus CSRF_COOKIE_NAME and the messages storage/cookie name. */
  settings: { [name: string]: TaggedJson };
  secretKey: { looksWeak: boolean; fallbacks: number };
  readOnly: true;
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
    | 'server-error';
  message: string;
}

export type CompanionResponse = CompanionSession | CompanionError;
