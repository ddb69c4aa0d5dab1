// Issue 10's stories: the states in which a developer opens the panel because something is wrong,
// walked in a real browser against the real demo (db engine) and its companion. Each story says
// what the "why" line must name, and leaves narrow (500 px) and wide screenshots, light and dark.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchChromium } from './harness/chromium';
import { type DemoServer, startDemo } from './harness/demo-server';
import { launchFirefox } from './harness/firefox';
import type { BrowserSession } from './harness/session';
import type { StoryBrowser } from './stories';

export function walkDiagnosisStories(browser: StoryBrowser): void {
  describe(`${browser}: the why line names what is wrong`, () => {
    let demo: DemoServer;
    let s: BrowserSession;
    const url = (path: string, server = demo) => `${server.origin}${path}`;
    const shot = (step: string, focus?: string) =>
      s.panel.screenshotsNarrowAndWide(`${browser}-diagnosis-${step}`, focus);
    const why = () =>
      s.panel.ops.evaluate(
        () => document.querySelector('[data-testid="diagnosis"]')?.getAttribute('data-state') ?? '',
        null,
      ) as Promise<string>;
    const expectWhy = async (state: string, headline: RegExp) => {
      await s.panel.expectText('diagnosis-headline', headline);
      assert.equal(await why(), state);
    };
    const flush = async (server = demo) => {
      await s.site.goto(url('/flush/', server));
      await s.site.clickAndWaitForNavigation('#flush');
    };

    before(async () => {
      demo = await startDemo('db');
      // The first page opened is one that writes nothing to the session.
      s = await (browser === 'chromium' ? launchChromium : launchFirefox)(url('/'));
    });
    after(async () => {
      await s?.close();
      await demo?.stop();
    });

    it('first open, no session yet: the site answer, and what creates a session', async () => {
      await expectWhy('no-session', /^No session yet: the browser holds no sessionid cookie/);
      await s.panel.expectText('companion-installed', 'installed (protocol 2)');
      await s.panel.expectText('companion-engine', 'django.contrib.sessions.backends.db');
      await s.panel.expectText('companion-cookie-name', /^sessionid$/);
      await s.panel.expectNoText('session-tab', /missing-session/);
      await shot('no-session');
    });

    it('two sessionid cookies: Django reads Path=/, the Path=/counter/ one is flagged', async () => {
      await s.site.goto(url('/counter/'));
      await s.panel.expectText('companion-tree-row', /visits_counter/);
      await s.site.clickAndWaitForNavigation('#shadow-cookie');
      await expectWhy('shadowed', /^Two sessionid cookies are sent: Django reads the one with Path=\/;/);
      await s.panel.expectText('finding-duplicate-cookie', /Path=\/counter\/.*ignores this one/);
      // The store holds the session of the cookie Django reads: the counter went on climbing.
      await s.panel.expectText('companion-status', 'in the store');
      await s.panel.expectText('companion-tree-row', /visits_counter\s*:\s*int\s+2/);
      await shot('duplicate-cookie');
      await s.site.clickAndWaitForNavigation('#shadow-cookie-remove');
      await s.panel.expectNoText('finding-duplicate-cookie', /Path/);
    });

    it('a password change: the user the session names, logged out by a stale auth hash', async () => {
      await s.site.goto(url('/login/'));
      await s.site.type('#id_username', 'demo');
      await s.site.type('#id_password', 'demo');
      await s.site.clickAndWaitForNavigation('#login-submit');
      await s.panel.expectText('companion-user-hash', 'valid');
      await s.site.clickAndWaitForNavigation('#change-password');
      await expectWhy(
        'stale-auth-hash',
        /^User demo \(id \d+\) — logged out by a password change: the auth hash no longer matches\.$/,
      );
      await s.panel.expectText(
        'companion-user',
        /^user demo \(id \d+\) — logged out by a password change: the auth hash no longer matches\.$/,
      );
      await shot('password-change');
      // The next page reads request.user: get_user() flushes the session, as Django does.
      await s.site.goto(url('/'));
      await expectWhy('no-session', /^No session yet/);
    });

    it('a custom SESSION_COOKIE_NAME is learned from the companion, not typed', async () => {
      const custom = await startDemo('db', { env: { SESSIONLENS_DEMO_COOKIE_NAME: 'demo_session' } });
      try {
        await s.site.goto(url('/counter/', custom));
        await s.panel.expectText('session-cookie-name', /^demo_session$/);
        await s.panel.expectText('companion-tree-row', /visits_counter\s*:\s*int\s+1/);
        await expectWhy('live', /^Live until .*SESSION_COOKIE_AGE = 1209600/);
        await shot('custom-cookie-name');
        // Keys shows the learned name beside its override field (and keeps Remove on its row).
        await s.panel.click('tab-keys');
        await s.panel.expectText('setting-session-cookie-name-companion', 'demo_session');
        await shot('custom-cookie-name-keys');
        await s.panel.click('tab-session');
        await flush(custom);
      } finally {
        await custom.stop();
      }
    });

    it('SECRET_KEY rotated without a fallback: the server cannot decode the session', async () => {
      await s.site.goto(url('/counter/'));
      await s.panel.expectText('companion-tree-row', /visits_counter/);
      // The same site, database and cookie, restarted with a new SECRET_KEY and no fallback.
      const rotated = await startDemo('db', {
        env: { SESSIONLENS_DEMO_ROTATE_KEY: '1' },
        shareDataWith: demo,
      });
      try {
        await s.site.goto(url('/', rotated));
        await expectWhy('unknown-key', /neither SECRET_KEY nor in SECRET_KEY_FALLBACKS/);
        await s.panel.expectText('summary-session', /unreadable/);
        await shot('rotated-key');
      } finally {
        await rotated.stop();
      }
    });
  });
}
