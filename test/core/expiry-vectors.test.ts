// The one expiry model against real Django: signed_cookies sessions saved by SessionMiddleware
// (test/vectors/expiry.*.json, test/generators/group_expiry.py), each with the cookie the browser
// stores, the settings in force, and the last second Django's load() accepts it. The CLI's
// explanation, the Session tab's model and the Cookies tab's audit must all say what Django does.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auditCookie, type CookieInfo } from '../../src/core/cookies/index';
import { decode } from '../../src/core/decode';
import { type ExpiryRule, reconcileExpiry } from '../../src/core/expiry';
import { explainSession } from '../../src/core/session';
import type { DecodeOptions } from '../../src/core/types';
import { cookieInfo } from '../fixtures/cookie-info';

interface ExpiryVector {
  id: string;
  value: string;
  options: DecodeOptions;
  expiry: {
    cookie: { session: boolean; expirationDate?: number };
    settings: { SESSION_COOKIE_AGE: number; SESSION_EXPIRE_AT_BROWSER_CLOSE: boolean };
    atBrowserClose: boolean;
    refusedAfter: number;
    rule: ExpiryRule;
    disagree: boolean;
  };
}

const dir = new URL('../vectors/', import.meta.url).pathname;
const vectors = readdirSync(dir)
  .filter((f) => f.startsWith('expiry.'))
  .flatMap((f) => (JSON.parse(readFileSync(dir + f, 'utf8')) as { vectors: ExpiryVector[] }).vectors);

function browserCookie(v: ExpiryVector): CookieInfo {
  return cookieInfo({ value: v.value, ...v.expiry.cookie });
}

describe('expiry vectors made by Django', () => {
  it('covers every Django version and the disagreeing case', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(15);
    expect(vectors.some((v) => v.expiry.disagree)).toBe(true);
  });

  it.each(vectors.map((v) => [v.id, v] as const))('%s', async (_id, v) => {
    const report = await decode(v.value, v.options);
    expect(report.verified).toBe(true);
    const { cookie, settings } = v.expiry;
    const model = reconcileExpiry({
      cookie,
      sessionData: report.data,
      settings,
      server: null,
      signedAt: report.timestamp,
      now: v.options.now,
    });
    // The session ends when the browser drops the cookie or load() refuses it, whichever is first.
    const djangoEnd = Math.min(cookie.expirationDate ?? Number.POSITIVE_INFINITY, v.expiry.refusedAfter);
    expect(Math.abs((model.endsAt as number) - djangoEnd)).toBeLessThanOrEqual(1);
    expect(model.atBrowserClose).toBe(v.expiry.atBrowserClose);
    expect(model.rule).toBe(v.expiry.rule);
    expect(model.disagreement !== null).toBe(v.expiry.disagree);

    // The Cookies tab: the finding exactly when the model disagrees.
    const findings = auditCookie(browserCookie(v), {
      pageUrl: 'http://localhost/',
      sessionCookieName: 'sessionid',
      now: v.options.now,
      expiry: model,
    }).map((f) => f.code);
    expect(findings.includes('expiry-mismatch')).toBe(v.expiry.disagree);

    // The CLI has no cookie: from the value and the settings alone it must still agree with
    // the panel whenever the cookie agrees with the session.
    const cli = explainSession(report.data ?? { t: 'none' }, {
      now: v.options.now,
      timestamp: report.timestamp,
      signedCookie: true,
      sessionCookieAge: settings.SESSION_COOKIE_AGE,
      expireAtBrowserClose: settings.SESSION_EXPIRE_AT_BROWSER_CLOSE,
    }).find((e) => e.key === '(expiry)')?.fields;
    if (!v.expiry.disagree) {
      expect(Math.abs((cli?.expiresAt as number) - (model.endsAt as number))).toBeLessThanOrEqual(1);
      expect(cli?.rule).toBe(model.rule);
      expect(cli?.atBrowserClose).toBe(model.atBrowserClose);
    }
  });
});
