// The public shapes of the core: what the CLI, the panel, the tests and the vectors agree on.
// Names mirror django/core/signing.py and django/contrib/sessions where they model the same thing.

/** Stable error codes. Expected failures are data, never exceptions. */
export type ErrorCode =
  | 'malformed' // not a shape Django writes: no separator, empty value, bad base62 timestamp…
  | 'bad-base64' // binascii.Error in Django's b64_decode
  | 'bad-json' // json.JSONDecodeError (or a payload that is not latin-1 JSON)
  | 'too-deep' // nesting beyond Limits.maxDepth
  | 'too-large' // input over Limits.maxInputBytes, inflation past maxDecompressedBytes, more than maxNodes values
  | 'decompress-failed' // zlib.error: not a zlib stream, truncated, gzip/raw deflate
  | 'bad-pickle' // a pickle stream the disassembler cannot read
  | 'unsafe-pickle' // a pickle that references a callable outside the display allowlist
  | 'bad-signature' // signing.BadSignature
  | 'signature-expired' // signing.SignatureExpired (max_age exceeded)
  | 'unsafe-separator' // Signer's ValueError for a separator matching ^[A-z0-9-_=]*$
  | 'unsupported-algorithm' // InvalidAlgorithm
  | 'too-slow'; // never from decode() itself: the panel stopped a decode that outran its watchdog

export type Result<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; message: string };

export type Algorithm = 'sha1' | 'sha256' | 'sha384' | 'sha512';

/** A secret as Django holds it: str (UTF-8 encoded by force_bytes) or raw bytes. */
export type Secret = string | Uint8Array;

/**
 * A Python value as Django's deserializers would build it, kept lossless and inert.
 * - int: exact decimal text (`str(n)`), so integers beyond 2^53 survive.
 * - float: Python's `repr()` text: '1.0', '1e+16', '-0.0', 'nan', 'inf', '-inf'.
 * - bytes: lower-case hex.
 * - datetime/date/time/timedelta/decimal/uuid: Python's isoformat()/str() text (pickle only).
 * - object: a pickle REDUCE/NEWOBJ/BUILD shown, never instantiated; `unsafe` when `cls` is a
 *   callable outside the display allowlist (os.system, subprocess.*, builtins.eval…).
 */
export type PyValue =
  | { t: 'none' }
  | { t: 'bool'; v: boolean }
  | { t: 'int'; v: string }
  | { t: 'float'; v: string }
  | { t: 'str'; v: string }
  | { t: 'bytes'; v: string }
  | { t: 'list' | 'tuple' | 'set' | 'frozenset'; items: PyValue[] }
  | { t: 'dict'; entries: Array<[PyValue, PyValue]> }
  | { t: 'datetime' | 'date' | 'time' | 'timedelta' | 'decimal' | 'uuid'; v: string }
  | { t: 'object'; cls: string; args: PyValue[]; state: PyValue | null; unsafe: boolean };

/** What a value is, i.e. which Django code wrote it. Each has one entry in kinds.ts (KINDS). */
export type Kind =
  | 'signing' // signing.dumps / TimestampSigner / Signer (salt exactly as passed to Django)
  | 'session-cookie' // SESSION_ENGINE = signed_cookies
  | 'session-data' // db/cache/file/cached_db `session_data`, current and pre-3.1 formats
  | 'signed-cookie' // HttpResponse.set_signed_cookie (legacy name+salt and v2 salt schemes)
  | 'messages' // contrib.messages CookieStorage (≤3.0 `$`, 3.1 `json:ts:sig`, 3.2+ signed object)
  | 'session-key' // the cookie of a db/cache/file/cached_db session: only the key, nothing signed
  | 'csrf-token'; // the CSRF cookie (CsrfViewMiddleware): a secret or masked token, not signed

export type Serializer = 'json' | 'pickle' | 'text';

export interface Limits {
  /** Longest value accepted at all (cookies are ≤ 4096 bytes; pasted session_data can be longer). */
  maxInputBytes: number;
  /** Inflation stops here: a zlib bomb ends as `too-large`, never as a memory blow-up. */
  maxDecompressedBytes: number;
  /** JSON/pickle nesting cap. */
  maxDepth: number;
  /** Values in the decoded tree (each shared pickle node counted where it appears): what a panel can show. */
  maxNodes: number;
}

export interface DecodeOptions {
  kind?: Kind | 'auto';
  /** SECRET_KEY first, then SECRET_KEY_FALLBACKS in order. Empty or absent: decode only. */
  keys?: readonly Secret[];
  /** signing: the salt exactly as passed to Django; signed-cookie: the salt given to set_signed_cookie. */
  salt?: string;
  /** The cookie's name: drives auto-detection, and is part of a signed cookie's salt. */
  cookieName?: string;
  /** What the site says (the companion), for auto-detection: SESSION_ENGINE and the cookie names. */
  site?: { engine?: string; sessionCookieName?: string; messagesCookieName?: string | null };
  /** session-data: the SessionStore class qualname (its module path is part of the salt). */
  sessionClass?: string;
  /** Omitted: try what Django versions accept (sha256, then the legacy sha1) and report which. */
  algorithm?: Algorithm;
  /** Seconds; null/absent: no age check (as Django's loads(max_age=None)). */
  maxAge?: number | null;
  /** Unix seconds, float. The core has no clock. */
  now: number;
  limits?: Partial<Limits>;
}

/** One message of the messages cookie, as MessageDecoder rebuilds it. */
export interface DjangoMessage {
  level: number;
  message: string;
  extraTags: string | null;
  /** is_safedata: the message was mark_safe()'d. */
  safe: boolean;
}

/** Why a SECRET_KEY is weak (weakkeys/): published, a placeholder, startproject's insecure
 * prefix, empty, or short of security.W009's length / distinct-character thresholds. */
export type WeakKeyReason =
  | 'published'
  | 'placeholder'
  | 'insecure-prefix'
  | 'empty'
  | 'w009-length'
  | 'w009-unique';

export type Warning =
  | {
      code: 'weak-key';
      message: string;
      reason: WeakKeyReason;
      /** Index into options.keys of the weak key (0 = SECRET_KEY, n = SECRET_KEY_FALLBACKS[n - 1]). */
      keyIndex: number;
      /** The reason alone, for a UI that says "weak" its own way. */
      detail: string;
    }
  | {
      code:
        | 'legacy-algorithm'
        | 'legacy-format'
        | 'fallback-key'
        | 'unsafe-pickle'
        | 'future-timestamp'
        // set_signed_cookie value read with no salt that no key verifies: the salt may be the only unknown.
        | 'salt-unknown'
        // ... read with a salt no key verifies, which a key verifies with no salt: the salt is wrong, not the key.
        | 'salt-mismatch'
        // read as one kind no key verifies, which a key verifies as another: the kind is wrong, not the key.
        | 'other-kind';
      message: string;
    };

export interface DecodeReport {
  kind: Kind;
  /** `auto` chose the kind from the value's shape and name, no signature confirmed it. */
  guessed: boolean;
  /** With `guessed`: the other kinds the value could be, most likely first. */
  alternatives: Kind[];
  /** The exact format read, e.g. 'signed-object', 'legacy-session-data', 'messages-legacy-hash', 'signed-cookie-v2'. */
  format: string;
  /** true: a given key verified it; false: keys were given and none did; null: no key given. */
  verified: boolean | null;
  code: ErrorCode | null;
  message: string | null;
  /** The decoded payload whenever it could be read, verified or not. */
  data: PyValue | null;
  /** For plain signed strings (Signer, TimestampSigner, set_signed_cookie): the value. */
  text: string | null;
  /** Index into options.keys of the key that verified (0 = SECRET_KEY, n = SECRET_KEY_FALLBACKS[n - 1]), else null. */
  matchedKey: number | null;
  algorithm: Algorithm | null;
  /** The signing time (unix seconds) from the base62 timestamp, when the format has one. */
  timestamp: number | null;
  compressed: boolean;
  serializer: Serializer | null;
  /** The salt Django used for this value (the key_salt before "signer"). */
  salt: string | null;
  messages: DjangoMessage[] | null;
  /** messages cookie: the "__messagesnotfinished__" sentinel was present. */
  messagesNotFinished: boolean;
  /** Pickle payloads: every global the stream references, and whether any is outside the allowlist. */
  pickle: { unsafe: boolean; references: string[] } | null;
  warnings: Warning[];
}
