// Which key, algorithm and salt (if any) signed a value: Signer.unsign run over every candidate,
// in the order Django versions would accept them.

import { toHex } from './bytes';
import { constantTimeCompare, saltedHmac } from './crypto';
import { setError } from './report';
import { checkMaxAge, Signer, type Unsigned } from './signing';
import type { Algorithm, DecodeReport, Secret } from './types';

/**
 * Without an explicit algorithm: sha256 (the 3.1+ default), then sha1 (≤3.0, and the
 * `legacy_algorithm` 3.1/3.2 still accept, signing.py@3.2.25:122-160).
 */
export function candidateAlgorithms(algorithm: Algorithm | undefined): readonly Algorithm[] {
  return algorithm ? [algorithm] : ['sha256', 'sha1'];
}

export interface VerifyRequest {
  value: string;
  /** Candidate salts in the order Django tries them (e.g. signed cookie v2, then legacy). */
  salts: readonly string[];
  /** SECRET_KEY then fallbacks, already prefixed where Django prefixes them. */
  keys: readonly Secret[];
  algorithm: Algorithm | undefined;
}

export interface Verified extends Unsigned {
  salt: string;
  algorithm: Algorithm;
}

/** len(b64_encode(digest)): what a signature made with each algorithm is long. */
const SIGNATURE_LENGTH: Record<Algorithm, number> = { sha1: 27, sha256: 43, sha384: 64, sha512: 86 };

/** null: no key given; false: none matched; otherwise the match. */
export async function verifySigned(request: VerifyRequest): Promise<Verified | false | null> {
  const [key, ...fallbackKeys] = request.keys;
  if (key === undefined) return null;
  // Signatures are compared as text, and Django's are ASCII of a fixed length per algorithm, so
  // one of another length can never match: its HMACs are not computed (a key hunt's sha1 half).
  const signatureLength = request.value.length - request.value.lastIndexOf(':') - 1;
  const algorithms = candidateAlgorithms(request.algorithm).filter(
    (algorithm) => SIGNATURE_LENGTH[algorithm] === signatureLength,
  );
  for (const salt of request.salts) {
    for (const algorithm of algorithms) {
      const signer = Signer.create({ key, fallbackKeys, salt, algorithm });
      if (!signer.ok) return false;
      const result = await signer.value.unsign(request.value);
      if (result.ok) return { ...result.value, salt, algorithm };
    }
  }
  return false;
}

/** A ≤3.0 hex digest: the 40 characters of salted_hmac(…).hexdigest() with sha1. */
export const LEGACY_HEX_DIGEST = /^[0-9a-fA-F]{40}$/;

/**
 * The one ≤3.0 check, shared by the pre-3.1 session_data (base.py@3.2.25 `_hash`) and the ≤3.0
 * messages cookie (cookie.py@3.2.25 `_legacy_hash`): salted_hmac(salt, message) with sha1, its
 * hexdigest compared as text (upper-case hex does not verify), SECRET_KEY then the others in
 * order. Records verified/matchedKey and `bad-signature` with the reader's own wording.
 */
export async function verifyLegacyHexDigest(
  report: DecodeReport,
  check: {
    salt: string;
    message: string | Uint8Array;
    digest: string;
    keys: readonly Secret[];
    failure: string;
  },
): Promise<void> {
  if (check.keys.length === 0) return;
  report.verified = false;
  for (let i = 0; i < check.keys.length; i++) {
    const mac = await saltedHmac(check.salt, check.message, check.keys[i] ?? '', 'sha1');
    if (constantTimeCompare(check.digest, toHex(mac))) {
      report.verified = true;
      report.matchedKey = i;
      // Django ≤3.2 has no SECRET_KEY_FALLBACKS: only the SECRET_KEY itself would accept it.
      if (i > 0) {
        report.warnings.push({
          code: 'fallback-key',
          message: `Verified by key #${i}, not the SECRET_KEY: Django ≤3.2 has no SECRET_KEY_FALLBACKS`,
        });
      }
      return;
    }
  }
  setError(report, 'bad-signature', check.failure);
}

/**
 * Records a verification in the report: verified/matchedKey/algorithm/salt, the sha1 and
 * fallback-key warnings, and `bad-signature` when keys were given and none matched.
 */
export function recordVerification(
  report: DecodeReport,
  outcome: Verified | false | null,
  salt: string,
): void {
  if (outcome === null) {
    report.salt = salt;
    return;
  }
  if (outcome === false) {
    report.verified = false;
    report.salt = salt;
    setError(report, 'bad-signature', 'Signature does not match any given key');
    return;
  }
  report.verified = true;
  report.matchedKey = outcome.matchedKey;
  report.algorithm = outcome.algorithm;
  report.salt = outcome.salt;
  if (outcome.algorithm === 'sha1') {
    report.warnings.push({
      code: 'legacy-algorithm',
      message: 'Signed with SHA-1: accepted by Django ≤3.2 only (4.0 dropped the legacy algorithm)',
    });
  }
  if (outcome.matchedKey > 0) {
    report.warnings.push({
      code: 'fallback-key',
      message: `Verified by SECRET_KEY_FALLBACKS[${outcome.matchedKey - 1}], not the current SECRET_KEY`,
    });
  }
}

/**
 * The timestamp part of TimestampSigner.unsign, after the signature: expired only when the
 * signature did not fail (a forged timestamp is a BadSignature). Future timestamps are accepted
 * by Django (negative age) and only warned about here.
 */
/** How far ahead a signing time may be before it is worth a warning. */
export const CLOCK_SKEW_SECONDS = 60;

export function recordTimestamp(
  report: DecodeReport,
  timestamp: number,
  maxAge: number | null,
  now: number,
): void {
  report.timestamp = timestamp;
  // Django writes int(time.time()), so a value signed this second can look up to a second ahead,
  // and browser and server clocks drift; only a timestamp well ahead says something about the value.
  const ahead = timestamp - now;
  if (ahead > CLOCK_SKEW_SECONDS) {
    report.warnings.push({
      code: 'future-timestamp',
      message: `Signed ${Math.round(ahead)} s in the future: the signer's clock is ahead of this one`,
    });
  }
  if (report.verified === false) return;
  const age = checkMaxAge(timestamp, maxAge, now);
  if (!age.ok) setError(report, age.code, age.message);
}
