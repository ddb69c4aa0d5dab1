// The demo's session stories (demo/README.md, issue 6), walked in a real browser
// against the real demo site: the user clicks the site like a reader of the Django docs would, and
// the panel must show what each click did to the session. One browser and one demo server per
// engine; each story starts from the state it needs, so one failure does not cascade.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchChromium } from './harness/chromium';
import { type DemoServer, type Engine, startDemo } from './harness/demo-server';
import { launchFirefox } from './harness/firefox';
import type { BrowserSession } from './harness/session';

export type StoryBrowser = 'chromium' | 'firefox';

/** Where the session data shows: the companion for store-backed engines, the cookie itself otherwise. */
const dataRow = (engine: Engine) => (engine === 'signed_cookies' ? 'tree-row' : 'companion-tree-row');

/** A ValueTree row: key, ":", a type label, the value (panel/decoded/ValueTree.tsx). */
const row = (key: string, value: string) => new RegExp(`^\\s*${key}\\s*:\\s*(?:\\w+\\s+)?${value}(?:\\s|$)`);

const HOSTILE = '<img src=x onerror=alert(1)>';

export function walkStories(browser: StoryBrowser, engine: Engine): void {
  describe(`${browser} · ${engine}: the demo's session stories in the panel`, () => {
    let demo: DemoServer;
    let s: BrowserSession;
    const url = (path: string) => `${demo.origin}${path}`;
    const shot = (step: string, focus?: string) => s.panel.screenshots(`${browser}-${engine}-${step}`, focus);
    /** Opens a demo page and presses one of its buttons (every story that writes is a POST form). */
    const press = async (path: string, button: string) => {
      await s.site.goto(url(path));
      await s.site.clickAndWaitForNavigation(`#${button}`);
    };
    const tab = (name: 'session' | 'cookies' | 'decode' | 'keys') => s.panel.click(`tab-${name}`);
    const sessionKeyShown = () =>
      s.panel.textOf(engine === 'signed_cookies' ? 'session-cookie' : 'companion');
    const expectCounter = async (n: number) => {
      await s.panel.expectText(dataRow(engine), row('visits_counter', String(n)));
      if (engine === 'signed_cookies') await s.panel.expectText('verdict-title', 'Verified by SECRET_KEY');
    };
    /** A fresh, empty session: flush whatever the previous story left. */
    const startFresh = async () => {
      await press('/flush/', 'flush');
      await s.panel.expectText('session-empty', /No sessionid cookie/);
    };

    before(async () => {
      demo = await startDemo(engine);
      s = await (browser === 'chromium' ? launchChromium : launchFirefox)(url('/'));
    });
    after(async () => {
      await s?.close();
      await demo?.stop();
    });

    it('takes the demo SECRET_KEY typed into the Keys tab', async () => {
      await tab('keys');
      await s.panel.type('key-input-0', demo.secretKey);
      assert.equal(await s.panel.valueOf('key-input-0'), demo.secretKey);
      await s.panel.expectText('keys-storage-note', /memory|stored/i);
      await shot('keys');
      await tab('session');
      await s.panel.expectText('inspected-url', demo.origin);
    });

    it('shows visits_counter climbing 1, 2, 3', async () => {
      for (const n of [1, 2, 3]) {
        await s.site.goto(url('/counter/'));
        await expectCounter(n);
      }
      if (engine !== 'signed_cookies') {
        await s.panel.expectText('companion-engine', `django.contrib.sessions.backends.${engine}`);
        await s.panel.expectText('session-server-side', /opaque session key/);
      }
      await shot('counter-3');
    });

    it('shows the key gone after session.pop(), and the counter starting again at 1', async () => {
      await s.site.goto(url('/counter/'));
      await s.panel.expectText(dataRow(engine), row('visits_counter', '\\d+'));
      await s.site.goto(url('/counter/pop/'));
      await s.panel.expectNoText(dataRow(engine), /visits_counter/);
      await shot('popped');
      await s.site.goto(url('/counter/'));
      await expectCounter(1);
    });

    it('shows flush() dropping the session, and the next write getting a new key', async () => {
      await s.site.goto(url('/counter/'));
      // The pop story left the counter at 1: wait for this visit's 2, not the panel's last paint
      // (a signed_cookies session of the same data signed in the same second is the same value).
      await expectCounter(2);
      const before = await sessionKeyShown();
      await press('/flush/', 'flush');
      await s.panel.expectText('session-empty', /No sessionid cookie/);
      await shot('flushed');
      await s.site.goto(url('/counter/'));
      await expectCounter(1);
      assert.notEqual(await sessionKeyShown(), before, 'a flushed session comes back under a new key');
    });

    it('shows a fresh session after the session cookie is deleted in the panel', async () => {
      await startFresh();
      await s.site.goto(url('/counter/'));
      await expectCounter(1);
      // Counter 2 before noting the key: a fresh signed_cookies session of counter 1 signed in the
      // same second as the one deleted would be the same value.
      await s.site.goto(url('/counter/'));
      await expectCounter(2);
      const before = await sessionKeyShown();
      await tab('cookies');
      await s.panel.clickWhere('cookie-row', /^\s*sessionid\b/);
      await s.panel.click('cookie-delete');
      await s.panel.click('cookie-delete-confirm');
      await s.panel.expectNoText('cookie-name', /sessionid/);
      await tab('session');
      await s.panel.expectText('session-empty', /No sessionid cookie/);
      await s.site.goto(url('/counter/'));
      await expectCounter(1);
      assert.notEqual(await sessionKeyShown(), before, 'the next request starts a new session');
    });

    it('resolves the logged-in user and shows the key rotated by login()', async () => {
      await startFresh();
      await s.site.goto(url('/counter/'));
      await expectCounter(1);
      const anonymous = await sessionKeyShown();
      await s.panel.expectText('companion-user', /Anonymous/);
      await s.site.goto(url('/login/'));
      await s.site.type('#id_username', 'demo');
      await s.site.type('#id_password', 'demo');
      await s.site.clickAndWaitForNavigation('#login-submit');
      await s.panel.expectText('companion-user-username', /^demo$/);
      await s.panel.expectText('companion-user-id', /^\d+$/);
      await s.panel.expectText('companion-user-hash', 'valid');
      await s.panel.expectText(dataRow(engine), row('_auth_user_id', '"?\\d+"?'));
      assert.notEqual(await sessionKeyShown(), anonymous, 'login() rotates the session key');
      await shot('logged-in');
    });

    it('shows logout() flushing the session', async () => {
      await s.site.goto(url('/'));
      if (!(await s.site.evaluate(() => document.querySelector('#logout') !== null, null))) {
        throw new Error('the previous story did not leave the demo user logged in');
      }
      await s.site.clickAndWaitForNavigation('#logout');
      await s.panel.expectText('session-empty', /No sessionid cookie/);
      await s.panel.expectNoText('companion-user-username', /demo/);
      await shot('logged-out');
    });

    it('shows set_expiry(0) as "ends when the browser closes"', async () => {
      await press('/expiry/', 'expiry-0');
      await s.panel.expectText('expiry-countdown', /^ends when the browser closes/);
      await shot('expiry-browser-close', 'expiry');
    });

    it('shows set_expiry(300) as a five-minute countdown', async () => {
      await press('/expiry/', 'expiry-300');
      await s.panel.expectText('expiry-countdown', /^ends in (4m [2-5]\ds|5m 0s)$/);
      // The new cookie can arrive before the server's answer: wait for the stored set_expiry(300)
      // too, so the screenshot shows cookie and server agreeing.
      await s.panel.expectText(dataRow(engine), row('_session_expiry', '300'));
      await shot('expiry-300', 'expiry');
    });

    it('decodes the flash message in the messages cookie (level, text)', async () => {
      // The page the flash POST redirects to leaves the message waiting in the cookie; only the
      // demo's Show link displays, and so consumes, it.
      await press('/messages/', 'flash');
      const status = await s.site.evaluate(
        () => document.querySelector('#messages-status')?.getAttribute('data-status') ?? '',
        null,
      );
      assert.equal(status, 'waiting', 'the landing page leaves the message in the messages cookie');
      await tab('cookies');
      await s.panel.clickWhere('cookie-row', /^\s*messages\b/);
      await s.panel.expectText('cookie-detail-name', /^messages$/);
      await s.panel.expectText('message-level', /success/i);
      await s.panel.expectText('message-text', 'Saved! This message rode in the messages cookie.');
      await s.panel.expectText('verdict-title', 'Verified by SECRET_KEY');
      await shot('messages', 'cookie-detail');

      await s.site.clickAndWaitForNavigation('#show-messages');
      const shown = await s.site.evaluate(
        () => document.querySelector('[data-testid="message"]')?.textContent ?? '',
        null,
      );
      assert.equal(shown, 'Saved! This message rode in the messages cookie.', 'Show displays it');
      await s.panel.expectNoText('cookie-row', /^\s*messages\b/);
      await tab('session');
    });

    it('verifies the set_signed_cookie theme with the demo key and refuses it with a wrong one', async () => {
      await press('/theme/', 'theme-dark');
      const raw = (
        await s.site.evaluate(() => document.querySelector('#theme-raw')?.textContent ?? '', null)
      ).trim();
      assert.match(raw, /^dark:[\w-]+:[\w-]+$/, 'the demo sets a timestamped signed cookie');
      /** The Decode tab, filled in as a user would: the value, its cookie name and the view's salt. */
      const decodeTheme = async () => {
        await tab('decode');
        await s.panel.type('paste-input', raw);
        await s.panel.type('paste-cookieName', 'theme');
        await s.panel.type('paste-salt', 'sessionlens-demo');
      };
      await decodeTheme();
      await s.panel.expectText('verdict-title', 'Verified by SECRET_KEY');
      await s.panel.expectText('report-text', /^dark$/);
      await shot('theme-verified');

      await tab('keys');
      await s.panel.type('key-input-0', 'not-the-demo-secret-key');
      await decodeTheme();
      await s.panel.expectText('verdict-title', 'Bad signature');
      await shot('theme-bad-signature');

      await tab('keys');
      await s.panel.type('key-input-0', demo.secretKey);
      await tab('session');
    });

    it('renders a hostile cookie value as literal text and runs none of it', async () => {
      await s.site.goto(url('/'));
      await s.site.evaluate((v) => {
        // biome-ignore lint/suspicious/noDocumentCookie: the story plants a hostile cookie as a page script would.
        document.cookie = `x=${v}; path=/`;
      }, HOSTILE);
      await tab('cookies');
      await s.panel.expectText('cookie-value', HOSTILE);
      await s.panel.clickWhere('cookie-row', /^\s*x\b/);
      await s.panel.expectText('cookie-detail-value', HOSTILE);
      const injected = await s.panel.ops.evaluate(
        () => document.querySelectorAll('img[onerror]').length,
        null,
      );
      assert.equal(injected, 0, 'no <img> element was created from the cookie value');
      assert.deepEqual(s.dialogs, [], 'no dialog fired');
      await shot('hostile-cookie', 'cookie-detail');
      await tab('session');
    });
  });
}
