// PLACEHOLDER owned by the weak-keys helper: replaced by the real list with sources.
import type { Secret } from '../types';

/** Why this SECRET_KEY is weak (public or insecure by construction), or null. */
export function weakKeyReason(_key: Secret): string | null {
  return null;
}
