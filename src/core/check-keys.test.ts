import { describe, expect, it } from 'vitest';
import { checkKeys, wordlistEntries } from './check-keys';

// Made by Django 5.2: signing.dumps({'user': 1}, key=...) (salt 'django.core.signing').
const SIGNED_WITH_DRF_TEST_KEY = 'eyJ1c2VyIjoxfQ:1xVTZL:rtWcUPQx4UN9HzRpMc2S8qdbG8JMkp8C_3bE1bh3m0U';

describe('wordlistEntries', () => {
  it('keeps one key per line, skipping comments and blank lines, keeping inner spaces', () => {
    expect(wordlistEntries('# keys\nalpha\r\n\n  # indented comment\nnot very secret in tests\n')).toEqual([
      { key: 'alpha', line: 2 },
      { key: 'not very secret in tests', line: 5 },
    ]);
  });
});

describe('checkKeys', () => {
  let t = 0;
  const clock = () => (t += 5);

  it('finds the candidate that signs a Django value, across batches', async () => {
    const candidates = ['a', 'b', 'c', 'not very secret in tests', 'd'];
    const result = await checkKeys(SIGNED_WITH_DRF_TEST_KEY, candidates, {
      now: 1_800_000_000,
      clock,
      batchSize: 2,
    });
    expect(result).toMatchObject({ index: 3, tried: 4, code: null });
    expect(result.elapsedMs).toBeGreaterThan(0);
    expect(result.keysPerSecond).toBeGreaterThan(0);
  });

  it('reports none found after trying them all', async () => {
    const result = await checkKeys(SIGNED_WITH_DRF_TEST_KEY, ['a', 'b'], { now: 1_800_000_000, clock });
    expect(result).toMatchObject({ index: null, tried: 2 });
  });

  it('stops at once on a value no key could verify', async () => {
    const result = await checkKeys('garbage', ['a', 'b'], { now: 1_800_000_000, clock, kind: 'signing' });
    expect(result.index).toBeNull();
    expect(result.code).not.toBeNull();
    expect(result.tried).toBe(0);
  });
});
