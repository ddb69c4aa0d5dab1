// Every Django-made vector (test/vectors/*.json, format in test/vectors/README.md) through decode():
// each field of `expect` must equal the report's. Real Django is the oracle.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decode } from '../../src/core/decode';
import type { DecodeOptions, Secret } from '../../src/core/types';

interface Vector {
  id: string;
  kind: string;
  value: string;
  options: Omit<DecodeOptions, 'keys'> & { keys?: Array<string | { hex: string }> };
  django: string;
  expect: Record<string, unknown>;
  note?: string;
}

const dir = new URL('../vectors/', import.meta.url).pathname;
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

function toSecret(key: string | { hex: string }): Secret {
  return typeof key === 'string' ? key : Uint8Array.from(Buffer.from(key.hex, 'hex'));
}

describe('Django vectors', () => {
  it('finds vector files', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    const { vectors } = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { vectors: Vector[] };
    describe(file, () => {
      it.each(vectors.map((v) => [v.id, v] as const))('%s', async (_id, vector) => {
        const { keys, ...rest } = vector.options;
        const options: DecodeOptions = { ...rest, ...(keys ? { keys: keys.map(toSecret) } : {}) };
        const report = await decode(vector.value, options);
        const actual = Object.fromEntries(
          Object.keys(vector.expect).map((k) => [k, report[k as keyof typeof report]]),
        );
        expect(actual, `${vector.id} (django: ${vector.django}) ${vector.note ?? ''}`).toEqual(vector.expect);
      });
    });
  }
});
