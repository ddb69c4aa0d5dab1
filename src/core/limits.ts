import type { Limits } from './types';

/**
 * Defaults for `Limits`. A browser cookie is at most 4096 bytes, but pasted `session_data` can be
 * longer; 4 MiB of inflated JSON is far beyond any real session yet stops a zlib bomb
 * (docs/formats.md §2.3: a 27 KB signed value inflates to 20 MiB); 1000 matches CPython's
 * default recursion limit, the depth at which Django's own json.loads gives up. 100,000 values
 * is far above a real session (a few hundred) and what a panel or a terminal can still show;
 * a cookie-sized bomb (1.3 M empty lists in 5 KB, a pickle memo fan-out) stops there.
 */
export const DEFAULT_LIMITS: Readonly<Limits> = {
  maxInputBytes: 64 * 1024,
  maxDecompressedBytes: 4 * 1024 * 1024,
  maxDepth: 1000,
  maxNodes: 100_000,
};

export function resolveLimits(limits: Partial<Limits> | undefined): Limits {
  return { ...DEFAULT_LIMITS, ...limits };
}
