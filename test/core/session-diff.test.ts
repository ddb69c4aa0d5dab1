// The timeline's diff against what real Django wrote: the companion's contract answers
// (test/contract/, companion/tests/test_contract.py), sessions decoded from the vectors
// (test/vectors/, companion/tools/), and signed_cookies sessions saved by SessionMiddleware with
// their Set-Cookie lines (expiry vectors). Where a test changes one value it changes the decoded
// value, never the encoded vector.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type {
  CompanionSession,
  CompanionSessionState,
  CompanionSiteOnly,
  CompanionTimelineRecord,
} from '../../src/core/companion';
import { parseCookieHeader, parseSetCookie } from '../../src/core/cookies/headers';
import { decode } from '../../src/core/decode';
import {
  diffCompanionWrite,
  diffSessions,
  diffTimelineRecord,
  type SessionChange,
  type SessionSnapshot,
  sessionKeySnapshot,
  signedCookieSnapshot,
} from '../../src/core/session-diff';
import type { DecodeOptions, PyValue } from '../../src/core/types';

const root = new URL('../', import.meta.url).pathname;
const contract = (name: string) =>
  JSON.parse(readFileSync(`${root}contract/${name}.json`, 'utf8')) as CompanionSession;
interface Vector {
  id: string;
  value: string;
  options: DecodeOptions;
  expect: { data: PyValue };
  expiry?: { setCookie: string };
}
const vector = (file: string, id: string): Vector => {
  const { vectors } = JSON.parse(readFileSync(`${root}vectors/${file}`, 'utf8')) as { vectors: Vector[] };
  const found = vectors.find((v) => v.id === id);
  if (!found) throw new Error(`no vector ${id} in ${file}`);
  return found;
};
const data = (file: string, id: string) => vector(file, id).expect.data;

const state = (answer: CompanionSession): CompanionSessionState => ({
  sessionKey: answer.sessionKey,
  exists: answer.exists,
  corrupt: answer.corrupt,
  data: answer.data,
  expiry: answer.expiry,
  user: answer.user,
});

const at = 1_767_225_600; // the contract's normalised serverTime
/** A record of one request between two real answers (null: no session), through the record's own door. */
const step = (before: CompanionSession | CompanionSessionState | null, after: CompanionSession | null) =>
  diffTimelineRecord(
    {
      protocol: 2,
      ok: true,
      kind: 'timeline-record',
      id: 'x',
      started: at,
      finished: at,
      method: 'GET',
      path: '/',
      status: 200,
      before: before === null ? null : 'kind' in before ? state(before) : before,
      after: after === null ? null : state(after),
      keyChanged: false,
      cookie: null,
      truncated: false,
    },
    null,
    false,
  );
/** Python's == on two values, seen as the diff sees it: a session {"v": a} saved as {"v": b}. */
const sameValue = (a: PyValue, b: PyValue) =>
  diffSessions(
    bare({ t: 'dict', entries: [[{ t: 'str', v: 'v' }, a]] }),
    bare({ t: 'dict', entries: [[{ t: 'str', v: 'v' }, b]] }),
  ).changes.length === 0;
const kinds = (changes: SessionChange[]) => changes.map((c) => c.kind);
const paths = (changes: SessionChange[], kind: SessionChange['kind']) =>
  changes.flatMap((c) => (c.kind === kind && 'path' in c ? [c.path.join('/')] : []));
const withEntry = (dict: PyValue, key: string, value: PyValue | null): PyValue => {
  if (dict.t !== 'dict') throw new Error('not a dict');
  const entries = dict.entries.filter(([k]) => !(k.t === 'str' && k.v === key));
  return { t: 'dict', entries: value === null ? entries : [...entries, [{ t: 'str', v: key }, value]] };
};
const bare = (d: PyValue): SessionSnapshot => ({ key: null, data: d, expiry: null, user: null });

describe('values compared as Python == compares the deserialized values', () => {
  const pickled = data('session-data.3.2.25.json', 'session-data/3.2.25/pickle_types');

  it('ignores dict order and set order, as Python does', () => {
    if (pickled.t !== 'dict') throw new Error('not a dict');
    const reversed: PyValue = {
      t: 'dict',
      entries: [...pickled.entries]
        .reverse()
        .map(([k, v]): [PyValue, PyValue] => [
          k,
          v.t === 'set' ? { t: 'set', items: [...v.items].reverse() } : v,
        ]),
    };
    expect(sameValue(pickled, reversed)).toBe(true);
  });

  it('keeps a tuple apart from a list, and big ints and datetimes exact to the last digit', () => {
    const bigInts = data('signing.5.2.19.json', 'signing/5.2.19/big_ints');
    if (bigInts.t !== 'list') throw new Error('not a list');
    expect(sameValue(bigInts, { t: 'tuple', items: bigInts.items })).toBe(false);
    const [first] = bigInts.items;
    expect(first).toEqual({ t: 'int', v: '9007199254740993' });
    // 2^53 + 1 and 2^53 are one JavaScript number, two Python ints.
    expect(sameValue({ t: 'int', v: '9007199254740993' }, { t: 'int', v: '9007199254740992' })).toBe(false);
    if (pickled.t !== 'dict') throw new Error('not a dict');
    const when = pickled.entries.find(([k]) => k.t === 'str' && k.v === 'when')?.[1];
    expect(when).toEqual({ t: 'datetime', v: '2030-01-02T03:04:05.678901+00:00' });
    expect(sameValue(when as PyValue, { t: 'datetime', v: '2030-01-02T03:04:05.678902+00:00' })).toBe(false);
  });
});

describe('diffSessions: keys added, changed, removed', () => {
  it('walks nested dicts down to the value that changed, old → new', () => {
    const nested = data('signing.5.2.19.json', 'signing/5.2.19/nested');
    const c = nested.t === 'dict' ? nested.entries.find(([k]) => k.t === 'str' && k.v === 'c')?.[1] : null;
    const d = c?.t === 'dict' ? c.entries[0]?.[1] : null;
    if (d?.t !== 'dict') throw new Error('vector shape changed');
    const changed = withEntry(
      nested,
      'c',
      withEntry(c as PyValue, 'd', withEntry(d, 'e', { t: 'str', v: 'g' })),
    );
    const { changes } = diffSessions(bare(nested), bare(changed));
    expect(changes).toEqual([
      { kind: 'changed', path: ['c', 'd', 'e'], old: { t: 'str', v: 'f' }, value: { t: 'str', v: 'g' } },
    ]);
  });

  it('compares a list whole: one change with the old and the new list', () => {
    const nested = data('signing.5.2.19.json', 'signing/5.2.19/nested');
    const changed = withEntry(nested, 'a', { t: 'list', items: [] });
    const { changes } = diffSessions(bare(nested), bare(changed));
    expect(paths(changes, 'changed')).toEqual(['a']);
  });

  it('reports a tagged value whose type changed (a set saved as a list) and big ints exactly', () => {
    const pickled = data('session-data.3.2.25.json', 'session-data/3.2.25/pickle_types');
    const ids =
      pickled.t === 'dict' ? pickled.entries.find(([k]) => k.t === 'str' && k.v === 'ids')?.[1] : null;
    if (ids?.t !== 'set') throw new Error('vector shape changed');
    const after = withEntry(withEntry(pickled, 'ids', { t: 'list', items: ids.items }), 'big', {
      t: 'int',
      v: '1180591620717411303425',
    });
    const { changes } = diffSessions(bare(pickled), bare(after));
    expect(paths(changes, 'changed').sort()).toEqual(['big', 'ids']);
    const big = changes.find((c) => c.kind === 'changed' && c.path[0] === 'big');
    expect(big).toMatchObject({
      old: { v: '1180591620717411303424' },
      value: { v: '1180591620717411303425' },
    });
  });

  it('counts changes beyond the cap instead of listing them', () => {
    const many: PyValue = {
      t: 'dict',
      entries: Array.from({ length: 600 }, (_, i): [PyValue, PyValue] => [
        { t: 'str', v: `k${i}` },
        { t: 'int', v: String(i) },
      ]),
    };
    const result = diffSessions(bare({ t: 'dict', entries: [] }), bare(many));
    expect(result.omitted).toBeGreaterThan(0);
    expect(result.changes.length + result.omitted).toBe(600);
  });
});

describe('diffSessions on the companion contract', () => {
  it('a write adds visits_counter to the logged-in session and changes nothing else', () => {
    const { changes } = step(contract('logged-in'), contract('write-set'));
    expect(changes).toEqual([{ kind: 'added', path: ['visits_counter'], value: { t: 'int', v: '40' } }]);
  });

  it('a password change: the same user, refused by a stale auth hash', () => {
    const { changes } = step(contract('logged-in'), contract('stale-hash'));
    expect(changes).toEqual([
      expect.objectContaining({
        kind: 'user',
        change: 'hash-invalidated',
        after: expect.objectContaining({ id: '1', username: 'demo' }),
      }),
    ]);
  });

  it('logout: flushed, the user logged out, every key listed as removed', () => {
    const { changes } = step(contract('logged-in'), null);
    expect(kinds(changes).slice(0, 2)).toEqual(['flushed', 'user']);
    expect(changes[1]).toMatchObject({ change: 'logout' });
    expect(paths(changes, 'removed').sort()).toEqual([
      '_auth_user_backend',
      '_auth_user_hash',
      '_auth_user_id',
    ]);
  });

  it('a session created by a login: created, the user, the keys added', () => {
    const { changes } = step(null, contract('logged-in'));
    expect(kinds(changes).slice(0, 2)).toEqual(['created', 'user']);
    expect(changes[1]).toMatchObject({ change: 'login', after: { username: 'demo' } });
  });

  it('a key the store does not hold is no session (Django starts empty)', () => {
    const unknown = step({ ...state(contract('logged-in')), exists: false }, contract('logged-in'));
    expect(kinds(unknown.changes).slice(0, 2)).toEqual(['created', 'user']);
    expect(unknown.before).toBeNull();
  });

  it('a record of a cycled key is a rotation, and for signed_cookies it is not', () => {
    const loggedIn = state(contract('logged-in'));
    const record: CompanionTimelineRecord = {
      protocol: 2,
      ok: true,
      kind: 'timeline-record',
      id: 'x',
      started: at,
      finished: at,
      method: 'POST',
      path: '/login/',
      status: 302,
      before: loggedIn,
      after: loggedIn,
      keyChanged: true,
      cookie: 'set',
      truncated: false,
    };
    expect(kinds(diffTimelineRecord(record, null, false).changes)).toEqual(['key-rotated']);
    expect(diffTimelineRecord(record, null, true).changes).toEqual([]);
  });
});

describe("diffTimelineRecord on the companion's real records (test/contract/timeline-*.json)", () => {
  const record = (name: string) =>
    JSON.parse(readFileSync(`${root}contract/${name}.json`, 'utf8')) as CompanionTimelineRecord;

  it('POST /login/: the key cycled, the user logged in, the anonymous cart kept', () => {
    const step = diffTimelineRecord(record('timeline-login'), { SESSION_COOKIE_AGE: 1209600 }, false);
    expect(kinds(step.changes).slice(0, 2)).toEqual(['key-rotated', 'user']);
    expect(step.changes[1]).toMatchObject({ change: 'login', after: { username: 'demo', id: '1' } });
    expect(paths(step.changes, 'added').sort()).toEqual([
      '_auth_user_backend',
      '_auth_user_hash',
      '_auth_user_id',
    ]);
    expect(paths(step.changes, 'removed')).toEqual([]);
    expect(step.after?.data).toMatchObject({ t: 'dict' });
  });

  it('logout: the session flushed, the user logged out, every key removed', () => {
    const step = diffTimelineRecord(record('timeline-logout'), null, false);
    expect(kinds(step.changes).slice(0, 2)).toEqual(['flushed', 'user']);
    expect(step.changes[1]).toMatchObject({ change: 'logout' });
    expect(step.after).toBeNull();
  });
});

describe("diffCompanionWrite: the panel's own edits, between the companion's real answers", () => {
  const site = (name: string) =>
    JSON.parse(readFileSync(`${root}contract/${name}.json`, 'utf8')) as CompanionSiteOnly;

  it('set: the key added, nothing else', () => {
    const { changes, after } = diffCompanionWrite(contract('logged-in'), contract('write-set'), null, false);
    expect(changes).toEqual([{ kind: 'added', path: ['visits_counter'], value: { t: 'int', v: '40' } }]);
    expect(after?.data).toMatchObject({ t: 'dict' });
  });

  it('flush: the session gone and the user logged out', () => {
    const { changes, after } = diffCompanionWrite(contract('logged-in'), site('write-flush'), null, false);
    expect(kinds(changes).slice(0, 2)).toEqual(['flushed', 'user']);
    expect(after).toBeNull();
  });

  it('cycle_key: a new key is a rotation, except for signed_cookies, whose cookie is the session', () => {
    const cycled = { ...contract('logged-in'), sessionKey: 'abcd…wxyz' };
    expect(kinds(diffCompanionWrite(contract('logged-in'), cycled, null, false).changes)).toEqual([
      'key-rotated',
    ]);
    expect(diffCompanionWrite(contract('logged-in'), cycled, null, true).changes).toEqual([]);
  });
});

describe('diffSessions: rotation and flush seen in the cookie alone', () => {
  it('a new session key is a rotation, the same key nothing', () => {
    const keys = parseCookieHeader('sessionid=abcd1234efgh5678; csrftoken=tok');
    const before = sessionKeySnapshot(keys.get('sessionid') ?? '');
    expect(diffSessions(before, sessionKeySnapshot('abcd1234efgh5678')).changes).toEqual([]);
    expect(diffSessions(before, sessionKeySnapshot('zzzz9999yyyy0000')).changes).toEqual([
      { kind: 'key-rotated', before: 'abcd1234efgh5678', after: 'zzzz9999yyyy0000' },
    ]);
    expect(kinds(diffSessions(before, null).changes)).toEqual(['flushed']);
  });
});

describe('signed_cookies: the request cookie and the response cookie are before and after', () => {
  async function snapshotOf(id: string) {
    const v = vector('expiry.5.2.19.json', id);
    const report = await decode(v.value, v.options);
    const line = (v.expiry?.setCookie ?? '').replace(/^Set-Cookie: /, '');
    const set = parseSetCookie(line, v.options.now ?? 0);
    expect(set?.value).toBe(v.value);
    return signedCookieSnapshot(
      report.data,
      report.timestamp,
      set === null ? null : { session: set.session, expirationDate: set.expirationDate },
      null,
      v.options.now ?? 0,
    );
  }

  it('set_expiry(300): the key added and the expiry now decided by set_expiry(seconds)', async () => {
    const before = await snapshotOf('expiry/5.2.19/default');
    const after = await snapshotOf('expiry/5.2.19/set_expiry_300');
    expect(before?.expiry?.rule).toBe('SESSION_COOKIE_AGE');
    const { changes } = diffSessions(before, after);
    const expiry = changes.find((c) => c.kind === 'expiry');
    expect(expiry).toMatchObject({
      before: { rule: 'SESSION_COOKIE_AGE', custom: null },
      after: { rule: 'set_expiry-seconds', custom: { t: 'int', v: '300' } },
    });
    expect(paths(changes, 'added')).toContain('_session_expiry');
  });

  it('set_expiry(0): the session now ends when the browser closes (no Max-Age on the cookie)', async () => {
    const before = await snapshotOf('expiry/5.2.19/default');
    const after = await snapshotOf('expiry/5.2.19/set_expiry_0');
    const expiry = diffSessions(before, after).changes.find((c) => c.kind === 'expiry');
    expect(expiry).toMatchObject({ after: { rule: 'browser-close', atBrowserClose: true } });
  });

  it('a login read from the cookie: the user named by _auth_user_id, without the companion', async () => {
    const v = vector('session-cookie.5.2.19.json', 'session-cookie/5.2.19/auth_login');
    const report = await decode(v.value, v.options);
    const after = signedCookieSnapshot(report.data, report.timestamp, null, null, v.options.now ?? 0);
    const { changes } = diffSessions(null, after);
    expect(changes[1]).toMatchObject({ kind: 'user', change: 'login', after: { authenticated: null } });
    expect(kinds(diffSessions(after, null).changes).slice(0, 2)).toEqual(['flushed', 'user']);
  });
});
