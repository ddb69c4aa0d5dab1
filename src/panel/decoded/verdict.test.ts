import { describe, expect, it } from 'vitest';
import { decode } from '../../core/index';
import type { ErrorCode } from '../../core/types';
import { formatUnix, messageLevelName, timeAgo, verdictOf } from './verdict';

describe('verdict helpers', () => {
  it.each([
    [0.2, 'just now'],
    [-0.218, 'just now'],
    [-59, 'just now'],
    [42, '42 s ago'],
    [180, '3 min ago'],
    [7200, '2 h ago'],
    [86400, '1 day ago'],
    [3 * 86400, '3 days ago'],
    [-120, '2 min in the future (clock skew?)'],
  ])('timeAgo(%d) = %s', (s, text) => expect(timeAgo(s)).toBe(text));

  it('names the levels of django/contrib/messages/constants.py', () => {
    expect([10, 20, 25, 30, 40, 35].map(messageLevelName)).toEqual([
      'DEBUG',
      'INFO',
      'SUCCESS',
      'WARNING',
      'ERROR',
      'level 35',
    ]);
  });

  it('formats unix seconds in UTC', () => {
    expect(formatUnix(1_700_000_000)).toBe('2023-11-14 22:13:20 UTC');
  });

  it('every read error has a plain meaning and a next step', async () => {
    const report = await decode('not a value', { kind: 'signing', now: 0 });
    const codes: ErrorCode[] = [
      'malformed',
      'bad-base64',
      'bad-json',
      'too-deep',
      'too-large',
      'decompress-failed',
      'bad-pickle',
      'unsupported-algorithm',
      'unsafe-separator',
    ];
    for (const code of codes) {
      const v = verdictOf({ ...report, code }, 0);
      expect(v.kind).toBe('unreadable');
      expect(v.detail?.length).toBeGreaterThan(20);
      expect(v.advice?.length).toBeGreaterThan(10);
    }
  });
});
