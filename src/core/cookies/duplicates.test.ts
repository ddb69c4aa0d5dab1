import { describe, expect, it } from 'vitest';
import { COOKIE_HEADERS as fixtures } from '../../../test/fixtures/cookie-header';
import { cookieInfo } from '../../../test/fixtures/cookie-info';
import { cookieDjangoReads, duplicateMessage, notSentText, parsePageUrl } from './duplicates';
import type { CookieInfo } from './index';

const cookie = (over: Partial<CookieInfo>): CookieInfo =>
  cookieInfo({ value: 'v', expirationDate: 1_800_000_000, ...over });

/** Why the browser would not send `c` to `url`, as cookieDjangoReads reports it: [] when it is sent. */
const notSent = (c: CookieInfo, url: string) => cookieDjangoReads([c], c.name, url).notSent[0]?.reasons ?? [];
/** The cookies named `name` in Cookie-header order: the ignored ones, then the one Django reads. */
const sendOrder = (cookies: CookieInfo[], name: string, url: string) => {
  const { read, ignored } = cookieDjangoReads(cookies, name, url);
  return read ? [...ignored, read] : ignored;
};

describe('cookieDjangoReads against what real Django read', () => {
  it('has the answers of every Django the vectors are made with', () => {
    expect(fixtures.map((f) => f.django.split('.').slice(0, 2).join('.')).sort()).toEqual([
      '3.2',
      '4.2',
      '5.2',
    ]);
  });

  for (const { django, cases } of fixtures) {
    for (const c of cases) {
      it(`${c.id}: the same header order, the same cookie as Django ${django}`, () => {
        const cookies = c.cookies.map((k) => cookie(k));
        const names = [...new Set(c.cookies.map((k) => k.name))];
        // The header the browser builds, cookie by cookie in send order, as the generator sent it.
        const order = [...cookies].sort((a, b) => b.path.length - a.path.length);
        expect(order.map((k) => `${k.name}=${k.value}`).join('; ')).toBe(c.header);
        expect(sendOrder(cookies, 'sessionid', c.url).map((k) => k.value)).toEqual(
          order.filter((k) => k.name === 'sessionid').map((k) => k.value),
        );
        for (const name of names) {
          expect(cookieDjangoReads(cookies, name, c.url).read?.value, name).toBe(c.djangoReads[name]);
        }
      });
    }
  }

  it('the counter case: Path=/ is read, Path=/counter/ is ignored and flagged', () => {
    const root = cookie({ value: 'rootkey', path: '/' });
    const counter = cookie({ value: 'counterkey', path: '/counter/' });
    const choice = cookieDjangoReads([root, counter], 'sessionid', 'http://localhost:8000/counter/');
    expect(choice.read).toBe(root);
    expect(choice.ignored).toEqual([counter]);
    expect(choice.ambiguous).toBe(false);
    expect(duplicateMessage(counter, root)).toMatch(
      /second sessionid cookie \(Path=\/counter\/\).*reads Path=\/ and ignores this one/,
    );
  });

  it('off /counter/ only the root cookie is sent: no duplicate', () => {
    const root = cookie({ value: 'rootkey', path: '/' });
    const counter = cookie({ value: 'counterkey', path: '/counter/' });
    const choice = cookieDjangoReads([counter, root], 'sessionid', 'http://localhost:8000/');
    expect(choice.read).toBe(root);
    expect(choice.ignored).toEqual([]);
    expect(choice.notSent).toEqual([{ cookie: counter, reasons: ['path'] }]);
  });

  it('two cookies on the same path: the creation time decides, so the choice is marked ambiguous', () => {
    const a = cookie({ value: 'a', hostOnly: true });
    const b = cookie({ value: 'b', domain: '.localhost', hostOnly: false });
    const choice = cookieDjangoReads([a, b], 'sessionid', 'http://localhost/');
    expect(choice.ambiguous).toBe(true);
    expect(choice.ignored).toHaveLength(1);
  });

  it('no cookie of that name: nothing read', () => {
    expect(cookieDjangoReads([cookie({ name: 'csrftoken' })], 'sessionid', 'http://localhost/')).toEqual({
      read: null,
      ignored: [],
      ambiguous: false,
      notSent: [],
    });
  });
});

describe('whether the browser sends a cookie (RFC 6265 §5.1.3, §5.1.4, §5.4)', () => {
  it('path-match', () => {
    const pathMatches = (path: string, requestPath: string) =>
      !notSent(cookie({ path }), `http://localhost${requestPath}`).includes('path');
    expect(pathMatches('/', '/anything')).toBe(true);
    expect(pathMatches('/counter/', '/counter/')).toBe(true);
    expect(pathMatches('/counter/', '/counter/pop/')).toBe(true);
    expect(pathMatches('/counter', '/counter/pop/')).toBe(true);
    expect(pathMatches('/counter', '/counterfeit')).toBe(false);
    expect(pathMatches('/counter/', '/counter')).toBe(false);
  });

  it('domain-match: host-only is exact, a Domain cookie covers subdomains', () => {
    const domainMatches = (domain: string, hostOnly: boolean, host: string) =>
      !notSent(cookie({ domain, hostOnly }), `http://${host}/`).includes('domain');
    expect(domainMatches('example.test', true, 'www.example.test')).toBe(false);
    expect(domainMatches('.example.test', false, 'www.example.test')).toBe(true);
    expect(domainMatches('.example.test', false, 'badexample.test')).toBe(false);
  });

  it('a Secure cookie is not sent over plain http, except to localhost', () => {
    const secure = cookie({ secure: true, domain: 'example.test' });
    expect(notSent(secure, 'http://example.test/')).toEqual(['secure-on-http']);
    expect(notSent(secure, 'https://example.test/')).toEqual([]);
    expect(notSent(cookie({ secure: true }), 'http://localhost:8000/')).toEqual([]);
  });

  it('reads the parts of a page URL without a URL global', () => {
    expect(parsePageUrl('HTTP://User@Localhost:8000/counter/?a=1#x')).toEqual({
      protocol: 'http:',
      hostname: 'localhost',
      pathname: '/counter/',
    });
    expect(parsePageUrl('https://[::1]:8443').pathname).toBe('/');
    expect(parsePageUrl('https://[::1]:8443').hostname).toBe('[::1]');
  });

  it('says why in words', () => {
    const c = cookie({ secure: true, domain: 'example.test', path: '/admin/' });
    const reasons = notSent(c, 'http://example.test/');
    expect(notSentText(c, reasons, 'http://example.test/')).toBe(
      'it is Secure and the page is plain http; its Path=/admin/ does not cover /',
    );
  });
});
