// checkKeys (its hunt.ts fast loop) against decode() itself on every Django-made vector: with
// decoy keys before the vector's own, explicitly typed and as `auto`, the index found (or the
// unreadable code) must be the one decode() gives key by key.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkKeys } from '../../src/core/check-keys';
import { decode } from '../../src/core/decode';
import { huntIndex, huntPlan } from '../../src/core/hunt';
import type { DecodeOptions, ErrorCode, Secret } from '../../src/core/types';

interface Vector {
  id: string;
  value: string;
  options: Omit<DecodeOptions, 'keys'> & { keys?: Array<string | { hex: string }> };
}

const dir = new URL('../vectors/', import.meta.url).pathname;
const vectors = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .flatMap((f) => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { vectors: Vector[] }).vectors)
  .filter((v) => v.options.keys && v.options.keys.length > 0);

const toSecret = (key: string | { hex: string }): Secret =>
  typeof key === 'string' ? key : Uint8Array.from(Buffer.from(key.hex, 'hex'));

/** decode() one candidate at a time: the first that verifies, or the code of an unreadable value. */
async function oracle(value: string, candidates: Secret[], options: Omit<DecodeOptions, 'keys'>) {
  for (const [i, key] of candidates.entries()) {
    const r = await decode(value, { ...options, keys: [key] });
    if (r.matchedKey !== null) return { index: i, code: null as ErrorCode | null };
    if (
      r.verified === null ||
      (r.code !== null && r.code !== 'bad-signature' && r.code !== 'signature-expired')
    ) {
      return { index: null, code: r.code };
    }
  }
  return { index: null, code: null };
}

let planned = 0;

describe('checkKeys finds what decode() finds, on every vector with keys', () => {
  it('has vectors', () => expect(vectors.length).toBeGreaterThan(50));

  it.each(vectors.map((v) => [v.id, v] as const))('%s', async (_id, vector) => {
    const { keys = [], ...options } = vector.options;
    const candidates = ['decoy-one', 'decoy-two', ...keys.map(toSecret)];
    for (const typed of [options, { ...options, kind: 'auto' as const }]) {
      const want = await oracle(vector.value, candidates, typed);
      const got = await checkKeys(vector.value, candidates, { ...typed, clock: () => 0 });
      expect({ index: got.index, code: got.code }, JSON.stringify(typed)).toEqual(want);
      // The fast loop on its own (checkKeys would hide a wrong index behind its confirmation).
      const plan = await huntPlan(vector.value, typed);
      if (plan !== null && want.code === null) {
        planned++;
        expect(huntIndex(plan, candidates, 0), JSON.stringify(typed)).toBe(want.index);
      }
    }
  });
});

describe('the fast loop covers the common shapes', () => {
  it('ran on most vectors (the rest are legacy hashes, session keys, unreadable values)', () => {
    expect(planned).toBeGreaterThan(vectors.length);
  });
});
