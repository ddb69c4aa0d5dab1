import { describe, expect, it } from 'vitest';
import type { CookieInfo } from '../core/cookies/index';
import type { DecodeReport } from '../core/types';
import { panelTitle, sessionVerdict } from './title';

const cookie = { name: 'sessionid', value: 'v' } as CookieInfo;
const report = (over: Partial<DecodeReport>) => ({ verified: null, code: null, ...over }) as DecodeReport;

describe('document.title', () => {
  it('names the session verdict', () => {
    expect(sessionVerdict('sessionid', null, null)).toBe('no sessionid');
    expect(sessionVerdict('sessionid', cookie, report({ verified: true }))).toBe('sessionid verified');
    expect(sessionVerdict('sessionid', cookie, report({ verified: false, code: 'bad-signature' }))).toBe(
      'sessionid not verified',
    );
    expect(sessionVerdict('sessionid', cookie, report({ verified: false, code: 'signature-expired' }))).toBe(
      'sessionid expired',
    );
    expect(sessionVerdict('sessionid', cookie, report({ format: 'session-key' }))).toBe(
      'sessionid server-side key',
    );
    expect(sessionVerdict('sessionid', cookie, report({ code: 'malformed' }))).toBe('sessionid unreadable');
    expect(sessionVerdict('sessionid', cookie, report({}))).toBe('sessionid decoded, no key');
  });

  it('joins count, verdict and companion state', () => {
    expect(panelTitle(1, 'sessionid verified', { status: 'idle' })).toBe(
      'Django session — 1 cookie — sessionid verified',
    );
    expect(panelTitle(4, 'no sessionid', { status: 'absent', httpStatus: 404 })).toBe(
      'Django session — 4 cookies — no sessionid — companion absent',
    );
  });
});
