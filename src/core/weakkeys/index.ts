// Known-weak SECRET_KEYs: the published list and Django's own rules for an insecure key. A leaf:
// data and pure rules, no decoding (the key hunt that uses them is check-keys.ts, above decode).
import { forceBytes, toHex } from '../bytes';
import type { Secret, WeakKeyReason } from '../types';
import { KNOWN_KEYS, type KnownKey, PLACEHOLDER_KEYS } from './known-keys';

export { KNOWN_KEYS, type KnownKey, PLACEHOLDER_KEYS } from './known-keys';

// django/core/checks/security/base.py (security.W009): the thresholds Django's own check uses.
// The only copy in the TypeScript; nothing else in src/ may restate them.
export const SECRET_KEY_INSECURE_PREFIX = 'django-insecure-';
export const SECRET_KEY_MIN_LENGTH = 50;
export const SECRET_KEY_MIN_UNIQUE_CHARACTERS = 5;

const KNOWN = new Map(KNOWN_KEYS.map((k) => [k.key, k]));
const PLACEHOLDERS = new Set(PLACEHOLDER_KEYS.map((k) => k.toLowerCase()));

export interface WeakKey {
  reason: WeakKeyReason;
  /** Why, in a sentence without a preamble: the panel and the CLI put their own around it. */
  detail: string;
  /** The published key's record, for reason 'published'. */
  known: KnownKey | null;
}

/**
 * The last answer, by key: decode() asks once per value, and the panel and `make bench` decode
 * many values with the same key (the per-character sets below were 3% of a small decode).
 */
let lastWeakKey: { key: string; weak: WeakKey | null } | null = null;

/** Why this SECRET_KEY is weak (public or insecure by construction), or null. */
export function weakKey(key: Secret): WeakKey | null {
  // str keys only: a bytes key could be changed in place between two calls.
  if (typeof key !== 'string') return weakKeyOf(key);
  if (lastWeakKey?.key === key) return lastWeakKey.weak;
  const weak = weakKeyOf(key);
  lastWeakKey = { key, weak };
  return weak;
}

function weakKeyOf(key: Secret): WeakKey | null {
  const text = typeof key === 'string' ? key : null;
  const length = typeof key === 'string' ? [...key].length : key.length;
  const weak = (reason: WeakKeyReason, detail: string, known: KnownKey | null = null) => ({
    reason,
    detail,
    known,
  });
  if (text !== null) {
    const known = KNOWN.get(text);
    if (known) {
      return weak(
        'published',
        `published in ${known.repo} ${known.path} (${known.note}): anyone can sign with it`,
        known,
      );
    }
    if (PLACEHOLDERS.has(text.toLowerCase()))
      return weak('placeholder', 'a documentation placeholder, not a secret');
    if (text.startsWith(SECRET_KEY_INSECURE_PREFIX)) {
      return weak(
        'insecure-prefix',
        "startproject's development key (django-insecure- prefix): never meant for production",
      );
    }
  }
  if (length === 0) return weak('empty', 'empty: Django refuses to start with an empty SECRET_KEY');
  const unique = new Set(text !== null ? [...text] : toHex(forceBytes(key)).match(/../g)).size;
  if (length < SECRET_KEY_MIN_LENGTH || unique < SECRET_KEY_MIN_UNIQUE_CHARACTERS) {
    return weak(
      length < SECRET_KEY_MIN_LENGTH ? 'w009-length' : 'w009-unique',
      `${length} characters, ${unique} distinct: Django's check security.W009 asks for at least ${SECRET_KEY_MIN_LENGTH} and ${SECRET_KEY_MIN_UNIQUE_CHARACTERS}`,
    );
  }
  return null;
}
