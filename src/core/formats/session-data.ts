// SessionBase.encode/decode for db, file, cache and cached_db `session_data` (§3.3):
// - 3.1+: signing.dumps(d, salt="django.contrib.sessions." + __qualname__, compress=True), no max_age;
// - ≤3.0 (read until 3.2): base64(hex_sha1 + ":" + serialized), hash key_salt
//   "django.contrib.sessions" + __name__ (no dot; base.py@3.2.25 `_hash`/`_legacy_decode`).
import { standardB64Decode } from '../base64';
import { utf8Decode } from '../bytes';
import { loadSerialized } from '../payload';
import { blankReport, type ReadContext, setError } from '../report';
import type { DecodeReport } from '../types';
import { LEGACY_HEX_DIGEST, verifyLegacyHexDigest } from '../verify';
import { applyLoaded, readSignedObject } from './common';

export const DEFAULT_SESSION_CLASS = 'SessionStore';

/**
 * The class's __qualname__ from what the user typed. Django salts with the qualname only (every
 * built-in store is `SessionStore`), so a dotted path's leading lower-case segments are taken as
 * its module and dropped: `django.contrib.sessions.backends.db.SessionStore` → `SessionStore`,
 * while a nested class keeps its dots: `Outer.InnerStore` stays as is (PEP 8 names: modules are
 * lower case, classes CapWords).
 */
export function sessionQualname(sessionClass: string | undefined): string {
  const parts = (sessionClass || DEFAULT_SESSION_CLASS).split('.');
  const firstClass = parts.findIndex((part) => /^[A-Z_]/.test(part));
  return firstClass <= 0 ? parts.join('.') : parts.slice(firstClass).join('.');
}

export function sessionKeySalt(qualname: string): string {
  return `django.contrib.sessions.${qualname}`;
}

/** `_hash`'s key salt: __name__ is the last segment of the qualname. */
export function legacySessionKeySalt(qualname: string): string {
  return `django.contrib.sessions${qualname.split('.').pop() ?? qualname}`;
}

export async function readSessionData(
  value: string,
  sessionClass: string | undefined,
  ctx: ReadContext,
): Promise<DecodeReport> {
  const qualname = sessionQualname(sessionClass);
  // Standard base64 has no ':', so only the signed format contains one.
  if (!value.includes(':')) return readLegacySessionData(value, qualname, ctx);
  return readSignedObject(
    value,
    {
      kind: 'session-data',
      format: 'signed-object',
      salts: [sessionKeySalt(qualname)],
      keys: ctx.keys,
      timestamped: true,
      checkAge: false,
    },
    ctx,
  );
}

export async function readLegacySessionData(
  value: string,
  qualname: string,
  ctx: ReadContext,
): Promise<DecodeReport> {
  const report = blankReport('session-data', 'legacy-session-data');
  const salt = legacySessionKeySalt(qualname);
  report.salt = salt;
  report.algorithm = 'sha1';
  report.warnings.push({
    code: 'legacy-format',
    message: 'Pre-3.1 session encoding: read by Django ≤3.2 only (4.0 removed it)',
  });
  // Keys given: unverified until the digest matches, whichever check below fails first.
  if (ctx.keys.length > 0) report.verified = false;
  // _legacy_decode starts with session_data.encode('ascii'): a non-ASCII character raises before
  // b64decode (which would skip it) and decode() answers "Session data corrupted", an empty session.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the class is all of ASCII, control characters included, as str.encode('ascii') accepts them.
  const nonAscii = /[^\x00-\x7f]/.exec(value);
  if (nonAscii) {
    setError(
      report,
      ctx.keys.length > 0 ? 'bad-signature' : 'malformed',
      `Session data corrupted: non-ASCII character U+${(nonAscii[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')} at ${nonAscii.index} (Django 3.2 encodes session_data as ASCII first)`,
    );
    return report;
  }
  const decoded = standardB64Decode(value);
  if (!decoded.ok) {
    setError(report, decoded.code, decoded.message);
    return report;
  }
  const bytes = decoded.value;
  const colon = bytes.indexOf(0x3a);
  const hash = colon < 0 ? null : utf8Decode(bytes.subarray(0, colon));
  // _legacy_encode writes a 40-char sha1 hexdigest; anything else is not this format at all.
  if (hash === null || !LEGACY_HEX_DIGEST.test(hash)) {
    setError(report, 'malformed', 'not a pre-3.1 session: no "<sha1 hex>:" prefix after base64 decoding');
    return report;
  }
  const serialized = bytes.subarray(colon + 1);
  await verifyLegacyHexDigest(report, {
    salt,
    message: serialized,
    digest: hash,
    keys: ctx.keys,
    failure: 'Session data corrupted (hash mismatch)',
  });
  const loaded = loadSerialized(serialized, ctx.limits);
  if (!loaded.ok) setError(report, loaded.code, loaded.message);
  else applyLoaded(report, loaded.value);
  return report;
}
