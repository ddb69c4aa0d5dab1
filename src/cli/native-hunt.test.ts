// @vitest-environment node
// The CLI's native hunt gives the core's answer: in one thread beside the core's huntIndex on every
// Django-made vector with keys, and the worker threads (running the BUILT CLI, as the command
// does) on a list long enough to be shared, the key in a later share, under a later salt.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PYTHON } from '../../test/python';
import { huntIndex, huntPlan } from '../core/hunt';
import type { DecodeOptions, Secret } from '../core/types';
import { nativeHunt } from './native-hunt';

const ROOT = new URL('../..', import.meta.url).pathname;
const CLI = new URL('../../dist/cli/sessionlens.mjs', import.meta.url);

interface Vector {
  id: string;
  value: string;
  options: Omit<DecodeOptions, 'keys'> & { keys?: Array<string | { hex: string }> };
}

const dir = join(ROOT, 'test/vectors');
const vectors = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .flatMap((f) => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { vectors: Vector[] }).vectors)
  .filter((v) => v.options.keys && v.options.keys.length > 0);

const toSecret = (key: string | { hex: string }): Secret =>
  typeof key === 'string' ? key : Uint8Array.from(Buffer.from(key.hex, 'hex'));

describe('nativeHunt in one thread (a short list) finds what the core loop finds', () => {
  it('has vectors', () => expect(vectors.length).toBeGreaterThan(50));

  it.each(vectors.map((v) => [v.id, v] as const))('%s', async (_id, vector) => {
    const { keys = [], ...options } = vector.options;
    // Decoys first, a non-ASCII one and a bytes one among them (force_bytes: UTF-8, bytes as given).
    const candidates: Secret[] = [
      'decoy-one',
      'clé-ünïcode',
      Uint8Array.of(0, 255, 7),
      ...keys.map(toSecret),
    ];
    for (const typed of [options, { ...options, kind: 'auto' as const }]) {
      const plan = await huntPlan(vector.value, typed);
      if (plan === null) continue;
      const got = await nativeHunt(CLI)(plan, candidates, 0);
      expect(got, JSON.stringify(typed)).toBe(huntIndex(plan, candidates, 0));
    }
  });
});

describe('nativeHunt across worker threads', () => {
  let value = '';
  const key = 'the-key-django-signed-with-0123456789';

  beforeAll(() => {
    // A signing.dumps token with no cookie name: `auto` tries several salts, the dumps one first.
    value = execFileSync(
      PYTHON,
      [
        '-c',
        `from django.conf import settings; settings.configure()
from django.core import signing
print(signing.dumps({"user": 1}, key=${JSON.stringify(key)}, salt="django.contrib.sessions.backends.signed_cookies"))`,
      ],
      { encoding: 'utf8' },
    ).trim();
  }, 60_000);

  const decoys = (n: number) => Array.from({ length: n }, (_, i) => `decoy-${i}`);

  it('shares the list between threads and answers the lowest index under the earliest salt', async () => {
    const plan = await huntPlan(value, { now: 1_800_000_000 });
    if (plan === null) throw new Error('no plan');
    // Shares of 20,000 (the CLI's default is larger): the 50,000 keys go to two threads.
    const hunt = nativeHunt(CLI, 20_000);
    const candidates = decoys(50_000);
    // In the last share; found under a salt that is not the first attempt.
    candidates[43_210] = key;
    const want = huntIndex(plan, candidates, 1);
    expect(want).toBe(43_210);
    expect(await hunt(plan, candidates, 1)).toBe(want);
    // Twice in the list: the lower index wins, across shares.
    candidates[21_000] = key;
    expect(await hunt(plan, candidates, 1)).toBe(21_000);
    // Nowhere: null, every share, every salt.
    expect(await hunt(plan, decoys(45_000), 1)).toBeNull();
  }, 60_000);
});
