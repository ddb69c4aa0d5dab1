import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMPANION_PROTOCOL } from '../../src/core/companion';
import {
  claimsCompanion,
  parseCompanionResponse,
  parseCompanionTimelineRecord,
  parseCompanionWriteResponse,
} from '../../src/core/companion-validate';
import { errorAnswer, sessionAnswer, siteAnswer } from '../fixtures/companion-answers';

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261201;

const problemOf = (body: unknown): string => {
  const parsed = parseCompanionResponse(body);
  return parsed.ok ? '(accepted)' : parsed.problem;
};

/** Every path to a leaf of a JSON object, as property lists: [['expiry', 'server', 'ttl'], …]. */
function leafPaths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...prefix, k]));
}

/** The leaves with a type of their own: not data/settings/expiry.custom, which hold any JSON. */
const typedLeaves = (answer: object) =>
  leafPaths(answer).filter((p) => p[0] !== 'data' && p[0] !== 'settings' && p.join('.') !== 'expiry.custom');

function withLeaf(body: object, path: string[], leaf: unknown): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[path.at(-1) as string] = leaf;
  return copy;
}

// The fields the protocol allows to be null, with the type they have otherwise; any other leaf set
// to null must be refused.
const NULLABLE = new Map([
  ['messagesCookieName', 'string'],
  ['settings.SESSION_COOKIE_DOMAIN', 'string'],
  ['expiry.custom', 'number'],
  ['expiry.server.expiresAt', 'string'],
  ['expiry.server.ttl', 'number'],
  ['user.id', 'string'],
  ['user.username', 'string'],
  ['user.isStaff', 'boolean'],
  ['user.backend', 'string'],
  ['user.hashValid', 'boolean'],
]);

const CONTRACT = new URL('../contract/', import.meta.url).pathname;
const contractFiles = readdirSync(CONTRACT).filter((f) => f.endsWith('.json'));
// timeline-*.json are records (GET of an X-Sessionlens-Record path), not session answers.
const answerFiles = contractFiles.filter((f) => !f.startsWith('timeline-'));
const recordFiles = contractFiles.filter((f) => f.startsWith('timeline-'));

describe('parseCompanionResponse', () => {
  it("accepts the companion's real answers (test/contract/, written by real Django)", () => {
    expect(contractFiles).toEqual(
      expect.arrayContaining(['logged-in.json', 'no-session.json', 'stale-hash.json']),
    );
    for (const file of answerFiles) {
      const answer: unknown = JSON.parse(readFileSync(join(CONTRACT, file), 'utf8'));
      expect(parseCompanionResponse(answer), file).toEqual({ ok: true, value: answer });
    }
  });

  it('accepts well-formed session, site-only and error answers, unchanged', () => {
    for (const answer of [sessionAnswer(), siteAnswer(), errorAnswer()]) {
      expect(parseCompanionResponse(answer)).toEqual({ ok: true, value: answer });
    }
  });

  it("refuses the issue's malformed answers, naming the first wrong field", () => {
    expect(problemOf({ protocol: COMPANION_PROTOCOL, ok: true })).toBe(
      'kind should be one of site, session, not missing',
    );
    expect(problemOf({ protocol: COMPANION_PROTOCOL, ok: true, kind: 'session' })).toBe(
      'django should be a string, not missing',
    );
    expect(problemOf(sessionAnswer({ engine: null as never }))).toBe('engine should be a string, not null');
    expect(problemOf({ ...sessionAnswer(), expiry: null })).toBe('expiry should be an object, not null');
    expect(problemOf({ ...sessionAnswer(), user: null })).toBe('user should be an object, not null');
    expect(problemOf({ ...sessionAnswer(), data: null })).toBe('data should be an object, not null');
    expect(problemOf(null)).toBe('the answer should be an object, not null');
    expect(problemOf([])).toBe('the answer should be an object, not an array');
    expect(problemOf({ protocol: '2', ok: true })).toBe('protocol should be an integer, not "2"');
    expect(problemOf({ protocol: COMPANION_PROTOCOL, ok: 'yes' })).toBe(
      'ok should be true or false, not "yes"',
    );
    expect(problemOf(errorAnswer({ code: 'teapot' as never }))).toMatch(
      /^code should be one of missing-session, /,
    );
  });

  it('refuses null in every field the protocol does not allow it in, and only there', () => {
    const answer = sessionAnswer();
    const paths = leafPaths(answer).filter((p) => p[0] !== 'data');
    expect(paths.length).toBeGreaterThan(30);
    for (const path of paths) {
      const name = path.join('.');
      const problem = problemOf(withLeaf(answer, path, null));
      if (NULLABLE.has(name)) expect(problem, name).toBe('(accepted)');
      else if (name.startsWith('settings.')) expect(problem, name).toBe('(accepted)');
      else expect(problem, name).toBe(`${name} should be ${problem.split(' should be ')[1]}`);
    }
  });

  it('refuses a field of the wrong type anywhere, leaving none missing unnoticed', () => {
    const answer = sessionAnswer();
    for (const path of typedLeaves(answer)) {
      const name = path.join('.');
      const removed = problemOf(withLeaf(answer, path, undefined));
      expect(removed, name).toMatch(new RegExp(`^${name.replace(/\./g, '\\.')} should be .*, not missing$`));
      expect(problemOf(withLeaf(answer, path, [])), name).toContain(`${name} should be`);
    }
  });

  it('says which side to upgrade when the protocol numbers differ', () => {
    expect(problemOf({ ...sessionAnswer(), protocol: COMPANION_PROTOCOL - 1 })).toBe(
      `the companion speaks protocol ${COMPANION_PROTOCOL - 1}, this panel protocol ${COMPANION_PROTOCOL}: upgrade django-sessionlens`,
    );
    expect(problemOf({ protocol: COMPANION_PROTOCOL + 1, ok: true })).toBe(
      `the companion speaks protocol ${COMPANION_PROTOCOL + 1}, this panel protocol ${COMPANION_PROTOCOL}: upgrade the extension`,
    );
  });

  it('checks the tagged values inside data and settings', () => {
    const withData = (data: unknown) => problemOf({ ...sessionAnswer(), data });
    expect(withData({ n: { $py: 'int', value: 12 } })).toBe('data["n"].value should be a string, not 12');
    expect(withData({ s: { $py: 'set' } })).toBe('data["s"].items should be an array, not missing');
    expect(withData({ d: { $py: 'dict', entries: [[1]] } })).toBe(
      'data["d"].entries[0] should be a [key, value] pair',
    );
    expect(withData({ o: { $py: 'object', type: 'x.Y' } })).toBe(
      'data["o"].repr should be a string, not missing',
    );
    expect(withData({ x: { $py: 'eval' } })).toBe('data["x"].$py should be a known tag, not "eval"');
    expect(withData({ list: [1, { $py: 'float', value: null }] })).toBe(
      'data["list"][1].value should be a string, not null',
    );
    expect(problemOf({ ...sessionAnswer(), settings: { X: { $py: 'uuid' } } })).toBe(
      'settings["X"].value should be a string, not missing',
    );
  });

  it('reads signedBy as a key by its setting name, absent (an older companion) or null', () => {
    const signedBy = (value: unknown) => problemOf({ ...sessionAnswer(), signedBy: value });
    for (const ok of ['SECRET_KEY', 'SECRET_KEY_FALLBACKS[0]', 'SECRET_KEY_FALLBACKS[12]', null, undefined]) {
      expect(signedBy(ok), String(ok)).toBe('(accepted)');
    }
    expect(problemOf(sessionAnswer())).toBe('(accepted)'); // the fixture has no signedBy at all
    for (const bad of [
      'secret_key',
      'SECRET_KEY_FALLBACKS[-1]',
      'SECRET_KEY_FALLBACKS[01]',
      'SECRET_KEY ',
      0,
    ]) {
      expect(signedBy(bad), String(bad)).toBe(
        `signedBy should be SECRET_KEY or SECRET_KEY_FALLBACKS[n], not ${JSON.stringify(bad)}`,
      );
    }
    const fallback: unknown = JSON.parse(readFileSync(join(CONTRACT, 'fallback-key.json'), 'utf8'));
    expect(fallback).toMatchObject({ signedBy: 'SECRET_KEY_FALLBACKS[0]' });
  });

  it('refuses nesting deeper than it can render, without overflowing the stack', () => {
    const COMPANION_MAX_DEPTH = 200; // the depth the problem text names
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(problemOf({ ...sessionAnswer(), data: { deep } })).toMatch(
      new RegExp(`is nested deeper than ${COMPANION_MAX_DEPTH} levels$`),
    );
    let fine: unknown = 'bottom';
    for (let i = 0; i < COMPANION_MAX_DEPTH - 2; i++) fine = [fine];
    expect(problemOf({ ...sessionAnswer(), data: { fine } })).toBe('(accepted)');
  });

  it('never throws, whatever arrives (fuzzed JSON and JS values)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything()), (body) => {
        const parsed = parseCompanionResponse(body);
        expect(parsed.ok || parsed.problem.length > 0).toBe(true);
      }),
      { numRuns: 500, seed: SEED },
    );
  });

  it('accepts a well-formed answer with one leaf replaced only when the protocol allows that value', () => {
    const answer = sessionAnswer();
    const paths = typedLeaves(answer).filter((p) => !['protocol', 'ok', 'kind'].includes(p.join('.')));
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue(), (path, leaf) => {
        const original = path.reduce<unknown>((at, k) => (at as Record<string, unknown>)[k], answer);
        const parsed = parseCompanionResponse(withLeaf(answer, path, leaf));
        // An accepted replacement has the field's JSON type, or is null where null is allowed.
        if (parsed.ok) {
          const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
          const name = path.join('.');
          const allowed = NULLABLE.has(name) ? ['null', NULLABLE.get(name)] : [kind(original)];
          expect(allowed).toContain(kind(leaf));
        } else {
          expect(parsed.problem.startsWith(path.join('.'))).toBe(true);
        }
      }),
      { numRuns: 500, seed: SEED },
    );
  });
});

describe('parseCompanionWriteResponse', () => {
  it("accepts the companion's real write answers, cookie included", () => {
    for (const file of contractFiles.filter((f) => f.startsWith('write-'))) {
      const answer: unknown = JSON.parse(readFileSync(join(CONTRACT, file), 'utf8'));
      expect(parseCompanionWriteResponse(answer), file).toEqual({ ok: true, value: answer });
    }
    expect(contractFiles.filter((f) => f.startsWith('write-')).length).toBeGreaterThan(0);
  });

  it('checks the cookie a write answer carries, and the write error codes', () => {
    const cookie = { name: 'sessionid', value: null, expires: null, domain: null, path: '/', secure: false };
    expect(parseCompanionWriteResponse({ ...siteAnswer(), cookie })).toEqual({
      ok: false,
      problem: 'cookie.httpOnly should be true or false, not missing',
    });
    expect(parseCompanionWriteResponse(errorAnswer({ code: 'no-such-key' })).ok).toBe(true);
    expect(problemOf({ ...siteAnswer(), writable: 'yes' })).toBe(
      'writable should be true or false, not "yes"',
    );
    expect(problemOf({ ...siteAnswer(), writable: true })).toBe('(accepted)');
  });
});

describe('parseCompanionTimelineRecord', () => {
  const loggedIn = JSON.parse(readFileSync(join(CONTRACT, 'logged-in.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  const state = Object.fromEntries(
    ['sessionKey', 'exists', 'corrupt', 'data', 'expiry', 'user'].map((k) => [k, loggedIn[k]]),
  );
  const record = {
    protocol: COMPANION_PROTOCOL,
    ok: true,
    kind: 'timeline-record',
    id: '3f2a',
    started: 1767225600,
    finished: 1767225600.25,
    method: 'GET',
    path: '/counter/',
    status: 200,
    before: state,
    after: state,
    keyChanged: false,
    cookie: null,
    truncated: false,
  };

  it("accepts the companion's real records (test/contract/timeline-*.json) and one built of real states", () => {
    for (const file of recordFiles) {
      const answer: unknown = JSON.parse(readFileSync(join(CONTRACT, file), 'utf8'));
      expect(parseCompanionTimelineRecord(answer), file).toEqual({ ok: true, value: answer });
    }
    expect(parseCompanionTimelineRecord(record)).toEqual({ ok: true, value: record });
    expect(parseCompanionTimelineRecord({ ...record, before: null, after: null, truncated: true }).ok).toBe(
      true,
    );
  });

  it('refuses a record of the wrong shape, naming the field, and a session answer', () => {
    expect(parseCompanionTimelineRecord({ ...record, cookie: 'eaten' })).toEqual({
      ok: false,
      problem: 'cookie should be one of set, deleted, not "eaten"',
    });
    expect(parseCompanionTimelineRecord({ ...record, after: { ...state, user: null } })).toEqual({
      ok: false,
      problem: 'after.user should be an object, not null',
    });
    expect(parseCompanionTimelineRecord(loggedIn).ok).toBe(false);
    expect(parseCompanionTimelineRecord({ ...record, protocol: 1 })).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/upgrade django-sessionlens$/),
    });
  });
});

describe('claimsCompanion', () => {
  it('is what tells "not installed" (HTML, other JSON) from a companion that answered badly', () => {
    expect(claimsCompanion({ protocol: 1 })).toBe(true);
    expect(claimsCompanion({ detail: 'Not found.' })).toBe(false);
    expect(claimsCompanion(null)).toBe(false);
    expect(claimsCompanion([{ protocol: 1 }])).toBe(false);
  });
});
