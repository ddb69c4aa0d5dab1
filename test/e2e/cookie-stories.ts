// biome-ignore-all lint/performance/useDomNodeTextContent: the stories read the text as rendered (innerText): what the user sees.
// The Cookies tab's stories (issue 10), in a real browser against the real demo (db engine): a
// cookie the page's script sets with `Secure; Partitioned`, a sessionid at a Path the page is not
// under, a session cookie that differs from the site's SESSION_COOKIE_* settings, and Delete with
// its confirmation and undo.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchChromium } from './harness/chromium';
import { type DemoServer, startDemo } from './harness/demo-server';
import { launchFirefox } from './harness/firefox';
import type { BrowserSession } from './harness/session';
import type { StoryBrowser } from './stories';

export function walkCookieStories(browser: StoryBrowser): void {
  describe(`${browser}: the Cookies tab's stories`, () => {
    let demo: DemoServer;
    let s: BrowserSession;
    const url = (path: string) => `${demo.origin}${path}`;
    const shot = (step: string, focus?: string) => s.panel.screenshots(`${browser}-cookies-${step}`, focus);
    const tab = (name: 'session' | 'cookies') => s.panel.click(`tab-${name}`);
    const freshSession = async () => {
      await s.site.goto(url('/flush/'));
      await s.site.clickAndWaitForNavigation('#flush');
      await tab('session');
      await s.panel.expectText('session-empty', /No sessionid cookie/);
    };

    before(async () => {
      demo = await startDemo('db');
      s = await (browser === 'chromium' ? launchChromium : launchFirefox)(url('/'));
    });
    after(async () => {
      await s?.close();
      await demo?.stop();
    });

    it('lists the Secure; Partitioned cookie the page set, as document.cookie sees it', async () => {
      await s.site.goto(url('/stories/partitioned/'));
      const seen = await s.site.evaluate(() => document.cookie, null);
      assert.match(seen, /(?:^|; )chips=set-by-the-page(?:;|$)/, 'the browser accepted the cookie');
      await tab('cookies');
      await s.panel.expectText('cookie-name', /^\s*chips\b/);
      await s.panel.clickWhere('cookie-row', /^\s*chips\b/);
      await s.panel.expectText('cookie-detail-value', /^set-by-the-page$/);
      // No named helper inside evaluate: tsx would wrap it in a __name() the page does not have.
      const [secure, partitioned, sameSite] = await s.panel.ops.evaluate(
        (ids) =>
          ids.map(
            (id) =>
              document
                .querySelector('[data-testid="cookie-row"][data-cookie-name="chips"]')
                ?.querySelector(`[data-testid="${id}"]`)?.textContent ?? null,
          ),
        ['cookie-secure', 'cookie-partitioned', 'cookie-samesite'],
      );
      const flags = { secure, partitioned, sameSite };
      // Measured in Chromium 156 and Firefox ESR 140: both keep the cookie partitioned under
      // http://127.0.0.1 and send it to the loopback page over plain http.
      assert.deepEqual(flags, { secure: '✓', partitioned: '✓', sameSite: 'None' });
      await shot('partitioned', 'cookie-detail');
    });

    it('names a sessionid the page is not sent (another Path) instead of saying there is none', async () => {
      await freshSession();
      await s.site.goto(url('/'));
      // A page may set a cookie for a path it is not on: the browser keeps it, and never sends it here.
      await s.site.evaluate(() => {
        // biome-ignore lint/suspicious/noDocumentCookie: the story is a page script planting a cookie, as a site's would.
        document.cookie = 'sessionid=planted0at0another0path0x9y8z7w6v; Path=/admin-only/';
      }, null);
      try {
        await s.site.goto(url('/'));
        await tab('session');
        await s.panel.expectText(
          'diagnosis-headline',
          'The sessionid cookie will not be sent to this page: its Path=/admin-only/ does not cover /.',
        );
        await s.panel.expectText(
          'session-empty',
          /^The browser holds a sessionid cookie \(Path=\/admin-only\/\) but does not send it to this page/,
        );
        await shot('not-sent', 'diagnosis');
        await tab('cookies');
        await s.panel.expectText('cookie-name', /^\s*sessionid\b/);
      } finally {
        await s.site.evaluate(() => {
          // biome-ignore lint/suspicious/noDocumentCookie: the page script takes its planted cookie back.
          document.cookie = 'sessionid=; Path=/admin-only/; Max-Age=0';
        }, null);
      }
    });

    it('keeps the flag columns in view in a 500 px dock', async () => {
      await s.site.goto(url('/stories/partitioned/'));
      // The panel again, in a 500 px frame of its own page: the width a side-docked DevTools gives.
      const measured = await s.panel.ops.evaluate(async (width) => {
        const frame = document.createElement('iframe');
        const src = new URL(location.href);
        src.searchParams.set('tab', 'cookies');
        frame.src = src.href;
        frame.style.cssText = `width:${width}px;height:400px;border:0;position:fixed;top:0;left:0;background:#fff;z-index:9`;
        frame.dataset.testid = 'narrow-panel';
        // Only the narrow panel in the screenshot: the wide one hides behind it until removed.
        frame.style.visibility = 'visible';
        document.body.style.visibility = 'hidden';
        document.body.append(frame);
        const deadline = Date.now() + 10_000;
        for (;;) {
          const cell = frame.contentDocument?.querySelector(
            '[data-testid="cookie-row"][data-cookie-name="chips"] [data-testid="cookie-partitioned"]',
          );
          if (cell) {
            const doc = frame.contentDocument as Document;
            const grid = doc.querySelector('[data-testid="cookie-table"]') as HTMLElement;
            return {
              partitionedRight: cell.getBoundingClientRect().right,
              viewport: doc.documentElement.clientWidth,
              gridScrolls: grid.scrollWidth > grid.clientWidth,
              headings: [...doc.querySelectorAll('.sl-cookies-grid th')]
                .filter((th) => (th as HTMLElement).offsetParent !== null)
                .map((th) => (th as HTMLElement).innerText),
            };
          }
          if (Date.now() > deadline) return null;
          await new Promise((r) => setTimeout(r, 100));
        }
      }, 500);
      assert.ok(measured, 'the narrow panel showed the chips row');
      assert.ok(
        measured.partitionedRight <= measured.viewport,
        `Partitioned column at ${measured.partitionedRight}px, viewport ${measured.viewport}px`,
      );
      assert.equal(measured.gridScrolls, false, 'the grid needs no sideways scroll');
      assert.deepEqual(measured.headings, ['Name', 'Path', 'Expires', 'H', 'S', 'SS', 'P', 'Warnings']);
      await s.panel.screenshot(`${browser}-cookies-narrow-500`);
      await s.panel.ops.evaluate(() => {
        document.querySelector('[data-testid="narrow-panel"]')?.remove();
        document.body.style.visibility = '';
      }, null);
    });

    it('names each setting a hand-written session cookie differs from, with its docs', async () => {
      await freshSession();
      await s.site.goto(url('/stories/mismatch/'));
      await s.site.clickAndWaitForNavigation('#mismatch-set');
      await tab('cookies');
      await s.panel.clickWhere('cookie-row', /^\s*sessionid\b/);
      await s.panel.expectText('cookie-detail-name', /^sessionid$/);
      await s.panel.expectText('cookie-findings', "Path=/stories/mismatch/ but SESSION_COOKIE_PATH = '/'");
      const findings = await s.panel.ops.evaluate(
        () =>
          [...document.querySelectorAll('[data-testid="cookie-findings"] li')].map(
            (li) => li.getAttribute('data-finding') ?? '',
          ),
        null,
      );
      for (const code of ['setting-path', 'setting-httponly', 'setting-samesite', 'setting-max-age']) {
        assert.ok(findings.includes(code), `${code} in ${JSON.stringify(findings)}`);
      }
      const docs = await s.panel.ops.evaluate(
        () =>
          [...document.querySelectorAll<HTMLAnchorElement>('[data-testid="finding-docs"]')].map(
            (a) => a.href,
          ),
        null,
      );
      assert.ok(docs.includes('https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-path'));
      await shot('settings-mismatch', 'cookie-findings');
      // Gone only when deleted: the browser keeps it at its Path, and the panel lists it from every page.
      await s.panel.click('cookie-delete');
      await s.panel.click('cookie-delete-confirm');
      await s.panel.expectNoText('cookie-name', /^\s*sessionid\b/);
      await freshSession();
    });

    it('asks before deleting the session cookie and sets it back with Undo', async () => {
      await s.site.goto(url('/counter/'));
      const sessionKey = () =>
        s.site.evaluate(() => document.querySelector('#session-key')?.textContent ?? '', null);
      await s.site.goto(url('/')); // the first visit's key is made after the page rendered
      const keyBefore = await sessionKey();
      assert.match(keyBefore, /^[a-z0-9]{32}$/, 'the demo shows the session key the server read');
      await tab('cookies');
      await s.panel.clickWhere('cookie-row', /^\s*sessionid\b/);
      const before = await s.panel.ops.evaluate(
        () =>
          document.querySelector('[data-testid="cookie-row"][data-cookie-name="sessionid"]')?.textContent ??
          '',
        null,
      );
      await s.panel.click('cookie-delete');
      await s.panel.expectText(
        'cookie-delete-question',
        /^Delete sessionid \(the site forgets who you are\)\?/,
      );
      await s.panel.expectText('cookie-name', /^\s*sessionid\b/); // still there until confirmed
      await s.panel.click('cookie-delete-confirm');
      await s.panel.expectNoText('cookie-name', /^\s*sessionid\b/);
      await s.panel.expectText('cookie-undo-bar', /^Deleted sessionid\./);
      await shot('deleted-undo');
      await s.panel.click('cookie-undo');
      await s.panel.expectText('cookie-name', /^\s*sessionid\b/);
      await s.panel.expectNoText('cookie-undo-bar', /Deleted/);
      const after = await s.panel.ops.evaluate(
        () =>
          document.querySelector('[data-testid="cookie-row"][data-cookie-name="sessionid"]')?.textContent ??
          '',
        null,
      );
      // Same value, domain, path, flags; the expiry cell ticks, so compare without it.
      const strip = (t: string) => t.replace(/in \d+d \d+h|in \d+\w \d+\w/, '');
      assert.equal(strip(after), strip(before));
      await tab('session');
      await s.panel.expectText('companion-tree-row', /visits_counter/);
      // The browser sends it again: the server reads the same session.
      await s.site.goto(url('/'));
      assert.equal(await sessionKey(), keyBefore);
    });

    it('undoes the deletion of a partitioned Secure cookie into its partition', async () => {
      await s.site.goto(url('/stories/partitioned/'));
      await tab('cookies');
      await s.panel.clickWhere('cookie-row', /^\s*chips\b/);
      await s.panel.click('cookie-delete');
      await s.panel.click('cookie-delete-confirm');
      await s.panel.expectNoText('cookie-name', /^\s*chips\b/);
      await s.panel.click('cookie-undo');
      await s.panel.expectText('cookie-name', /^\s*chips\b/);
      const [secure, partitioned] = await s.panel.ops.evaluate(
        (ids) =>
          ids.map(
            (id) =>
              document
                .querySelector('[data-testid="cookie-row"][data-cookie-name="chips"]')
                ?.querySelector(`[data-testid="${id}"]`)?.textContent ?? null,
          ),
        ['cookie-secure', 'cookie-partitioned'],
      );
      assert.deepEqual({ secure, partitioned }, { secure: '✓', partitioned: '✓' });
      // The page reads it again: back in the partition its own site keys.
      await s.site.goto(url('/'));
      assert.match(
        await s.site.evaluate(() => document.cookie, null),
        /(?:^|; )chips=set-by-the-page(?:;|$)/,
      );
    });
  });
}
