// The raw headers as real Django reads and writes them: test/vectors/fixtures/cookie-header.*.json
// (what request.COOKIES held for a Cookie header, test/generators/) and the Set-Cookie lines
// SessionMiddleware wrote (test/vectors/expiry.*.json).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCookieHeader, parseSetCookie } from '../../src/core/cookies/headers';
import { COOKIE_HEADERS } from '../fixtures/cookie-header';

const test = new URL('../', import.meta.url).pathname;

describe('parseCookieHeader', () => {
  for (const { django, cases } of COOKIE_HEADERS) {
    for (const c of cases) {
      it(`${c.id}: reads what Django ${django} read`, () => {
        expect(Object.fromEntries(parseCookieHeader(c.header))).toEqual(c.djangoReads);
      });
    }
  }
});

describe('parseSetCookie', () => {
  const vectors = readdirSync(`${test}vectors/`)
    .filter((f) => f.startsWith('expiry.'))
    .flatMap(
      (f) =>
        (
          JSON.parse(readFileSync(`${test}vectors/${f}`, 'utf8')) as {
            vectors: Array<{
              id: string;
              value: string;
              options: { now: number };
              expiry: { setCookie: string; cookie: { session: boolean; expirationDate?: number } };
            }>;
          }
        ).vectors,
    );
  it.each(vectors.map((v) => [v.id, v] as const))('%s: the cookie the browser stores', (_, v) => {
    const set = parseSetCookie(v.expiry.setCookie.replace(/^Set-Cookie: /, ''), v.options.now);
    expect(set).toMatchObject({
      name: 'sessionid',
      value: v.value,
      deleted: false,
      session: v.expiry.cookie.session,
    });
    expect(set?.expirationDate).toBe(v.expiry.cookie.expirationDate);
  });

  it('reads a line without "=" as no cookie', () => {
    expect(parseSetCookie('garbage; Path=/', 0)).toBeNull();
  });
});
