import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import browser, { fake } from '../../test/fakes/browser';
import { getCookiesForUrl, inspectedLocation, originPattern } from './index';

const names = async (url: string) => (await getCookiesForUrl(url)).map((c) => c.value).sort();

describe('platform helpers', () => {
  beforeEach(() => {
    fake.reset();
    fake.state.granted.add('http://*/*').add('https://*/*');
  });

  it('grants an origin by a port-free pattern (ports are not allowed in match patterns)', () => {
    expect(originPattern('http://localhost:8000')).toBe('http://localhost/*');
    expect(originPattern('https://shop.example')).toBe('https://shop.example/*');
  });

  it("keeps a partition of the page's own site and drops partitions of sites embedding it", async () => {
    const partitioned = (value: string, domain: string, topLevelSite: string) =>
      fake.setCookie({ name: value, value, domain, secure: true, partitionKey: { topLevelSite } });
    // Chrome names the registrable site; Firefox may keep the port.
    partitioned('own-site', 'app.example.com', 'https://example.com');
    partitioned('own-origin', 'app.example.com', 'https://app.example.com:8443');
    partitioned('other-scheme', 'app.example.com', 'http://example.com');
    partitioned('other-site', 'app.example.com', 'https://a.test');
    partitioned('suffix-only', 'app.example.com', 'https://ample.com');
    fake.setCookie({ name: 'plain', value: 'unpartitioned', domain: 'app.example.com' });
    expect(await names('https://app.example.com:8443/x')).toEqual([
      'own-origin',
      'own-site',
      'unpartitioned',
    ]);

    partitioned('localhost-port', 'localhost', 'http://localhost:8000');
    partitioned('localhost-https', 'localhost', 'https://localhost');
    expect(await names('http://localhost:8000/')).toEqual(['localhost-port']);
  });

  it("asks Firefox for a loopback page's Secure cookies under https too (http is a secure context there)", async () => {
    fake.state.firefox = true;
    const loopback = ['localhost', 'app.localhost', '127.0.0.1', '127.1.2.3', '[::1]'];
    const elsewhere = ['localhost.example', '128.0.0.1', 'example.com', '127.0.0.1.nip.io'];
    for (const host of [...loopback, ...elsewhere]) {
      fake.setCookie({ name: 'sessionid', value: host, domain: host, secure: true });
    }
    for (const host of loopback) expect(await names(`http://${host}:8000/`), host).toEqual([host]);
    // Elsewhere a Secure cookie is not sent over http: still the host's own, so listed.
    for (const host of elsewhere) expect(await names(`http://${host}/`), host).toEqual([host]);
  });

  it("lists the host's own cookies the page is not sent, not its subdomains' nor its parent's at other paths", async () => {
    fake.setCookie({ name: 'sessionid', value: 'admin-path', domain: 'shop.example', path: '/admin/' });
    fake.setCookie({ name: 'csrftoken', value: 'secure', domain: 'shop.example', secure: true });
    fake.setCookie({ name: 'sessionid', value: 'sent', domain: 'shop.example', path: '/' });
    fake.setCookie({ name: 'sessionid', value: 'subdomain', domain: 'api.shop.example' });
    fake.setCookie({ name: 'sessionid', value: 'parent-sent', domain: '.example' });
    fake.setCookie({ name: 'sessionid', value: 'parent-other-path', domain: '.example', path: '/x/' });
    expect(await names('http://shop.example/')).toEqual(['admin-path', 'parent-sent', 'secure', 'sent']);
  });
});

describe('inspectedLocation: devtools.inspectedWindow.eval as each browser answers it', () => {
  type Answer = [result: unknown, exceptionInfo?: { isException: true }];
  /** Chromium before 151 answers by callback only; Firefox's `browser` by a promise of both. */
  function inspecting(answer: Answer): void {
    const evaluate = (_expression: string, callback?: (...a: Answer) => void) => {
      if (fake.state.firefox) return Promise.resolve(answer);
      callback?.(...answer);
      return undefined;
    };
    (browser as unknown as { devtools?: unknown }).devtools = { inspectedWindow: { eval: evaluate } };
  }
  beforeEach(() => fake.reset());
  afterEach(() => {
    (browser as unknown as { devtools?: unknown }).devtools = undefined;
  });

  it('reads the URL in Chromium and in Firefox; null when the page refuses, or outside DevTools', async () => {
    expect(await inspectedLocation()).toBeNull();
    for (const firefox of [false, true]) {
      fake.state.firefox = firefox;
      inspecting(['http://localhost:8000/a']);
      expect(await inspectedLocation(), `firefox: ${firefox}`).toBe('http://localhost:8000/a');
      inspecting([undefined, { isException: true }]);
      expect(await inspectedLocation(), `firefox: ${firefox}`).toBeNull();
    }
  });
});

describe("the namespace: Firefox's browser, else Chromium's chrome", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('uses chrome where there is no browser global (Chromium before 148, or 152 with a devtools page)', async () => {
    fake.reset();
    fake.setCookie({ name: 'sessionid', value: 'from-chrome', domain: 'localhost' });
    vi.stubGlobal('browser', undefined);
    vi.stubGlobal('chrome', browser);
    vi.resetModules();
    const platform = await import('./index');
    expect((await platform.getCookiesForUrl('http://localhost/')).map((c) => c.value)).toEqual([
      'from-chrome',
    ]);
  });
});
