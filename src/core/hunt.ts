// The inner loop of a key hunt (check-keys): the HMACs decode() would compute for a candidate
// SECRET_KEY, worked out from the value once and then run over every candidate without decode's
// per-call work (reports, Signer objects, key cache). It only says which candidate signs; the
// caller confirms that one through decode(), so the answer is always decode's own.
import { b64Decode, b64Encode } from './base64';
import { concatBytes, forceBytes } from './bytes';
import { COOKIE_KEY_PREFIX } from './formats/keys';
import { MESSAGES_SALT } from './formats/messages';
import { SESSION_COOKIE_SALT } from './formats/session-cookie';
import { sessionKeySalt, sessionQualname } from './formats/session-data';
import { cookieSignerLegacySalt, cookieSignerSalt } from './formats/signed-cookie';
import { DUMPS_SALT, SIGNER_SALT, TIMESTAMP_SIGNER_SALT } from './formats/signing';
import { digestWords, SaltedHmacLoop } from './hmac-loop';
import { detectKind } from './kinds';
import type { ShaAlgorithm } from './sha';
import type { DecodeOptions, Kind, Secret } from './types';

/** One salted_hmac decode() computes per candidate: K = H(keySalt ‖ prefix ‖ key), HMAC_K(message). */
interface Attempt {
  /** `salt + "signer"` followed by the key prefix, as bytes. */
  material: Uint8Array;
  algorithm: ShaAlgorithm;
}

export interface HuntPlan {
  message: Uint8Array;
  /** The signature's bytes: compared as bytes, which is comparing the text (it is canonical). */
  signature: Uint8Array;
  /** Salts of the likeliest kind first: a match under the first is found in one pass. */
  attempts: Attempt[];
}

/** The salts and key prefix one kind's reader verifies with (mirrors formats/*). */
function kindSalts(kind: Kind, options: Omit<DecodeOptions, 'keys'>): Array<[string, Uint8Array | null]> {
  switch (kind) {
    case 'session-cookie':
      return [[SESSION_COOKIE_SALT, null]];
    case 'session-data':
      return [[sessionKeySalt(sessionQualname(options.sessionClass)), null]];
    case 'signing':
      return (options.salt ? [options.salt] : [DUMPS_SALT, TIMESTAMP_SIGNER_SALT, SIGNER_SALT]).map((s) => [
        s,
        null,
      ]);
    case 'signed-cookie': {
      const name = options.cookieName ?? '';
      return [
        [cookieSignerSalt(name, options.salt), COOKIE_KEY_PREFIX],
        [cookieSignerLegacySalt(name, options.salt), COOKIE_KEY_PREFIX],
      ];
    }
    case 'messages':
      return [[MESSAGES_SALT, COOKIE_KEY_PREFIX]];
    case 'session-key':
    case 'csrf-token':
      return []; // not signed: no key to hunt
  }
}

const SIGNATURE_LENGTH: Record<ShaAlgorithm, number> = { sha1: 27, sha256: 43 };

/**
 * What decode(value, options) would HMAC per key, or null where its path is not a Signer over
 * `value` (no `:`, the pre-3.1 session and messages hashes, session keys and CSRF tokens,
 * sha384/sha512): the caller then hunts through decode() itself.
 */
export async function huntPlan(
  value: string,
  options: Omit<DecodeOptions, 'keys'>,
): Promise<HuntPlan | null> {
  const at = value.lastIndexOf(':');
  if (at < 0 || /^[0-9a-fA-F]{40}\$/.test(value)) return null;
  if (options.algorithm === 'sha384' || options.algorithm === 'sha512') return null;
  const kind = options.kind ?? 'auto';
  let kinds: Kind[];
  if (kind === 'auto') {
    // decode()'s own order (readAuto), so the likeliest salt is the first pass over the list.
    const detected = await detectKind(value, options);
    if (detected.kind === 'session-key' || detected.kind === 'csrf-token') return null;
    kinds = detected.keyOrder;
  } else kinds = [kind];
  const text = value.slice(at + 1);
  const algorithms = (options.algorithm ? [options.algorithm] : (['sha256', 'sha1'] as const)).filter(
    (a) => SIGNATURE_LENGTH[a] === text.length,
  );
  const signature = b64Decode(text);
  // A signature b64_encode would not write (wrong length, padding, a non-canonical last
  // character) matches no key: nothing to compute.
  const canonical = signature.ok && b64Encode(signature.value) === text;
  const attempts: Attempt[] = [];
  if (canonical) {
    for (const k of kinds) {
      for (const [salt, prefix] of kindSalts(k, options)) {
        const saltBytes = forceBytes(`${salt}signer`);
        const material = prefix ? concatBytes(saltBytes, prefix) : saltBytes;
        for (const algorithm of algorithms) attempts.push({ material, algorithm });
      }
    }
  }
  return {
    message: forceBytes(value.slice(0, at)),
    signature: signature.ok ? signature.value : new Uint8Array(),
    attempts,
  };
}

/**
 * The lowest index in candidates[from..] of a key that signs the plan's value under its first
 * attempt that any key passes, or null. Attempt by attempt, not key by key: the likeliest salt is
 * tried on the whole list before the next. (The orders differ only if two different keys each
 * sign the value under a different salt, an HMAC collision.)
 */
export function huntIndex(plan: HuntPlan, candidates: readonly Secret[], from: number): number | null {
  const expected = digestWords(plan.signature);
  for (const { material, algorithm } of plan.attempts) {
    const loop = new SaltedHmacLoop(algorithm, material, plan.message, expected);
    for (let i = from; i < candidates.length; i++) if (loop.matches(candidates[i] ?? '')) return i;
  }
  return null;
}
