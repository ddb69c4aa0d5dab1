// Issue 11's stories: the Timeline tab in a real browser against the real demo and its companion
// (SessionTimelineMiddleware in the demo's MIDDLEWARE), on each engine in turn in one browser.
// Each engine starts from no session cookie and an empty timeline; the stories then follow one
// another as a user's clicks would (the counter, pop, a cart kept by login, set_expiry(300),
// logout, a password change).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchChromium } from './harness/chromium';
import { type DemoServer, type Engine, startDemo } from './harness/demo-server';
import { launchFirefox } from './harness/firefox';
import type { BrowserSession } from './harness/session';
import type { StoryBrowser } from './stories';

/** Runs in the panel: each visible entry's change lines, as rendered. */
function entryChanges(): string[][] {
  return [...document.querySelectorAll<HTMLElement>('[data-testid="timeline-entry"]')].map((entry) =>
    [...entry.querySelectorAll<HTMLElement>('[data-testid="timeline-change"]')].map((c) =>
      (c.textContent ?? '').replace(/\s+/g, ' ').trim(),
    ),
  );
}

export function walkTimelineStories(browser: StoryBrowser, engines: readonly Engine[]): void {
  describe(`${browser}: the session timeline`, () => {
    let s: BrowserSession;
    let firstDemo: DemoServer | undefined;

    before(async () => {
      firstDemo = await startDemo(engines[0] as Engine);
      s = await (browser === 'chromium' ? launchChromium : launchFirefox)(`${firstDemo.origin}/`);
    });
    after(async () => {
      await s?.close();
      await firstDemo?.stop();
    });

    for (const [i, engine] of engines.entries()) {
      describe(engine, () => {
        let demo: DemoServer;
        const { url, press, expectEntries, last, login, startTimeline } = storyKit(
          () => s,
          () => demo,
          engine,
        );

        before(async () => {
          demo = i === 0 && firstDemo ? firstDemo : await startDemo(engine);
          await startTimeline();
          await s.panel.expectNoText('timeline-recording', /does not record/);
        });
        after(async () => {
          if (demo !== firstDemo) await demo?.stop();
        });

        it('the counter visited three times: three entries, 1 → 2 → 3', async () => {
          for (let n = 1; n <= 3; n++) await s.site.goto(url('/counter/'));
          // Every entry read, not only the last: each request's record is fetched on its own, and
          // the second may arrive after the third.
          const shown = await expectEntries(
            'three counter entries',
            (e) => e.length === 3 && e.every((lines) => lines.length > 0),
          );
          assert.deepEqual(shown[0]?.slice(-1), ['+ visits_counter: int 1']);
          assert.ok(shown[0]?.includes('Session created'), JSON.stringify(shown[0]));
          assert.deepEqual(shown[1], ['~ visits_counter: int 1 → int 2']);
          assert.deepEqual(shown[2], ['~ visits_counter: int 2 → int 3']);
          await s.panel.expectText('timeline-entry', /GET\s*\/counter\/\s*200/);
          if (engine === 'db') await s.panel.screenshotsNarrowAndWide(`${browser}-timeline-counter`);
        });

        it('pop: the key removed', async () => {
          await s.site.goto(url('/counter/pop/'));
          await expectEntries(
            'the pop',
            (e) => e.length === 4 && last(e).includes('− visits_counter: int 3'),
          );
        });

        it('login: the key rotated, the user, the anonymous cart kept', async () => {
          await press('/cart/', 'add-apple');
          await expectEntries('the cart', (e) => last(e).some((c) => /^\+ cart: list \[1\]$/.test(c)));
          await login();
          const shown = await expectEntries('the login', (e) =>
            last(e).some((c) => c.startsWith('Logged in:')),
          );
          const changes = last(shown);
          assert.ok(
            changes.some((c) => /^Logged in: demo \(id \d+\)$/.test(c)),
            JSON.stringify(changes),
          );
          if (engine !== 'signed_cookies')
            assert.ok(
              changes.some((c) => c.startsWith('Session key rotated:')),
              JSON.stringify(changes),
            );
          assert.ok(
            changes.includes('+ _auth_user_hash: ••••••'),
            'the auth hash is masked as the tree masks it',
          );
          assert.ok(!changes.some((c) => c.includes('cart')), 'login() keeps the anonymous cart');
          if (engine === 'db') await s.panel.screenshotsNarrowAndWide(`${browser}-timeline-login`);
          // The whole session after the login: the tree, the cart in it.
          await s.panel.clickWhere('timeline-open', /POST\s*\/login\//);
          await s.panel.expectText('timeline-session-row', /^\W*cart\s*:\s*list/);
          await s.panel.expectText('timeline-session-row', /_auth_user_id/);
          if (engine === 'db') await s.panel.screenshotsNarrowAndWide(`${browser}-timeline-moment`);
          await s.panel.clickWhere('timeline-open', /POST\s*\/login\//);
        });

        it('set_expiry(300): the expiry change and the rule that now decides it', async () => {
          await press('/expiry/', 'expiry-300');
          const shown = await expectEntries('set_expiry(300)', (e) =>
            last(e).some((c) => c.startsWith('Expiry: set_expiry(300)')),
          );
          assert.ok(
            last(shown).some((c) =>
              /^Expiry: set_expiry\(300\) — decided by .+; 5m 0s of inactivity/.test(c),
            ),
            JSON.stringify(last(shown)),
          );
          assert.ok(last(shown).includes('+ _session_expiry: int 300'), JSON.stringify(last(shown)));
        });

        it('logout: the flush', async () => {
          await s.site.goto(url('/'));
          await s.site.clickAndWaitForNavigation('#logout');
          const shown = await expectEntries('the logout', (e) =>
            last(e).some((c) => c.startsWith('Logged out:')),
          );
          assert.ok(last(shown).includes('Session flushed: the browser holds no session cookie now'));
          assert.ok(last(shown).includes('− cart: list [1]'), 'logout() flushes the cart too');
        });

        it('a password change: the user logged out by a stale hash, then the next page flushes', async () => {
          await login();
          await expectEntries('the second login', (e) => last(e).some((c) => c.startsWith('Logged in:')));
          await s.site.goto(url('/'));
          await s.site.clickAndWaitForNavigation('#change-password');
          await expectEntries('the stale hash', (e) =>
            last(e).some((c) =>
              /^demo \(id \d+\) logged out by a password change: the auth hash no longer matches$/.test(c),
            ),
          );
          await s.site.goto(url('/'));
          await expectEntries('the flush that follows', (e) =>
            last(e).includes('Session flushed: the browser holds no session cookie now'),
          );
          if (engine === 'db') await s.panel.screenshotsNarrowAndWide(`${browser}-timeline-password`);
        });

        it('filters by key and compares two entries', async () => {
          await s.panel.type('timeline-filter', 'visits_counter');
          const filtered = await expectEntries('the counter entries only', (e) => e.length === 4);
          assert.ok(filtered.every((changes) => changes.every((c) => c.includes('visits_counter'))));
          await s.panel.ops.evaluate(() => {
            const filter = document.querySelector<HTMLInputElement>('[data-testid="timeline-filter"]');
            if (filter) filter.value = '';
            filter?.dispatchEvent(new Event('input', { bubbles: true }));
          }, null);
          await expectEntries('every entry again', (e) => e.length > 4);
          const ticks = await s.panel.ops.evaluate(
            () => document.querySelectorAll('[data-testid="timeline-compare-toggle"]').length,
            null,
          );
          assert.ok(ticks > 3);
          await s.panel.ops.click(
            '[data-testid="timeline-entry"]:nth-child(1) [data-testid="timeline-compare-toggle"]',
          );
          await s.panel.ops.click(
            '[data-testid="timeline-entry"]:nth-child(3) [data-testid="timeline-compare-toggle"]',
          );
          await s.panel.expectText('timeline-compare', /~ visits_counter: int 1 → int 3/);
          if (engine === 'db')
            await s.panel.screenshotsNarrowAndWide(`${browser}-timeline-compare`, 'timeline-compare');
        });
      });
    }

    // SESSIONLENS["TIMELINE"] off: no record, the cookies are all the timeline has.
    for (const engine of ['signed_cookies', 'db'] as const) {
      describe(`${engine} without the companion's records: what the cookies show`, () => {
        let demo: DemoServer;
        const { url, press, expectEntries, last, login, startTimeline } = storyKit(
          () => s,
          () => demo,
          `${engine} (cookies only)`,
        );
        before(async () => {
          demo = await startDemo(engine, { env: { SESSIONLENS_DEMO_TIMELINE: '0' } });
          await startTimeline();
          await s.panel.expectText('timeline-recording', /does not record requests here: .*TIMELINE/);
        });
        after(async () => {
          await demo?.stop();
        });

        it(
          engine === 'signed_cookies'
            ? 'the cookies are the session: the counter, set_expiry(300), login and logout read from them'
            : 'the cookie is the key: created, rotated by login, flushed by logout',
          async () => {
            for (let n = 1; n <= 3; n++) await s.site.goto(url('/counter/'));
            const counted = await expectEntries(
              'the counter',
              (e) => e.length === 3 && (engine === 'db' ? (e[0]?.length ?? 0) > 0 : last(e).length > 0),
            );
            assert.ok(counted[0]?.includes('Session created'), JSON.stringify(counted));
            if (engine === 'signed_cookies') {
              assert.deepEqual(
                counted.map((c) => c.at(-1)),
                [
                  '+ visits_counter: int 1',
                  '~ visits_counter: int 1 → int 2',
                  '~ visits_counter: int 2 → int 3',
                ],
              );
              await press('/expiry/', 'expiry-300');
              const expiry = await expectEntries('set_expiry(300)', (e) =>
                last(e).some((c) =>
                  /^Expiry: set_expiry\(300\) — decided by set_expiry\(seconds\) after the last save; 5m 0s of inactivity/.test(
                    c,
                  ),
                ),
              );
              assert.ok(last(expiry).includes('+ _session_expiry: int 300'), JSON.stringify(last(expiry)));
            } else {
              await s.panel.expectText('timeline-note', /The session data is on the server/);
            }
            await login();
            const loggedIn = await expectEntries('the login', (e) =>
              last(e).some((c) =>
                engine === 'db' ? c.startsWith('Session key rotated:') : /^Logged in: user id \d+$/.test(c),
              ),
            );
            if (engine === 'signed_cookies') assert.ok(last(loggedIn).includes('+ _auth_user_hash: ••••••'));
            await s.site.goto(url('/'));
            await s.site.clickAndWaitForNavigation('#logout');
            await expectEntries('the logout', (e) =>
              last(e).includes('Session flushed: the browser holds no session cookie now'),
            );
            // The browser's own removal of the cookie the response deleted settles for 1 s before it
            // could become an entry (useTimeline): past that, the logout must still be the last one.
            await new Promise((r) => setTimeout(r, 1500));
            await s.panel.expectNoText('timeline-entry', /cookie removed/);
            if (engine === 'signed_cookies')
              await s.panel.screenshotsNarrowAndWide(`${browser}-timeline-cookies-only`);

            // A session cookie deleted in the panel's Cookies tab is an entry of its own.
            await s.site.goto(url('/counter/'));
            await expectEntries('a new session', (e) => last(e).includes('Session created'));
            await s.panel.click('tab-cookies');
            await s.panel.clickWhere('cookie-row', /^\s*sessionid\b/);
            await s.panel.click('cookie-delete');
            await s.panel.click('cookie-delete-confirm');
            await s.panel.click('tab-timeline');
            await s.panel.expectText('timeline-entry', /sessionid cookie removed/);
            await s.panel.expectText('timeline-note', /deleted by the panel or an extension/);
          },
        );
      });
    }
  });
}

/** The steps every timeline story takes, against the demo `demo()` in the browser `s()`. */
function storyKit(s: () => BrowserSession, demo: () => DemoServer, label: string) {
  const url = (path: string) => `${demo().origin}${path}`;
  const press = async (path: string, button: string) => {
    await s().site.goto(url(path));
    await s().site.clickAndWaitForNavigation(`#${button}`);
  };
  const entries = () => s().panel.ops.evaluate(entryChanges, null);
  /** Waits until the timeline's entries satisfy `check`; fails showing what they were. */
  const expectEntries = async (what: string, check: (e: string[][]) => boolean) => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const now = await entries();
      if (check(now)) return now;
      if (Date.now() > deadline)
        assert.fail(`${label}: the timeline never showed ${what}: ${JSON.stringify(now)}`);
      await new Promise((r) => setTimeout(r, 100)); // poll interval, not a wait for the app
    }
  };
  const last = (e: string[][]) => e.at(-1) ?? [];
  const login = async () => {
    await s().site.goto(url('/login/'));
    await s().site.type('#id_username', 'demo');
    await s().site.type('#id_password', 'demo');
    await s().site.clickAndWaitForNavigation('#login-submit');
  };
  /** 127.0.0.1's cookies are shared by every port: start from none, the key typed, an empty timeline. */
  const startTimeline = async () => {
    await press('/flush/', 'flush');
    await s().panel.click('tab-keys');
    await s().panel.type('key-input-0', demo().secretKey);
    await s().panel.click('tab-timeline');
    await s().panel.expectText('inspected-url', demo().origin);
    await s().panel.click('timeline-clear');
    await expectEntries('no entry', (e) => e.length === 0);
  };
  return { url, press, expectEntries, last, login, startTimeline };
}
