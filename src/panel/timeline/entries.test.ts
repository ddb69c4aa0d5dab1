import { describe, expect, it } from 'vitest';
import loggedIn from '../../../test/contract/logged-in.json';
import { fromTaggedJson } from '../../core/index';
import {
  addEntry,
  completeEntry,
  EMPTY_TIMELINE,
  MAX_ENTRIES,
  type Timeline,
  type TimelineEntry,
} from './entries';
import { exportTimeline, sessionAfter } from './view';

const request = (seq: number, over: Partial<TimelineEntry> = {}): TimelineEntry => ({
  seq,
  time: 1767225600 + seq,
  event: {
    kind: 'request',
    method: 'GET',
    url: `http://localhost:8000/${seq}/`,
    status: 200,
    type: 'main_frame',
  },
  source: 'cookie',
  changes: [],
  omitted: 0,
  after: null,
  note: null,
  ...over,
});

const data = fromTaggedJson(loggedIn.data);

describe('timeline entries', () => {
  it('drops the oldest beyond the cap and counts them; a dropped entry is not filled in later', () => {
    let t: Timeline = EMPTY_TIMELINE;
    for (let i = 1; i <= MAX_ENTRIES + 5; i++) t = addEntry(t, request(i, { source: 'pending' }));
    expect(t.entries).toHaveLength(MAX_ENTRIES);
    expect(t.dropped).toBe(5);
    expect(t.entries[0]?.seq).toBe(6);
    expect(completeEntry(t, 3, { ...request(3), source: 'cookie' })).toBe(t);
    expect(completeEntry(t, 6, { ...request(6), note: 'x' }).entries[0]?.note).toBe('x');
  });

  it('exports masked values unless revealed, big ints exact, and never a whole session key', () => {
    const t = addEntry(
      EMPTY_TIMELINE,
      request(1, {
        changes: [
          { kind: 'added', path: ['_auth_user_hash'], value: { t: 'str', v: 'secret-hmac' } },
          { kind: 'added', path: ['big'], value: { t: 'int', v: '18446744073709551617' } },
          {
            kind: 'key-rotated',
            before: 'abcdefghijklmnopqrstuvwxyz012345',
            after: 'zyxwvutsrqponmlkjihgfedcba543210',
          },
        ],
      }),
    );
    const masked = exportTimeline(t, new Set());
    expect(masked).not.toContain('secret-hmac');
    expect(masked).toContain('"value": "••••••"');
    expect(masked).toContain('"value": 18446744073709551617');
    expect(masked).toContain('"before": "abcd…2345"');
    expect(masked).not.toContain('abcdefghijklmnop');
    expect(JSON.parse(masked).entries[0]).toMatchObject({ kind: 'request', method: 'GET', status: 200 });
    expect(exportTimeline(t, new Set(['1:0']))).toContain('"value": "secret-hmac"');
  });

  it('gives the session after a request that set no cookie as the last entry that read one left it', () => {
    const after = { key: 'xxxx…xxxx', data, expiry: null, user: null };
    let t = addEntry(EMPTY_TIMELINE, request(1, { source: 'companion', after }));
    t = addEntry(t, request(2));
    expect(sessionAfter(t, t.entries[1] as TimelineEntry)).toBe(after);
    expect(sessionAfter(addEntry(EMPTY_TIMELINE, request(1)), request(1))).toBeUndefined();
  });
});
