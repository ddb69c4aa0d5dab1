// The key hunt: which candidate SECRET_KEY signs a value, tried through decode(). Above decode in
// the import graph (the weak-key rules it reports with are a leaf, weakkeys/).
import { decode } from './decode';
import { type HuntPlan, huntIndex, huntPlan } from './hunt';
import type { DecodeOptions, ErrorCode, Secret } from './types';
import type { KnownKey } from './weakkeys/known-keys';

/** The built-in candidates: the published SECRET_KEYs, loaded on demand (the panel's first load never carries them). */
export async function publishedKeys(): Promise<readonly KnownKey[]> {
  return (await import('./weakkeys/known-keys')).KNOWN_KEYS;
}

/** One candidate key per line with its 1-based line number; `#` comment lines and blank lines skipped. */
export function wordlistEntries(text: string): Array<{ key: string; line: number }> {
  // A loop over indexOf rather than split/map/filter: a 100,000-line list was ~50 ms of
  // check-keys' whole run, and Python's loop it is measured against reads its list in ~20 ms.
  const entries: Array<{ key: string; line: number }> = [];
  let line = 0;
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    line++;
    const key = text.slice(start, end > start && text.charCodeAt(end - 1) === 0x0d ? end - 1 : end);
    start = end + 1;
    const first = key.charCodeAt(0);
    // Most lines start with a printable character that is not `#`: nothing to trim.
    const plain = first > 0x20 && first !== 0x23 && first < 0x7f;
    if (plain || (key.trim() !== '' && !key.trimStart().startsWith('#'))) entries.push({ key, line });
  }
  return entries;
}

/**
 * Runs a hunt plan over candidates[from..]: the lowest index hunt.ts's huntIndex would give. The
 * core's own loop is pure JavaScript; the CLI passes one on Node's native hashes and worker
 * threads (src/cli/native-hunt.ts), which the core may not import.
 */
export type HuntRunner = (
  plan: HuntPlan,
  candidates: readonly Secret[],
  from: number,
) => Promise<number | null>;

export interface CheckKeysOptions extends Omit<DecodeOptions, 'keys'> {
  /** Milliseconds, from any monotonic source: the core has no clock. */
  clock: () => number;
  /** The loop over candidates once the plan is made (default: hunt.ts's huntIndex, in this thread). */
  hunt?: HuntRunner;
  /** Keys per decode() call: one call verifies a batch in order. */
  batchSize?: number;
}

export interface CheckKeysResult {
  /** Index into candidates of the key that verifies the value, or null. */
  index: number | null;
  tried: number;
  elapsedMs: number;
  keysPerSecond: number;
  /** Set when the value itself cannot be read (no key could ever verify it). */
  code: ErrorCode | null;
  message: string | null;
}

/**
 * Which candidate SECRET_KEY signs `value`, tried in order through decode(). Batches keep the
 * per-call overhead off each key, and every sha1/sha256 HMAC decode computes is synchronous
 * (crypto.ts saltedHmacSync): a candidate costs a few SHA blocks, not three WebCrypto thread-pool
 * round trips (`make bench`: ~1,100 → ~65,000 keys/s, sha256 then sha1 per key). sha384/sha512
 * still go to crypto.subtle.
 */
export async function checkKeys(
  value: string,
  candidates: readonly Secret[],
  options: CheckKeysOptions,
): Promise<CheckKeysResult> {
  const { clock, batchSize = 256, hunt = huntHere, ...decodeOptions } = options;
  const start = clock();
  const done = (
    index: number | null,
    tried: number,
    code: ErrorCode | null = null,
    message: string | null = null,
  ) => {
    const elapsedMs = clock() - start;
    const keysPerSecond = elapsedMs > 0 ? (tried * 1000) / elapsedMs : 0;
    return { index, tried, elapsedMs, keysPerSecond, code, message };
  };
  // The first candidate through decode(): an unreadable value ends the hunt with decode's code.
  // Then, where decode's path is plain Signer HMACs, the rest run in hunt.ts's loop (kind, salts
  // and algorithm worked out from the value once, message bytes made once, no key cache) and the
  // one it finds is confirmed through decode(), so the answer is decode's own.
  const plan = candidates.length > 1 ? await huntPlan(value, decodeOptions) : null;
  if (plan !== null) {
    const first = await decode(value, { ...decodeOptions, keys: candidates.slice(0, 1) });
    if (first.matchedKey !== null) return done(0, 1);
    if (first.verified === null || (first.code !== null && !isSignatureCode(first.code))) {
      return done(null, 0, first.code, first.message);
    }
    const index = await hunt(plan, candidates, 1);
    if (index === null) return done(null, candidates.length);
    const found = await decode(value, { ...decodeOptions, keys: [candidates[index] ?? ''] });
    if (found.matchedKey !== null) return done(index, index + 1);
    // Not reached unless hunt.ts and the readers disagree; then decode() decides, key by key.
  }
  for (let at = 0; at < candidates.length; at += batchSize) {
    const batch = candidates.slice(at, at + batchSize);
    const report = await decode(value, { ...decodeOptions, keys: batch });
    if (report.matchedKey !== null) return done(at + report.matchedKey, at + report.matchedKey + 1);
    if (report.verified === null || (report.code !== null && !isSignatureCode(report.code))) {
      return done(null, at, report.code, report.message);
    }
  }
  return done(null, candidates.length);
}

async function huntHere(plan: HuntPlan, candidates: readonly Secret[], from: number): Promise<number | null> {
  return huntIndex(plan, candidates, from);
}

function isSignatureCode(code: ErrorCode): boolean {
  return code === 'bad-signature' || code === 'signature-expired';
}
