// What the validator accepts, the Session tab renders: fuzzed companion answers either come back
// invalid or render without an exception (no tab blanking on a well-typed but odd answer).
import { cleanup, render } from '@testing-library/preact';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { sessionAnswer } from '../../../test/fixtures/companion-answers';
import type { CompanionSession } from '../../core/companion';
import { parseCompanionResponse } from '../../core/companion-validate';
import { SessionTab } from './SessionTab';

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261201;
const NOW = 1_700_000_000;

/** Tagged values as the companion writes them, nested, plus the odd ones a hostile store could hold. */
const tagged: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 2 }),
    fc.record({
      $py: fc.constantFrom('int', 'float', 'datetime', 'date', 'decimal', 'bytes'),
      value: fc.string(),
    }),
    fc.record({
      $py: fc.constantFrom('tuple', 'set', 'frozenset'),
      items: fc.array(tie('value'), { maxLength: 3 }),
    }),
    fc.record({
      $py: fc.constant('dict'),
      entries: fc.array(fc.tuple(tie('value'), tie('value')), { maxLength: 3 }),
    }),
    fc.record({ $py: fc.constant('object'), type: fc.string(), repr: fc.string() }),
  ),
})).value;

const answers = fc.record({
  data: fc.dictionary(fc.string(), tagged, { maxKeys: 5 }),
  settings: fc.dictionary(
    fc.constantFrom('SESSION_COOKIE_AGE', 'SESSION_EXPIRE_AT_BROWSER_CLOSE', 'X'),
    tagged,
  ),
  custom: tagged,
  engine: fc.string(),
  serverTime: fc.oneof(fc.double(), fc.integer()),
  age: fc.oneof(fc.double(), fc.integer()),
  date: fc.string(),
  expiresAt: fc.option(fc.string()),
  ttl: fc.option(fc.oneof(fc.double(), fc.integer())),
  source: fc.constantFrom('db', 'cache', 'file', 'cookie', 'unknown', 'elsewhere'),
  fallbacks: fc.oneof(fc.integer(), fc.double()),
});

describe('SessionTab with fuzzed companion answers', () => {
  afterEach(cleanup);

  it('renders every answer the validator accepts, and the validator refuses the rest', () => {
    let rendered = 0;
    fc.assert(
      fc.property(answers, (a) => {
        const base = sessionAnswer();
        const body = {
          ...base,
          engine: a.engine,
          serverTime: a.serverTime,
          data: a.data,
          settings: a.settings,
          secretKey: { looksWeak: false, fallbacks: a.fallbacks },
          expiry: {
            ...base.expiry,
            age: a.age,
            date: a.date,
            custom: a.custom,
            server: { source: a.source, expiresAt: a.expiresAt, ttl: a.ttl },
          },
        };
        const parsed = parseCompanionResponse(body);
        if (!parsed.ok) return;
        rendered++;
        render(
          <SessionTab
            cookie={null}
            sessionCookieName="sessionid"
            report={null}
            companion={{ status: 'ok', response: parsed.value as CompanionSession }}
            now={NOW}
            onRefreshCompanion={() => undefined}
          />,
        );
        cleanup();
      }),
      { numRuns: 150, seed: SEED },
    );
    expect(rendered).toBeGreaterThan(20);
  });
});
