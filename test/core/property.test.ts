// decode() against random mutations of valid signed values: it never throws, always settles,
// and never verifies a value Django would reject. Run count is printed (fast-check's numRuns).
import { deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { b64Decode } from '../../src/core/base64';
import { decode } from '../../src/core/decode';
import { dumps, Signer, TimestampSigner } from '../../src/core/signing';
import type { DecodeOptions, PyValue, Result } from '../../src/core/types';

const KEY = 'property-test-key';
const now = 1700000000.75;
const RUNS = 200;
// Fixed so CI is reproducible; FC_SEED=<n> explores other cases (fast-check prints the seed of a failure).
const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261123;

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(r.message);
  return r.value;
}
const compress = (d: Uint8Array) => new Uint8Array(deflateSync(d));

const session: PyValue = {
  t: 'dict',
  entries: [
    [
      { t: 'str', v: '_auth_user_id' },
      { t: 'str', v: '42' },
    ],
    [
      { t: 'str', v: 'cart' },
      {
        t: 'list',
        items: [
          { t: 'int', v: '1' },
          { t: 'float', v: '2.5' },
        ],
      },
    ],
    [
      { t: 'str', v: 'pad' },
      { t: 'str', v: 'x'.repeat(120) },
    ],
  ],
};

type Mutation =
  | { op: 'flip'; at: number; char: string }
  | { op: 'insert'; at: number; text: string }
  | { op: 'delete'; at: number; count: number }
  | { op: 'truncate'; at: number }
  | { op: 'huge'; times: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    op: fc.constant('flip' as const),
    at: fc.nat(),
    char: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
  }),
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.string({ unit: 'binary', maxLength: 8 }),
  }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('huge' as const), times: fc.integer({ min: 50, max: 2000 }) }),
);

const HUGE_CAP = 2 * 1024 * 1024;

function apply(value: string, m: Mutation): string {
  const at = value.length === 0 ? 0 : ('at' in m ? m.at : 0) % value.length;
  switch (m.op) {
    case 'flip':
      return value.slice(0, at) + m.char + value.slice(at + 1);
    case 'insert':
      return value.slice(0, at) + m.text + value.slice(at);
    case 'delete':
      return value.slice(0, at) + value.slice(at + m.count);
    case 'truncate':
      return value.slice(0, at);
    case 'huge':
      // Far past any cookie, yet bounded: chained repeats must not outgrow what a JS string holds.
      return value.repeat(Math.min(m.times, Math.ceil(HUGE_CAP / Math.max(value.length, 1))));
  }
}

/**
 * Mutations Django also accepts: the signature covers the text before the last ':' exactly, so a
 * changed value verifies only if that text and the signature text are unchanged — i.e. the
 * mutation produced the very same string.
 */
function djangoAccepts(original: string, mutated: string): boolean {
  return original === mutated;
}

describe('decode() under random mutation', () => {
  it('never throws, settles, and never verifies a changed value', async () => {
    const cookie = must(
      await dumps(session, {
        key: KEY,
        salt: 'django.contrib.sessions.backends.signed_cookies',
        compress,
        now,
      }),
    );
    const plain = await must(TimestampSigner.create({ key: KEY, now })).sign('hello:world');
    const signer = await must(Signer.create({ key: KEY })).sign('v');
    const cases: Array<[string, DecodeOptions]> = [
      [cookie, { now, keys: [KEY], kind: 'session-cookie' }],
      [cookie, { now, keys: [KEY], kind: 'auto', cookieName: 'sessionid' }],
      [plain, { now, keys: [KEY], kind: 'signing', salt: '' }],
      [signer, { now, keys: [KEY], kind: 'signing' }],
    ];
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...cases),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        async ([value, options], ms) => {
          runs++;
          const mutated = ms.reduce(apply, value);
          const report = await decode(mutated, options);
          expect(typeof report.kind).toBe('string');
          if (report.verified === true) expect(djangoAccepts(value, mutated)).toBe(true);
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
    console.info(`property: ${runs} mutated values decoded`);
    expect(runs).toBe(RUNS);
  }, 20_000);

  it('accepts what Django accepts: noise characters inside the payload still verify when re-signed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 4 }), async (noise) => {
        const signer = must(TimestampSigner.create({ key: KEY, now, salt: 'x' }));
        const payload = `eyJhIjoxfQ${noise}`;
        const report = await decode(await signer.sign(payload), {
          now,
          keys: [KEY],
          kind: 'signing',
          salt: 'x',
        });
        expect(report.verified).toBe(true);
        // The payload decodes exactly when Python's b64decode would (same discard/padding rules).
        if (report.format === 'signed-object') expect(b64Decode(payload).ok).toBe(true);
      }),
      { numRuns: 100, seed: SEED },
    );
  });

  it('stops a signed zlib bomb at the cap', async () => {
    const bomb = new Uint8Array(20 * 1024 * 1024).fill(0x20);
    bomb[0] = 0x22;
    bomb[bomb.length - 1] = 0x22;
    const token = await must(
      TimestampSigner.create({ key: KEY, now, salt: 'django.core.signing' }),
    ).signSerialized(bomb, compress);
    expect(token.startsWith('.')).toBe(true);
    const report = await decode(token, { now, keys: [KEY], kind: 'signing', salt: 'django.core.signing' });
    expect(report).toMatchObject({ verified: true, code: 'too-large', compressed: true, data: null });
    const small = await decode(token, {
      now,
      keys: [KEY],
      kind: 'signing',
      salt: 'django.core.signing',
      limits: { maxDecompressedBytes: 1024 },
    });
    expect(small.code).toBe('too-large');
  });
});
