// A strict reader of the companion's answers (src/core/companion.ts). The panel renders what this
// returns without further checks, so anything short of the protocol is refused here, naming the
// first field that is wrong: a companion from another release, a proxy's JSON error page or a
// hostile site's own endpoint must never reach the renderer as a half-shaped object.
import {
  COMPANION_PROTOCOL,
  type CompanionError,
  type CompanionResponse,
  type CompanionSession,
  type CompanionSiteOnly,
  type CompanionTimelineRecord,
  type CompanionWriteResponse,
} from './companion';

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

/** Deeper than the companion ever writes (its to_json stops at 64 levels), shallow enough to recurse. */
const COMPANION_MAX_DEPTH = 200;

/** A check returns null when `value` fits, else what is wrong, phrased after the field's path. */
type Check = (value: unknown, path: string) => string | null;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value.length > 40 ? 'a string' : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value === 'object' ? 'an object' : typeof value;
}

const expected =
  (what: string, fits: (v: unknown) => boolean): Check =>
  (v, path) =>
    fits(v) ? null : `${path} should be ${what}, not ${v === undefined ? 'missing' : describe(v)}`;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const str = expected('a string', (v) => typeof v === 'string');
const bool = expected('true or false', (v) => typeof v === 'boolean');
const finite = expected('a number', (v) => typeof v === 'number' && Number.isFinite(v));
const int = expected('an integer', (v) => Number.isSafeInteger(v));
const count = expected('a whole number ≥ 0', (v) => Number.isSafeInteger(v) && (v as number) >= 0);
const isTrue = expected('true', (v) => v === true);
const keyName = expected(
  'SECRET_KEY or SECRET_KEY_FALLBACKS[n]',
  (v) => typeof v === 'string' && /^SECRET_KEY(?:_FALLBACKS\[(?:0|[1-9]\d{0,5})\])?$/.test(v),
);
const oneOf = (...options: readonly string[]): Check =>
  expected(`one of ${options.join(', ')}`, (v) => typeof v === 'string' && options.includes(v));
const orNull =
  (check: Check): Check =>
  (v, path) =>
    v === null ? null : check(v, path);
/** A field newer companions send and older ones omit: absent is fine, present must fit. */
const optional =
  (check: Check): Check =>
  (v, path) =>
    v === undefined ? null : check(v, path);

/** An object with at least these fields (more are allowed: a newer companion may add some). */
const shape =
  (fields: Record<string, Check>): Check =>
  (v, path) => {
    if (!isObject(v)) return `${path} should be an object, not ${v === undefined ? 'missing' : describe(v)}`;
    for (const [name, check] of Object.entries(fields)) {
      const problem = check(Object.hasOwn(v, name) ? v[name] : undefined, `${path}.${name}`);
      if (problem !== null) return problem;
    }
    return null;
  };

const TEXT_TAGS = ['int', 'float', 'datetime', 'date', 'time', 'timedelta', 'decimal', 'uuid', 'bytes'];
const ITEM_TAGS = ['tuple', 'set', 'frozenset'];
const TAG = '$py';

/** TaggedJson, tags included: what companion/src/sessionlens/jsonsafe.py writes. */
function taggedJson(v: unknown, path: string, depth = 0): string | null {
  if (depth > COMPANION_MAX_DEPTH) return `${path} is nested deeper than ${COMPANION_MAX_DEPTH} levels`;
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return null;
  if (typeof v === 'number') return finite(v, path);
  if (Array.isArray(v)) return items(v, path, depth);
  if (!isObject(v)) return `${path} should be JSON, not ${describe(v)}`;
  if (!Object.hasOwn(v, TAG)) {
    for (const [key, item] of Object.entries(v)) {
      const problem = taggedJson(item, `${path}[${JSON.stringify(key)}]`, depth + 1);
      if (problem !== null) return problem;
    }
    return null;
  }
  const tag = v[TAG];
  const at = (field: string) => `${path}.${field}`;
  if (typeof tag === 'string' && TEXT_TAGS.includes(tag)) return str(v.value, at('value'));
  if (typeof tag === 'string' && ITEM_TAGS.includes(tag)) {
    if (!Array.isArray(v.items)) return expected('an array', () => false)(v.items, at('items'));
    return items(v.items, at('items'), depth);
  }
  if (tag === 'dict') {
    if (!Array.isArray(v.entries)) return expected('an array', () => false)(v.entries, at('entries'));
    for (const [i, pair] of v.entries.entries()) {
      const where = `${at('entries')}[${i}]`;
      if (!Array.isArray(pair) || pair.length !== 2) return `${where} should be a [key, value] pair`;
      const problem =
        taggedJson(pair[0], `${where}[0]`, depth + 1) ?? taggedJson(pair[1], `${where}[1]`, depth + 1);
      if (problem !== null) return problem;
    }
    return null;
  }
  if (tag === 'object') return str(v.type, at('type')) ?? str(v.repr, at('repr'));
  return `${at(TAG)} should be a known tag, not ${describe(tag)}`;
}

/**
 * What is wrong with a value to send as TaggedJson (a `set` write's value), or null: the same
 * reader the companion's answers pass, so the panel refuses what the companion could not read.
 */
export function taggedJsonProblem(value: unknown): string | null {
  return taggedJson(value, 'the value');
}

function items(list: readonly unknown[], path: string, depth: number): string | null {
  for (const [i, item] of list.entries()) {
    const problem = taggedJson(item, `${path}[${i}]`, depth + 1);
    if (problem !== null) return problem;
  }
  return null;
}

/** A str-keyed mapping of TaggedJson: `data` and `settings`. */
const taggedObject: Check = (v, path) =>
  isObject(v)
    ? taggedJson(v, path)
    : `${path} should be an object, not ${v === undefined ? 'missing' : describe(v)}`;

const site = {
  django: str,
  serverTime: finite,
  engine: str,
  storeClass: str,
  cookieName: str,
  messagesCookieName: orNull(str),
  settings: taggedObject,
  secretKey: shape({ looksWeak: bool, fallbacks: count }),
  readOnly: isTrue,
  writable: optional(bool),
  timeline: optional(shape({ recording: bool, reason: orNull(str) })),
};

/** CompanionSessionState: the part of a session answer a timeline record holds twice. */
const sessionState = {
  sessionKey: str,
  exists: bool,
  corrupt: bool,
  signedBy: optional(orNull(keyName)),
  data: taggedObject,
  expiry: shape({
    age: finite,
    date: str,
    atBrowserClose: bool,
    custom: (v, path) => (v === undefined ? `${path} should be JSON, not missing` : taggedJson(v, path)),
    server: shape({
      source: oneOf('db', 'cache', 'file', 'cookie', 'unknown'),
      expiresAt: orNull(str),
      ttl: orNull(finite),
    }),
    expired: bool,
  }),
  user: shape({
    authenticated: bool,
    id: orNull(str),
    username: orNull(str),
    isStaff: orNull(bool),
    backend: orNull(str),
    hashValid: orNull(bool),
  }),
};

const session = shape({ ...site, ...sessionState });

const siteOnly = shape(site);

// A Record, so a code added to CompanionError['code'] fails the typecheck until it is listed here.
const ERROR_CODES: Record<CompanionError['code'], true> = {
  'missing-session': true,
  'invalid-session-key': true,
  'too-long': true,
  undecodable: true,
  'unknown-engine': true,
  'server-error': true,
  'unsupported-content-type': true,
  'bad-json': true,
  'unknown-op': true,
  'missing-value': true,
  'bad-value': true,
  'no-such-key': true,
};
const error = shape({ code: oneOf(...Object.keys(ERROR_CODES)), message: str });

/**
 * Whether a JSON body claims to be the companion at all: an object with a `protocol` number.
 * Anything else (an HTML 404 read as nothing, another app's JSON) means "not installed here".
 */
export function claimsCompanion(body: unknown): boolean {
  return isObject(body) && typeof body.protocol === 'number';
}

/** Which side is older, said as what to upgrade (the shape of react-devtools' bridge message). */
function protocolMismatch(theirs: number): string {
  const upgrade = theirs < COMPANION_PROTOCOL ? 'upgrade django-sessionlens' : 'upgrade the extension';
  return `the companion speaks protocol ${theirs}, this panel protocol ${COMPANION_PROTOCOL}: ${upgrade}`;
}

/**
 * The companion's answer, checked field by field against protocol COMPANION_PROTOCOL. Never
 * throws; `problem` names the first field that is wrong, e.g. "engine should be a string, not null".
 */
export function parseCompanionResponse(body: unknown): Parsed<CompanionResponse> {
  const problem = firstProblem(body);
  if (problem !== null) return { ok: false, problem };
  return { ok: true, value: body as unknown as CompanionSiteOnly | CompanionSession | CompanionError };
}

/** CompanionWriteCookie: the Set-Cookie the middleware would have sent after a write. */
const writeCookie = shape({
  name: str,
  value: orNull(str),
  expires: orNull(str),
  domain: orNull(str),
  path: str,
  secure: bool,
  httpOnly: bool,
  sameSite: orNull(str),
});

/** The answer to a POST write: a GET's answer, plus the cookie to set when there is one. */
export function parseCompanionWriteResponse(body: unknown): Parsed<CompanionWriteResponse> {
  const problem =
    firstProblem(body) ??
    (isObject(body) && body.ok === true ? optional(writeCookie)(body.cookie, 'cookie') : null);
  if (problem !== null) return { ok: false, problem };
  return { ok: true, value: body as unknown as CompanionWriteResponse };
}

const timelineRecord = shape({
  ok: isTrue,
  kind: oneOf('timeline-record'),
  id: str,
  started: finite,
  finished: finite,
  method: str,
  path: str,
  status: int,
  before: orNull(shape(sessionState)),
  after: orNull(shape(sessionState)),
  keyChanged: bool,
  cookie: orNull(oneOf('set', 'deleted')),
  truncated: bool,
});

/** A timeline record (GET of the path an X-Sessionlens-Record header named), checked like a session answer. */
export function parseCompanionTimelineRecord(body: unknown): Parsed<CompanionTimelineRecord> {
  const problem = protocolProblem(body) ?? timelineRecord(body, '')?.replace(/^\./, '') ?? null;
  if (problem !== null) return { ok: false, problem };
  return { ok: true, value: body as unknown as CompanionTimelineRecord };
}

function protocolProblem(body: unknown): string | null {
  if (!isObject(body)) return `the answer should be an object, not ${describe(body)}`;
  const { protocol } = body;
  if (!Number.isSafeInteger(protocol)) return int(protocol, 'protocol');
  // The version first: a companion from another release fails every later check for that reason.
  if (protocol !== COMPANION_PROTOCOL) return protocolMismatch(protocol as number);
  return null;
}

function firstProblem(body: unknown): string | null {
  const wrongProtocol = protocolProblem(body);
  if (wrongProtocol !== null || !isObject(body)) return wrongProtocol;
  const check =
    body.ok === false
      ? error
      : body.ok !== true
        ? shape({ ok: bool })
        : body.kind === 'site'
          ? siteOnly
          : body.kind === 'session'
            ? session
            : shape({ kind: oneOf('site', 'session') });
  // Fields are checked from the root, whose path is empty: drop the leading dot.
  return check(body, '')?.replace(/^\./, '') ?? null;
}
