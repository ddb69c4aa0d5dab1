// Issue 12's editing stories in a real browser against the real demo: a write made in the panel
// is what Django stores (the next demo page shows it), flush and cycle_key leave the browser with
// the cookie Django would have set, and a site with DEBUG off refuses writes (no controls, and a
// write sent to the background anyway comes back as the site's 404).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PROTOCOL_VERSION } from '../../src/messaging/protocol';
import { launchChromium } from './harness/chromium';
import { type DemoServer, startDemo } from './harness/demo-server';
import { launchFirefox } from './harness/firefox';
import { byTestId } from './harness/panel';
import { type BrowserSession, requestsCarrying } from './harness/session';
import type { StoryBrowser } from './stories';

/** A ValueTree row of the companion's tree: key, ":", a type label, the value. */
const row = (key: string, value: string) => new RegExp(`^\\s*${key}\\s*:\\s*(?:\\w+\\s+)?${value}(?:\\s|$)`);

const launch = (browser: StoryBrowser, url: string) =>
  (browser === 'chromium' ? launchChromium : launchFirefox)(url);

/** What the demo's counter page says after counting this visit. */
async function counterPage(s: BrowserSession, origin: string): Promise<string> {
  await s.site.goto(`${origin}/counter/`);
  return s.site.evaluate(
    () => document.querySelector('[data-testid="visits-counter"]')?.textContent ?? '',
    null,
  );
}

export function walkEditStories(browser: StoryBrowser): void {
  describe(`${browser} · db: editing the session from the panel`, () => {
    let demo: DemoServer;
    let s: BrowserSession;
    const shot = (step: string, focus?: string) =>
      s.panel.screenshotsNarrowAndWide(`${browser}-edit-${step}`, focus);
    /** Confirms the pending write, after checking the confirmation says what Django will do. */
    const confirm = async (says: string | RegExp) => {
      await s.panel.expectText('edit-confirm-text', says);
      await s.panel.click('edit-confirm-yes');
    };
    const sessionKey = () => s.panel.textOf('companion-session-key');

    before(async () => {
      demo = await startDemo('db');
      s = await launch(browser, `${demo.origin}/`);
    });
    after(async () => {
      await s?.close();
      await demo?.stop();
    });

    it('an edited counter is what the next demo page shows', async () => {
      assert.equal(await counterPage(s, demo.origin), '1');
      await s.panel.expectText('companion-tree-row', row('visits_counter', '1'));
      await s.panel.ops.click(
        `${byTestId('edit-key-row')}[data-key="visits_counter"] ${byTestId('edit-key-edit')}`,
      );
      await s.panel.type('edit-value', '{"a": ');
      await s.panel.expectText('edit-value-problem', /^Not JSON/);
      await s.panel.type('edit-value', '40');
      await s.panel.expectText('edit-value-problem', /^Valid JSON/);
      await s.panel.click('edit-save');
      await s.panel.expectText('edit-confirm-text', 'session["visits_counter"] = 40');
      await shot('confirm', 'session-edit');
      await confirm(/saved through the SessionStore/);
      await s.panel.expectText('edit-done', /^Done: /);
      await s.panel.expectText('companion-tree-row', row('visits_counter', '40'));
      // The edit is in the timeline too, though no request of the tab carried it.
      await s.panel.click('tab-timeline');
      await s.panel.expectText(
        'timeline-entry',
        /Panel edit: set visits_counter[\s\S]*visits_counter\s*:\s*int\s*1\s*→\s*int\s*40/,
      );
      await s.panel.click('tab-session');
      assert.equal(await counterPage(s, demo.origin), '41', 'the demo read the 40 Django stored');
      await s.panel.expectText('companion-tree-row', row('visits_counter', '41'));
    });

    it("a value Django's serializer cannot store is refused with the companion's message, the text kept", async () => {
      await s.panel.click('edit-add');
      await s.panel.type('edit-new-key', 'thing');
      const text = '{"$py": "object", "type": "x.Y", "repr": "<Y>"}';
      await s.panel.type('edit-value', text);
      await s.panel.click('edit-save');
      await s.panel.click('edit-confirm-yes');
      await s.panel.expectText('edit-error', /\(bad-value\)$/);
      assert.equal(await s.panel.valueOf('edit-value'), text);
      await shot('editor-refused', 'session-edit');
      await s.panel.click('edit-cancel');
    });

    it('cycle_key keeps the data under a new key, which the browser then holds', async () => {
      const before = await sessionKey();
      await s.panel.click('edit-cycle-key');
      await confirm(/^cycle_key\(\): keeps the data, saves it under a new key/);
      await s.panel.expectText('edit-done', /^Done: /);
      await s.panel.expectNoText('companion-session-key', before);
      await s.panel.expectText('companion-status', 'in the store');
      assert.equal(await counterPage(s, demo.origin), '42', 'the new key carries the counter on');
    });

    it('set_expiry(0) from the panel: the session ends when the browser closes', async () => {
      await s.panel.ops.evaluate((selector) => {
        const select = document.querySelector<HTMLSelectElement>(selector);
        if (!select) throw new Error(`${selector} missing`);
        select.value = 'browser-close';
        select.dispatchEvent(new Event('change', { bubbles: true }));
      }, byTestId('edit-expiry-mode'));
      await s.panel.click('edit-expiry-apply');
      await confirm(/^set_expiry\(0\): the session ends when the browser closes/);
      await s.panel.expectText('edit-done', /^Done: /);
      await s.panel.expectText('expiry-countdown', /^ends when the browser closes/);
    });

    it('the Cookies tab adds a cookie and edits its value, which the page then reads', async () => {
      const pageCookie = () => s.site.evaluate(() => document.cookie, null);
      await s.panel.click('tab-cookies');
      await s.panel.click('cookie-add');
      await s.panel.type('cookie-editor-name', 'e2e_flag');
      await s.panel.type('cookie-editor-value', 'a;b');
      await s.panel.expectText('cookie-editor-problem', '";"');
      await s.panel.type('cookie-editor-value', 'one');
      await s.panel.screenshotsNarrowAndWide(`${browser}-edit-cookie-add`, 'cookie-editor');
      await s.panel.click('cookie-editor-save');
      await s.panel.expectText('cookie-name', /^\s*e2e_flag\b/);
      await s.site.goto(`${demo.origin}/`);
      assert.match(await pageCookie(), /(^|; )e2e_flag=one(;|$)/);
      await s.panel.clickWhere('cookie-row', /^\s*e2e_flag\b/);
      await s.panel.click('cookie-edit');
      await s.panel.type('cookie-editor-value', 'two');
      await s.panel.click('cookie-editor-save');
      await s.panel.expectText('cookie-value', /^two$/);
      await s.site.goto(`${demo.origin}/`);
      assert.match(await pageCookie(), /(^|; )e2e_flag=two(;|$)/);
      await s.panel.click('tab-session');
    });

    it('a set_signed_cookie cookie re-signed in the Cookies tab is what get_signed_cookie() reads', async () => {
      await s.site.goto(`${demo.origin}/theme/`);
      await s.site.clickAndWaitForNavigation('#theme-dark');
      await s.panel.click('tab-cookies');
      await s.panel.clickWhere('cookie-row', /^\s*theme\b/);
      await s.panel.type('cookie-salt', 'sessionlens-demo');
      await s.panel.click('resign-open');
      await s.panel.expectText('resign-how', 'set_signed_cookie("theme", text, salt="sessionlens-demo")');
      await s.panel.type('resign-key', demo.secretKey);
      await s.panel.expectText('resign-verdict', 'This key verifies the value as it is.');
      await s.panel.type('resign-text', 'light');
      await s.panel.expectText('resign-part-payload', /^light$/);
      await s.panel.screenshotsNarrowAndWide(`${browser}-edit-resign-cookie`, 'resign');
      await s.panel.click('resign-set');
      await s.panel.expectText('resign-outcome', /^Set the theme cookie/);
      await s.site.goto(`${demo.origin}/theme/`);
      const verified = await s.site.evaluate(
        () => document.querySelector('[data-testid="theme-verified"]')?.textContent ?? '',
        null,
      );
      assert.equal(verified, 'light', 'get_signed_cookie() verified the value the panel signed');
      await s.panel.click('tab-session');
    });

    it('flush deletes the stored session and the cookie; the next page starts again at 1', async () => {
      await s.panel.click('edit-flush');
      await confirm(
        'flush(): deletes the stored session and the cookie; the next request starts a new, empty session under a new key.',
      );
      // No session is left to edit: the editor gives way to the empty state.
      await s.panel.expectText('session-empty', /No sessionid cookie/);
      await s.panel.expectText('companion-no-session', /No session was named/);
      await s.panel.click('tab-timeline');
      await s.panel.expectText('timeline-entry', /Panel edit: flush\(\)[\s\S]*flushed/i);
      await s.panel.click('tab-session');
      assert.equal(await counterPage(s, demo.origin), '1');
    });
  });

  describe(`${browser} · signed_cookies: a session re-signed in the panel`, () => {
    let demo: DemoServer;
    let s: BrowserSession;

    before(async () => {
      demo = await startDemo('signed_cookies');
      s = await launch(browser, `${demo.origin}/`);
    });
    after(async () => {
      await s?.close();
      await demo?.stop();
    });

    it('is accepted by the demo when signed with its key, and refused with another', async () => {
      assert.equal(await counterPage(s, demo.origin), '1');
      // No key in Keys: the session decodes unverified; the key is typed in the editor itself.
      await s.panel.expectText('tree-row', row('visits_counter', '1'));
      await s.panel.click('resign-open');
      await s.panel.expectText(
        'resign-how',
        'the signed_cookies SessionStore: dumps(session, compress=True), sha256',
      );
      await s.panel.type('resign-key', demo.secretKey);
      await s.panel.expectText('resign-verdict', 'This key verifies the value as it is.');
      const before = await s.panel.textOf('resign-encoded');
      await s.panel.type('resign-text', '{"visits_counter": 40}');
      await s.panel.expectNoText('resign-encoded', before);
      await s.panel.expectText('resign-part-timestamp', /^[0-9A-Za-z]+$/);
      await s.panel.screenshotsNarrowAndWide(`${browser}-edit-resign`, 'resign');
      await s.panel.click('resign-set');
      await s.panel.expectText('resign-outcome', /^Set the sessionid cookie/);
      await s.panel.expectText('companion-status', 'accepted by the server');
      assert.equal(await counterPage(s, demo.origin), '41', 'Django read the session the panel signed');

      await s.panel.type('resign-key', 'not-the-demo-secret-key');
      await s.panel.expectText('resign-verdict', /Bad signature/);
      await s.panel.type('resign-text', '{"visits_counter": 99}');
      await s.panel.expectText('resign-encoded', /^\.?[\w-]+:/);
      await s.panel.click('resign-set');
      await s.panel.expectText('resign-outcome', /^Set the sessionid cookie/);
      assert.equal(
        await counterPage(s, demo.origin),
        '1',
        'a session signed with another key is a new, empty one',
      );
    });

    it('sends the key typed in the editor in no request', {
      skip:
        browser !== 'chromium' &&
        'Chromium records every request; Firefox BiDi does not see the add-on background',
    }, async () => {
      const requests = await (s.requests?.() ?? Promise.resolve([]));
      assert.ok(
        requests.some((r) => 'x-sessionlens-session' in r.headers),
        "the recorder sees the background's companion requests",
      );
      const leaks = requestsCarrying(requests, demo.secretKey);
      assert.deepEqual(
        leaks.map((r) => r.url),
        [],
      );
    });
  });

  describe(`${browser} · db with DEBUG off: writes refused`, () => {
    let demo: DemoServer;
    let s: BrowserSession;

    before(async () => {
      demo = await startDemo('db', { env: { SESSIONLENS_DEMO_DEBUG: '0' } });
      s = await launch(browser, `${demo.origin}/`);
    });
    after(async () => {
      await s?.close();
      await demo?.stop();
    });

    it('shows no editing controls, and refuses a write sent anyway', async () => {
      assert.equal(await counterPage(s, demo.origin), '1');
      await s.panel.expectText('companion-tree-row', row('visits_counter', '1'));
      await s.panel.expectText('edit-off', /ALLOW_WRITES/);
      assert.equal(
        await s.panel.ops.evaluate(
          (selector) => document.querySelector(selector) === null,
          byTestId('session-edit'),
        ),
        true,
      );
      // A write through the background as the panel sends one, bypassing the absent controls; the
      // session cookie is HttpOnly, so it comes from the cookies API as the panel reads it.
      const answer = await s.panel.ops.evaluate(
        async (payload) => {
          const runtime =
            (globalThis as unknown as { browser?: typeof chrome; chrome: typeof chrome }).browser?.runtime ??
            chrome.runtime;
          const cookies = (await runtime.sendMessage({
            sessionlens: payload.protocol,
            type: 'getCookies',
            payload: { url: `${payload.origin}/` },
          })) as { value: { name: string; value: string }[] };
          const session = cookies.value.find((c) => c.name === 'sessionid')?.value ?? '';
          return runtime.sendMessage({
            sessionlens: payload.protocol,
            type: 'writeCompanion',
            payload: {
              origin: payload.origin,
              path: '/__sessionlens__/session/',
              sessionValue: session,
              token: '',
              write: { op: 'set', key: 'visits_counter', value: 40 },
            },
          });
        },
        { origin: demo.origin, protocol: PROTOCOL_VERSION },
      );
      assert.deepEqual(answer, { ok: true, value: { status: 'absent', httpStatus: 404 } });
      assert.equal(await counterPage(s, demo.origin), '2', 'nothing was written');
      await s.panel.expectText('companion-tree-row', row('visits_counter', '2'));
      await s.panel.screenshotsNarrowAndWide(`${browser}-edit-off`, 'edit-off');
    });
  });
}
