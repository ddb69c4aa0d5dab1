// One typed, versioned request map between the panel and the background (the shape of
// react-devtools' bridge). A change to any payload or result bumps PROTOCOL_VERSION: a panel and
// a background from different builds then answer `version-mismatch` instead of misreading data.
import {
  type CompanionResponse,
  type CompanionTimelineRecord,
  type CompanionWrite,
  type CompanionWriteResponse,
  isCompanionRecordPath,
} from '../core/companion';
import type { CookieInfo } from '../core/cookies/index';

export const PROTOCOL_VERSION = 4;

/**
 * What the background answers for a companion request: the companion's JSON, or why there is none.
 * A write answers a CompanionWriteResponse; a write the site refuses (ALLOW_WRITES off) is `absent`.
 */
export type CompanionLookup<R = CompanionResponse> =
  | { status: 'found'; response: R }
  /** Nothing speaking the protocol there (404, HTML, other JSON); null: no HTTP answer status to show. */
  | { status: 'absent'; httpStatus: number | null }
  /** It claims to be the companion (a `protocol` field) but breaks the protocol: `problem` says where. */
  | { status: 'invalid'; problem: string; httpStatus: number };

/** What the background answers for a timeline record: absent is also a record expired or never made (the site's 404). */
export type RecordLookup = CompanionLookup<CompanionTimelineRecord>;

/**
 * One request of a tab as webRequest saw it complete (a redirect is a completed hop: POST
 * /login/ → 302 is one, the GET / it leads to the next). Headers are raw: the panel knows the
 * session cookie's name, the background does not.
 */
export interface CompletedRequest {
  tabId: number;
  /** webRequest's requestId; the hops of one redirect chain share it. */
  requestId: string;
  method: string;
  url: string;
  status: number;
  /** When the response headers arrived, unix seconds, the browser's clock. */
  time: number;
  /** webRequest's resource type: main_frame, sub_frame, xmlhttprequest, other… */
  type: string;
  /** X-Sessionlens-Record, as the site sent it (unchecked: the panel's record fetch checks it). */
  record: string | null;
  /** The request's Cookie header, null when it sent none. */
  cookie: string | null;
  /** Every Set-Cookie line of the response. */
  setCookies: string[];
}

export interface PermissionState {
  /** The match pattern that grants this origin (`https://example.com/*`). */
  pattern: string;
  granted: boolean;
}

export interface RequestMap {
  /** Every cookie the browser would send to `url`, HttpOnly and partitioned included. */
  getCookies: { payload: { url: string }; result: CookieInfo[] };
  removeCookie: {
    payload: { url: string; name: string; partitionKey: { topLevelSite?: string } | null };
    result: { removed: boolean };
  };
  /** Sets a cookie back with every attribute it had (the Cookies tab's undo of a delete). */
  setCookie: { payload: { url: string; cookie: CookieInfo }; result: CookieInfo };
  /** Cross-origin GET of the companion endpoint, session value sent explicitly as a header. */
  fetchCompanion: {
    payload: { origin: string; path: string; sessionValue: string; token: string };
    result: CompanionLookup;
  };
  /** POST of one CompanionWrite to the companion endpoint (JSON body), the session named as for a GET. */
  writeCompanion: {
    payload: { origin: string; path: string; sessionValue: string; token: string; write: CompanionWrite };
    result: CompanionLookup<CompanionWriteResponse>;
  };
  /**
   * GET of a timeline record the site named in X-Sessionlens-Record: only a path under the
   * companion's mount (`companionPath`'s parent), on the origin, with the token.
   */
  fetchTimelineRecord: {
    payload: { origin: string; path: string; companionPath: string; token: string };
    result: RecordLookup;
  };
  permissionState: { payload: { origin: string }; result: PermissionState };
  /** The inspected tab's URL (devtools panels in Firefox have no tabs API). */
  inspectedTab: { payload: { tabId: number }; result: { url: string } };
  /** Opens the permission page in a tab, for browsers where a devtools panel cannot ask itself. */
  openGrantPage: { payload: { origin: string }; result: null };
}

export type RequestType = keyof RequestMap;
export type Payload<T extends RequestType> = RequestMap[T]['payload'];
export type ResultOf<T extends RequestType> = RequestMap[T]['result'];

export type MessagingErrorCode =
  | 'version-mismatch' // panel and background come from different builds
  | 'bad-request' // unknown type or a payload of the wrong shape
  | 'no-permission' // the host permission for the origin is missing
  | 'timeout' // the companion did not answer in time
  | 'network' // fetch failed: refused connection, CORS, DNS
  | 'browser-error' // a browser API threw
  | 'no-receiver'; // no background answered (extension reloaded, worker gone)

/** Errors cross the boundary as data, never as exceptions. */
export type Response<T> = { ok: true; value: T } | { ok: false; code: MessagingErrorCode; message: string };

export interface RequestMessage<T extends RequestType = RequestType> {
  sessionlens: typeof PROTOCOL_VERSION;
  type: T;
  payload: Payload<T>;
}

/** Pushed by the background with runtime.sendMessage; panels re-read what they show. */
export type Broadcast =
  | {
      sessionlens: typeof PROTOCOL_VERSION;
      broadcast: 'cookiesChanged';
      domain: string;
      name: string;
      /** cookies.onChanged: the cookie is gone, and why (explicit: an extension or the panel; expired; evicted; overwrite…). */
      removed: boolean;
      cause: string;
    }
  | ({ sessionlens: typeof PROTOCOL_VERSION; broadcast: 'requestCompleted' } & CompletedRequest)
  | { sessionlens: typeof PROTOCOL_VERSION; broadcast: 'tabUpdated'; tabId: number; url: string }
  | { sessionlens: typeof PROTOCOL_VERSION; broadcast: 'permissionsChanged' };

export function isBroadcast(message: unknown): message is Broadcast {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { sessionlens?: unknown }).sessionlens === PROTOCOL_VERSION &&
    typeof (message as { broadcast?: unknown }).broadcast === 'string'
  );
}

type Check = (payload: Record<string, unknown>) => boolean;
const str = (v: unknown): v is string => typeof v === 'string';
const httpOrigin = (v: unknown): boolean => {
  if (!str(v)) return false;
  try {
    const u = new URL(v);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === v;
  } catch {
    return false;
  }
};
const httpUrl = (v: unknown): boolean => str(v) && /^https?:\/\//.test(v) && URL.canParse(v);

/** Where a companion request goes and which session it names. */
const companionTarget: Check = (p) =>
  httpOrigin(p.origin) && str(p.path) && p.path.startsWith('/') && str(p.sessionValue) && str(p.token);

const SAME_SITES: readonly unknown[] = ['no_restriction', 'lax', 'strict', 'unspecified'];
const isCookieInfo = (v: unknown): boolean => {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Record<string, unknown>;
  return (
    str(c.name) &&
    str(c.value) &&
    str(c.domain) &&
    str(c.path) &&
    c.path.startsWith('/') &&
    typeof c.hostOnly === 'boolean' &&
    typeof c.secure === 'boolean' &&
    typeof c.httpOnly === 'boolean' &&
    typeof c.session === 'boolean' &&
    SAME_SITES.includes(c.sameSite) &&
    (c.expirationDate === undefined || Number.isFinite(c.expirationDate)) &&
    (c.partitionKey === undefined ||
      c.partitionKey === null ||
      (typeof c.partitionKey === 'object' && !Array.isArray(c.partitionKey)))
  );
};

const EXPIRY_VALUE = (v: unknown): boolean => v === null || str(v) || Number.isSafeInteger(v);
/** A CompanionWrite's shape; the companion checks the rest (the value's type, the key's presence). */
const isCompanionWrite = (v: unknown): boolean => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const w = v as Record<string, unknown>;
  const fields = Object.keys(w).sort().join(',');
  switch (w.op) {
    case 'set':
      return fields === 'key,op,value' && str(w.key);
    case 'delete':
      return fields === 'key,op' && str(w.key);
    case 'set_expiry':
      return fields === 'op,value' && EXPIRY_VALUE(w.value);
    case 'flush':
    case 'cycle_key':
      return fields === 'op';
    default:
      return false;
  }
};

/** Payload shape checks: the background trusts nothing it did not validate. */
export const PAYLOAD_CHECKS: { [T in RequestType]: Check } = {
  getCookies: (p) => httpUrl(p.url),
  removeCookie: (p) =>
    httpUrl(p.url) &&
    str(p.name) &&
    (p.partitionKey === null || (typeof p.partitionKey === 'object' && p.partitionKey !== undefined)),
  setCookie: (p) => httpUrl(p.url) && isCookieInfo(p.cookie),
  fetchCompanion: (p) => companionTarget(p),
  writeCompanion: (p) => companionTarget(p) && isCompanionWrite(p.write),
  fetchTimelineRecord: (p) =>
    httpOrigin(p.origin) &&
    str(p.companionPath) &&
    str(p.path) &&
    isCompanionRecordPath(p.path, p.companionPath) &&
    str(p.token),
  permissionState: (p) => httpOrigin(p.origin),
  inspectedTab: (p) => Number.isInteger(p.tabId) && (p.tabId as number) >= 0,
  openGrantPage: (p) => httpOrigin(p.origin),
};

export function isRequestType(type: unknown): type is RequestType {
  return typeof type === 'string' && Object.hasOwn(PAYLOAD_CHECKS, type);
}
