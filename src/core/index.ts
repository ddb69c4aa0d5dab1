// The public barrel: what the CLI, the panel and the tests import from the core.

export { BASE62_ALPHABET, b62Decode, b62Encode } from './base62';
export { b64Decode, b64Encode, standardB64Decode, standardB64Encode } from './base64';
export { ALGORITHMS, constantTimeCompare, isAlgorithm, saltedHmac } from './crypto';
export { decode } from './decode';
export {
  DEFAULT_SESSION_COOKIE_AGE,
  DJANGO_DEFAULTS,
  differsFromDefault,
  isSignedCookiesEngine,
  SESSION_ENGINES,
} from './django-defaults';
export {
  EXPIRY_RULE_TEXT,
  type ExpiryInput,
  type ExpiryReport,
  type ExpiryRule,
  type ExpirySource,
  reconcileExpiry,
  SAME_END_TOLERANCE_SECONDS,
} from './expiry';
export { cookieSignerKeys } from './formats/keys';
export { MESSAGES_SALT } from './formats/messages';
export { SESSION_COOKIE_SALT } from './formats/session-cookie';
export { legacySessionKeySalt, sessionKeySalt, sessionQualname } from './formats/session-data';
export { cookieSignerLegacySalt, cookieSignerSalt } from './formats/signed-cookie';
export { CERTAIN, type Detected, detectKind, KINDS, type KindSpec, kindSpec, rankKinds } from './kinds';
export { DEFAULT_LIMITS, resolveLimits } from './limits';
export { dumpsPyJson, floatRepr, parsePyJson } from './pyjson';
export {
  type Explanation,
  explainSession,
  type SessionContext,
} from './session';
export {
  isSignedCookiesSession,
  type SessionEvidence,
  sessionExpiry,
  sessionExpiryInput,
} from './session-expiry';
export {
  type Compress,
  dumps,
  loads,
  Signer,
  type SignerOptions,
  TimestampSigner,
  type TimestampSignerOptions,
} from './signing';
export { formatDuration, isoToUnix, unixToUtc } from './time';
export type * from './types';
export { zlibDecompress } from './zlib';
