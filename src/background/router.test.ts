import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fake } from '../../test/fakes/browser';
import { errorAnswer, sessionAnswer, writeCookie } from '../../test/fixtures/companion-answers';
import { COMPANION_SESSION_HEADER, COMPANION_TOKEN_HEADER } from '../core/companion';
import { PROTOCOL_VERSION } from '../messaging/protocol';
import { route } from './router';

const msg = (type: string, payload: unknown, version: unknown = PROTOCOL_VERSION) => ({
  sessionlens: version,
  type,
  payload,
});

beforeEach(() => fake.reset());
afterEach(() => vi.unstubAllGlobals());

describe('route: validation', () => {
  it('refuses another protocol version with version-mismatch', async () => {
    const res = await route(msg('getCookies', { url: 'http://localhost/' }, 0));
    expect(res).toMatchObject({ ok: false, code: 'version-mismatch' });
  });

  it.each([
    ['unknown type', msg('eval', {})],
    ['not an object', 'getCookies'],
    ['url not http(s)', msg('getCookies', { url: 'file:///etc/passwd' })],
    ['origin with a path', msg('permissionState', { origin: 'https://example.com/x' })],
    [
      'relative companion path',
      msg('fetchCompanion', { origin: 'http://localhost', path: 'x', sessionValue: '', token: '' }),
    ],
    ['negative tab id', msg('inspectedTab', { tabId: -1 })],
    ['inherited key as type', msg('toString', {})],
  ])('answers bad-request for %s', async (_, message) => {
    expect(await route(message)).toMatchObject({ ok: false, code: 'bad-request' });
  });

  it('turns a throwing browser API into browser-error data', async () => {
    const res = await route(msg('inspectedTab', { tabId: 42 }));
    expect(res).toMatchObject({ ok: false, code: 'browser-error', message: 'No tab with id: 42.' });
  });
});

describe('route: permissions', () => {
  it('grants localhost and 127.0.0.1 without asking', async () => {
    for (const origin of ['http://localhost:8000', 'http://127.0.0.1:8000']) {
      expect(await route(msg('permissionState', { origin }))).toMatchObject({
        ok: true,
        value: { granted: true },
      });
    }
  });

  it('reports another origin missing until granted, with the port-free pattern', async () => {
    const ask = msg('permissionState', { origin: 'https://shop.example:8443' });
    expect(await route(ask)).toEqual({
      ok: true,
      value: { granted: false, pattern: 'https://shop.example/*' },
    });
    fake.state.granted.add('https://shop.example/*');
    expect(await route(ask)).toEqual({
      ok: true,
      value: { granted: true, pattern: 'https://shop.example/*' },
    });
  });

  it('refuses cookies of a site not granted', async () => {
    fake.setCookie({ name: 'sessionid', value: 'k', domain: 'example.com' });
    const res = await route(msg('getCookies', { url: 'https://example.com/' }));
    expect(res).toMatchObject({ ok: false, code: 'no-permission' });
  });
});

describe('route: tabs', () => {
  it('answers the tab URL', async () => {
    fake.state.tabs.set(7, { id: 7, url: 'http://localhost:8000/counter/' });
    expect(await route(msg('inspectedTab', { tabId: 7 }))).toEqual({
      ok: true,
      value: { url: 'http://localhost:8000/counter/' },
    });
  });

  it('opens the grant page in a tab', async () => {
    await route(msg('openGrantPage', { origin: 'https://example.com' }));
    expect(fake.state.created).toEqual([
      'chrome-extension://fake-extension-id/src/panel/index.html?grant=https%3A%2F%2Fexample.com',
    ]);
  });
});

describe('route: fetchCompanion', () => {
  const payload = {
    origin: 'http://localhost:8000',
    path: '/__sessionlens__/session/',
    sessionValue: 'abc',
    token: 't0k',
  };

  it('sends the session and token as headers, without credentials or cache', async () => {
    const fetchMock = vi.fn(async () =>
      Response.json(errorAnswer({ code: 'missing-session', message: 'm' })),
    );
    vi.stubGlobal('fetch', fetchMock);
    const res = await route(msg('fetchCompanion', payload));
    expect(res).toEqual({
      ok: true,
      value: { status: 'found', response: errorAnswer({ code: 'missing-session', message: 'm' }) },
    });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('http://localhost:8000/__sessionlens__/session/');
    expect(init).toMatchObject({ cache: 'no-store', credentials: 'omit', method: 'GET' });
    expect(init.headers).toMatchObject({
      [COMPANION_SESSION_HEADER]: 'abc',
      [COMPANION_TOKEN_HEADER]: 't0k',
    });
  });

  it('calls a 404 or an HTML page absent, with the HTTP status', async () => {
    vi.stubGlobal('fetch', async () => new Response('<h1>Not Found</h1>', { status: 404 }));
    expect(await route(msg('fetchCompanion', payload))).toEqual({
      ok: true,
      value: { status: 'absent', httpStatus: 404 },
    });
  });

  it('calls an answer that claims the protocol but breaks it invalid, naming the first wrong field', async () => {
    vi.stubGlobal('fetch', async () => Response.json({ ...sessionAnswer(), engine: null }));
    expect(await route(msg('fetchCompanion', payload))).toEqual({
      ok: true,
      value: { status: 'invalid', problem: 'engine should be a string, not null', httpStatus: 200 },
    });
    vi.stubGlobal('fetch', async () => Response.json({ detail: 'Not found.' }, { status: 404 }));
    expect(await route(msg('fetchCompanion', payload))).toEqual({
      ok: true,
      value: { status: 'absent', httpStatus: 404 },
    });
  });

  it('reports a refused connection as network error data', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await route(msg('fetchCompanion', payload))).toMatchObject({ ok: false, code: 'network' });
  });

  it('gives up after the timeout', async () => {
    const { fetchCompanion } = await import('./companion-fetch');
    vi.stubGlobal(
      'fetch',
      (_: string, init: RequestInit) =>
        new Promise((_, reject) =>
          init.signal?.addEventListener('abort', () => reject(new DOMException('aborted'))),
        ),
    );
    expect(await fetchCompanion(payload, 10)).toMatchObject({ ok: false, code: 'timeout' });
  });
});

describe('route: writeCompanion', () => {
  const target = {
    origin: 'http://localhost:8000',
    path: '/__sessionlens__/session/',
    sessionValue: 'abc',
    token: 't0k',
  };
  const cookie = writeCookie('newkey');

  it('POSTs the write as application/json with the session and token, without credentials', async () => {
    const fetchMock = vi.fn(async () => Response.json({ ...sessionAnswer(), cookie }));
    vi.stubGlobal('fetch', fetchMock);
    const write = { op: 'set', key: 'visits_counter', value: 40 };
    const res = await route(msg('writeCompanion', { ...target, write }));
    expect(res).toEqual({ ok: true, value: { status: 'found', response: { ...sessionAnswer(), cookie } } });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('http://localhost:8000/__sessionlens__/session/');
    expect(init).toMatchObject({ method: 'POST', cache: 'no-store', credentials: 'omit' });
    expect(JSON.parse(init.body as string)).toEqual(write);
    expect(init.headers).toMatchObject({
      'Content-Type': 'application/json',
      [COMPANION_SESSION_HEADER]: 'abc',
      [COMPANION_TOKEN_HEADER]: 't0k',
    });
  });

  it("passes the companion's refusal on as its answer (a 400 with code and message)", async () => {
    const refusal = errorAnswer({ code: 'no-such-key', message: "the session has no key 'x'" });
    vi.stubGlobal('fetch', async () => Response.json(refusal, { status: 400 }));
    const res = await route(msg('writeCompanion', { ...target, write: { op: 'delete', key: 'x' } }));
    expect(res).toEqual({ ok: true, value: { status: 'found', response: refusal } });
  });

  it("calls the site's 404 (writes off) absent", async () => {
    vi.stubGlobal('fetch', async () => new Response('<h1>Not Found</h1>', { status: 404 }));
    const res = await route(msg('writeCompanion', { ...target, write: { op: 'flush' } }));
    expect(res).toEqual({ ok: true, value: { status: 'absent', httpStatus: 404 } });
  });

  it('calls an answer whose cookie breaks the protocol invalid, naming the field', async () => {
    vi.stubGlobal('fetch', async () => Response.json({ ...sessionAnswer(), cookie: { ...cookie, path: 7 } }));
    const res = await route(msg('writeCompanion', { ...target, write: { op: 'cycle_key' } }));
    expect(res).toEqual({
      ok: true,
      value: { status: 'invalid', problem: 'cookie.path should be a string, not 7', httpStatus: 200 },
    });
  });

  it.each([
    ['an unknown op', { op: 'eval' }],
    ['set without a value', { op: 'set', key: 'k' }],
    ['a key that is not a string', { op: 'delete', key: 1 }],
    ['a field the op does not take', { op: 'flush', key: 'k' }],
    ['an expiry of the wrong type', { op: 'set_expiry', value: true }],
    ['no write at all', undefined],
  ])('refuses %s before any request', async (_, write) => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    expect(await route(msg('writeCompanion', { ...target, write }))).toMatchObject({
      ok: false,
      code: 'bad-request',
    });
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('refuses a site not granted', async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    const res = await route(
      msg('writeCompanion', { ...target, origin: 'https://shop.example', write: { op: 'flush' } }),
    );
    expect(res).toMatchObject({ ok: false, code: 'no-permission' });
    expect(fetchMock).not.toHaveBeenCalled();
  });
});

describe('route: fetchTimelineRecord', () => {
  const payload = {
    origin: 'http://localhost:8000',
    path: '/__sessionlens__/timeline/3f2a9c/',
    companionPath: '/__sessionlens__/session/',
    token: 't0k',
  };

  it('GETs a record path under the companion mount, with the token and without credentials', async () => {
    const fetchMock = vi.fn(async () => new Response('', { status: 404 }));
    vi.stubGlobal('fetch', fetchMock);
    expect(await route(msg('fetchTimelineRecord', payload))).toEqual({
      ok: true,
      value: { status: 'absent', httpStatus: 404 },
    });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('http://localhost:8000/__sessionlens__/timeline/3f2a9c/');
    expect(init).toMatchObject({ credentials: 'omit', cache: 'no-store', redirect: 'error' });
    expect(init.headers).toMatchObject({ [COMPANION_TOKEN_HEADER]: 't0k' });
    expect(init.headers).not.toHaveProperty(COMPANION_SESSION_HEADER);
  });

  it.each([
    ['another host', '//evil.example/__sessionlens__/x/'],
    ['a full URL', 'http://evil.example/__sessionlens__/x/'],
    ['outside the mount', '/admin/logout/'],
    ['dot segments', '/__sessionlens__/../admin/'],
    ['a query', '/__sessionlens__/timeline/1/?next=/'],
    ['an escape', '/__sessionlens__/timeline/%2e%2e/'],
    ['a double slash inside', '/__sessionlens__//evil/'],
  ])('refuses a header naming %s, before any fetch', async (_, path) => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    expect(await route(msg('fetchTimelineRecord', { ...payload, path }))).toMatchObject({
      ok: false,
      code: 'bad-request',
    });
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('calls a record that breaks the protocol invalid, naming the field', async () => {
    vi.stubGlobal('fetch', async () => Response.json({ protocol: 2, ok: true, kind: 'timeline-record' }));
    expect(await route(msg('fetchTimelineRecord', payload))).toEqual({
      ok: true,
      value: { status: 'invalid', problem: 'id should be a string, not missing', httpStatus: 200 },
    });
  });

  it('refuses a site not granted', async () => {
    const res = await route(msg('fetchTimelineRecord', { ...payload, origin: 'https://example.com' }));
    expect(res).toMatchObject({ ok: false, code: 'no-permission' });
  });
});

describe('route: getCookies', () => {
  const url = 'http://localhost:8000/shop/cart/';

  it("lists the host's cookies, HttpOnly, partitioned and those of another Path included; not another site's", async () => {
    fake.setCookie({ name: 'sessionid', value: 'k1', domain: 'localhost', httpOnly: true });
    fake.setCookie({ name: 'cart', value: 'c', domain: 'localhost', path: '/shop' });
    fake.setCookie({
      name: 'chips',
      value: 'p',
      domain: 'localhost',
      partitionKey: { topLevelSite: 'http://localhost' },
    });
    fake.setCookie({ name: 'other-path', value: 'x', domain: 'localhost', path: '/admin' });
    fake.setCookie({ name: 'elsewhere', value: 'x', domain: 'example.com' });
    const res = await route(msg('getCookies', { url }));
    if (!res.ok) throw new Error(res.message);
    const cookies = res.value as Array<{ name: string; httpOnly: boolean; partitioned: boolean }>;
    // other-path is not sent to this URL: listed, and the panel says why (core/cookies/duplicates.ts).
    expect(cookies.map((c) => c.name).sort()).toEqual(['cart', 'chips', 'other-path', 'sessionid']);
    expect(cookies.find((c) => c.name === 'sessionid')).toMatchObject({ httpOnly: true, partitioned: false });
    expect(cookies.find((c) => c.name === 'chips')).toMatchObject({ partitioned: true });
  });

  it('reads Firefox with firstPartyDomain: null and partitionKey: {} and strips its extra fields', async () => {
    fake.state.firefox = true;
    fake.setCookie({ name: 'sessionid', value: 'k1', domain: 'localhost' });
    fake.setCookie({
      name: 'chips',
      value: 'p',
      domain: 'localhost',
      partitionKey: { topLevelSite: 'http://localhost' },
    });
    const res = await route(msg('getCookies', { url }));
    if (!res.ok) throw new Error(res.message);
    const cookies = res.value as Array<{ name: string }>;
    expect(cookies.map((c) => c.name).sort()).toEqual(['chips', 'sessionid']);
    for (const c of cookies) expect(c).not.toHaveProperty('firstPartyDomain');
  });

  it('removes exactly the named cookie', async () => {
    fake.setCookie({ name: 'sessionid', value: 'k1', domain: 'localhost' });
    fake.setCookie({ name: 'csrftoken', value: 'c', domain: 'localhost' });
    const res = await route(
      msg('removeCookie', { url: 'http://localhost/', name: 'sessionid', partitionKey: null }),
    );
    expect(res).toEqual({ ok: true, value: { removed: true } });
    expect(fake.state.cookies.map((c) => c.name)).toEqual(['csrftoken']);
    const again = await route(
      msg('removeCookie', { url: 'http://localhost/', name: 'sessionid', partitionKey: null }),
    );
    expect(again).toEqual({ ok: true, value: { removed: false } });
  });
});

describe('route: setCookie', () => {
  it('sets a deleted cookie back with every attribute it had, partition included', async () => {
    const held = fake.setCookie({
      name: 'chips',
      value: 'v:1',
      domain: '.localhost',
      path: '/counter/',
      secure: true,
      httpOnly: true,
      sameSite: 'strict',
      expirationDate: 1_900_000_000,
      partitionKey: { topLevelSite: 'http://localhost' },
    });
    const res = await route(msg('getCookies', { url: 'http://localhost:8000/counter/' }));
    if (!res.ok) throw new Error(res.message);
    const [info] = res.value as Array<Record<string, unknown>>;
    const url = 'https://localhost/counter/';
    await route(msg('removeCookie', { url, name: 'chips', partitionKey: info?.partitionKey }));
    expect(fake.state.cookies).toEqual([]);
    const back = await route(msg('setCookie', { url, cookie: info }));
    expect(back).toMatchObject({ ok: true, value: info });
    expect(fake.state.cookies).toEqual([held]);
  });

  it('keeps a host-only browser-session cookie host-only and without an expiry', async () => {
    const held = fake.setCookie({ name: 'sessionid', value: 'k', domain: 'localhost' });
    const res = await route(msg('getCookies', { url: 'http://localhost/' }));
    if (!res.ok) throw new Error(res.message);
    fake.state.cookies = [];
    await route(msg('setCookie', { url: 'http://localhost/', cookie: (res.value as unknown[])[0] }));
    expect(fake.state.cookies).toEqual([held]);
  });

  it.each([
    ['no cookie', {}],
    ['a path without a slash', { name: 'a', value: 'b', domain: 'localhost', path: 'x' }],
  ])('refuses %s as bad-request', async (_, cookie) => {
    const res = await route(msg('setCookie', { url: 'http://localhost/', cookie }));
    expect(res).toMatchObject({ ok: false, code: 'bad-request' });
  });

  it('refuses a site not granted', async () => {
    const cookie = {
      name: 'a',
      value: 'b',
      domain: 'example.com',
      hostOnly: true,
      path: '/',
      secure: false,
      httpOnly: false,
      sameSite: 'lax',
      session: true,
      storeId: '0',
    };
    const res = await route(msg('setCookie', { url: 'https://example.com/', cookie }));
    expect(res).toMatchObject({ ok: false, code: 'no-permission' });
  });
});

describe('route: Secure cookies', () => {
  it('lists a Secure; Partitioned cookie a page on http://127.0.0.1 set (issue 10)', async () => {
    // What `document.cookie = "chips=1; Secure; Partitioned; SameSite=None"` leaves in Chromium on
    // a loopback page: a Secure cookie, partitioned under the page's own site.
    fake.setCookie({
      name: 'chips',
      value: '1',
      domain: '127.0.0.1',
      secure: true,
      sameSite: 'no_restriction',
      partitionKey: { topLevelSite: 'http://127.0.0.1' },
    });
    fake.setCookie({ name: 'secure-only', value: 'x', domain: '127.0.0.1', secure: true });
    const res = await route(msg('getCookies', { url: 'http://127.0.0.1:8000/' }));
    if (!res.ok) throw new Error(res.message);
    const cookies = res.value as Array<{ name: string; partitioned: boolean; secure: boolean }>;
    expect(cookies.map((c) => c.name).sort()).toEqual(['chips', 'secure-only']);
    expect(cookies.find((c) => c.name === 'chips')).toMatchObject({ partitioned: true, secure: true });
  });

  it('lists it in Firefox too, whose getAll leaves Secure cookies out of an http URL', async () => {
    fake.state.firefox = true;
    fake.setCookie({
      name: 'chips',
      value: '1',
      domain: '127.0.0.1',
      secure: true,
      sameSite: 'no_restriction',
      partitionKey: { topLevelSite: 'http://127.0.0.1' },
    });
    fake.setCookie({ name: 'plain', value: 'x', domain: '127.0.0.1' });
    const res = await route(msg('getCookies', { url: 'http://127.0.0.1:8000/' }));
    if (!res.ok) throw new Error(res.message);
    // Each once, though both the http and the https query found `plain`.
    expect((res.value as Array<{ name: string }>).map((c) => c.name)).toEqual(['plain', 'chips']);
  });

  it('leaves out a Secure cookie of a granted http site: the browser never sends it there', async () => {
    fake.state.granted.add('http://shop.example/*');
    fake.setCookie({ name: 'plain', value: 'x', domain: 'shop.example' });
    fake.setCookie({ name: 'secure-only', value: 'x', domain: 'shop.example', secure: true });
    const res = await route(msg('getCookies', { url: 'http://shop.example/' }));
    if (!res.ok) throw new Error(res.message);
    expect((res.value as Array<{ name: string }>).map((c) => c.name)).toEqual(['plain']);
  });
});

describe('route: https on localhost', () => {
  it('is granted at install like http: loopback Secure cookies need the https permission', async () => {
    const res = await route(msg('permissionState', { origin: 'https://localhost:8443' }));
    expect(res).toEqual({ ok: true, value: { granted: true, pattern: 'https://localhost/*' } });
  });

  it('leaves out cookies partitioned under another top-level site', async () => {
    fake.setCookie({
      name: 'own',
      value: '1',
      domain: 'localhost',
      partitionKey: { topLevelSite: 'http://localhost' },
    });
    fake.setCookie({
      name: 'embedded',
      value: '1',
      domain: 'localhost',
      partitionKey: { topLevelSite: 'http://a.test' },
    });
    const res = await route(msg('getCookies', { url: 'http://localhost:8000/' }));
    if (!res.ok) throw new Error(res.message);
    expect((res.value as Array<{ name: string }>).map((c) => c.name)).toEqual(['own']);
  });
});
