// The one door into the core: the panel and the CLI import from here only (biome.json
// noRestrictedImports), so what the core offers them is this list, and the modules behind it can
// move freely. Tests may reach behind it; nothing is exported here for a test's sake.

export { checkKeys, type HuntRunner, publishedKeys, wordlistEntries } from './check-keys';
export {
  COMPANION_DEFAULT_PATH,
  COMPANION_PROTOCOL,
  COMPANION_RECORD_HEADER,
  COMPANION_REDACTED,
  COMPANION_SESSION_HEADER,
  COMPANION_TOKEN_HEADER,
  type CompanionError,
  type CompanionResponse,
  type CompanionSession,
  type CompanionSessionState,
  type CompanionSite,
  type CompanionSiteOnly,
  type CompanionTimelineRecord,
  type CompanionWrite,
  type CompanionWriteCookie,
  type CompanionWriteResponse,
  isCompanionRecordPath,
  type TaggedJson,
} from './companion';
export { taggedJsonProblem } from './companion-validate';
export { type CookieChoice, cookieDjangoReads, duplicateMessage } from './cookies/duplicates';
export { parseCookieHeader, parseSetCookie, type SetCookie } from './cookies/headers';
export {
  auditCookie,
  type CookieClass,
  type CookieInfo,
  classifyCookie,
  cookieSize,
  describeExpiry,
  type Finding,
} from './cookies/index';
export { checkCookieSettings, type SettingFinding, type SiteCookieSettings } from './cookies/settings-check';
export { cookieFromWrite } from './cookies/write-cookie';
export { ALGORITHMS, isAlgorithm } from './crypto';
export { decode } from './decode';
export { type Diagnosis, diagnose, fallbackName } from './diagnosis';
export { DEFAULT_SESSION_COOKIE_NAME, differsFromDefault, isSignedCookiesEngine } from './django-defaults';
export {
  EXPIRY_RULE_TEXT,
  type ExpiryInput,
  type ExpiryReport,
  type ExpiryRule,
  type ExpirySource,
  reconcileExpiry,
} from './expiry';
export { messageLevelName } from './formats/messages';
export type { HuntPlan } from './hunt';
export { KIND_NAMES, type KindName, kindName } from './kind-names';
export { type Detected, detectKind, KINDS, type KindSpec, kindSpec } from './kinds';
export { DEFAULT_LIMITS } from './limits';
export { isSafeGlobal } from './pickle/allowlist';
export { parsePyJson } from './pyjson';
export { escapeUnprintable, fromTaggedJson, pyRepr, toExactJson, toPlainText } from './pyvalue';
export { blankReport, setError } from './report';
export { type ResignPlan, resign, resignPlan, resignText } from './resign';
export { type Explanation, explainSession, type SessionContext } from './session';
export {
  diffCompanionWrite,
  diffSessions,
  diffTimelineRecord,
  type ExpirySettings,
  type SessionChange,
  type SessionDiff,
  type SessionSnapshot,
  type SessionStep,
  type SessionUser,
  type SnapshotExpiry,
  sessionKeySnapshot,
  sessionStep,
  signedCookieSnapshot,
  type UserChange,
} from './session-diff';
export { isSignedCookiesSession, type SessionEvidence, sessionExpiry } from './session-expiry';
export {
  type MessageToSign,
  messagesToSign,
  signDumps,
  signMessages,
  signSessionCookie,
  signSignedCookie,
} from './sign';
export { formatDuration } from './time';
export type * from './types';
