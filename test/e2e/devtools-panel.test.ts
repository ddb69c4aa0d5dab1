// The real thing once: Chromium's own DevTools window, the "Django session" panel inside it, on
// the demo's db engine. The other suites open the panel as a page, which is faster but skips
// devtools_page, panels.create and inspectedWindow.tabId; this one covers them.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { type DemoServer, startDemo } from './harness/demo-server';
import { Panel } from './harness/panel';
import { CHROMIUM, CHROMIUM_FLAGS, DIST_CHROME, PANEL_PATH } from './harness/paths';
import { tempDir } from './harness/processes';
import { puppeteerOps } from './harness/puppeteer-ops';

let demo: DemoServer;
let browser: Browser;
const profile = tempDir('devtools');

before(async () => {
  demo = await startDemo('db');
  browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    pipe: true,
    enableExtensions: [DIST_CHROME],
    handleDevToolsAsPage: true,
    userDataDir: profile.path,
    args: CHROMIUM_FLAGS,
  });
});
after(async () => {
  await browser?.close();
  await demo?.stop();
  profile.remove();
});

/**
 * Extension panels sit last in DevTools' tab strip and hide in its » overflow, so clicking fails:
 * Ctrl+[ once (to the first panel), then Ctrl+] until the panel's frame exists (browser-testing.md).
 */
async function openSessionPanel(devtools: Page): Promise<Frame> {
  // The extension's devtools_page runs in a frame of DevTools: once it is there, the panel exists.
  await devtools.waitForFrame((f) => f.url().includes('/src/devtools/'), { timeout: 15_000 });
  const isPanel = (f: Frame) => f.url().includes(PANEL_PATH);
  await devtools.keyboard.down('Control');
  await devtools.keyboard.press('BracketLeft');
  let frame: Frame | undefined;
  for (let i = 0; i < 40 && !frame; i++) {
    await devtools.keyboard.press('BracketRight');
    frame = await devtools.waitForFrame(isPanel, { timeout: 250 }).catch(() => undefined);
  }
  await devtools.keyboard.up('Control');
  if (!frame) throw new Error(`no panel frame; frames: ${devtools.frames().map((f) => f.url())}`);
  return frame;
}

it('shows the session in the real DevTools "Django session" panel', async () => {
  const page = (await browser.pages())[0] ?? (await browser.newPage());
  for (let i = 0; i < 3; i++) await page.goto(`${demo.origin}/counter/`, { waitUntil: 'load' });
  const devtools = await page.openDevTools();
  const frame = await openSessionPanel(devtools);
  const panel = new Panel(puppeteerOps(frame, devtools), 'devtools');

  await panel.expectText('inspected-url', demo.origin);
  // innerText of a DevTools panel frame that is not painted yet is its textContent: the type badge
  // "int" and the value then touch.
  await panel.expectText('companion-tree-row', /^\s*visits_counter\s*:\s*(?:int\s*)?3\s*$/);
  await panel.expectText('companion-engine', 'django.contrib.sessions.backends.db');
  // The verdict follows the cookie's decode, which runs in a worker: wait for it, not for time.
  const verdict = /^Django session — \d+ cookies? — sessionid server-side key/;
  const title = () => frame.evaluate(() => document.title);
  for (let i = 0; i < 100 && !verdict.test(await title()); i++) await new Promise((r) => setTimeout(r, 100));
  assert.match(await title(), verdict);
  await panel.screenshot('devtools-db-panel');

  // The timeline in the real panel: requests seen by the background's webRequest observation,
  // the record read from the companion (SessionTimelineMiddleware in the demo).
  // A mouse click waits for the element to be painted in view, which DevTools' panel frame may
  // never report here (Runtime.callFunctionOn timed out, measured): the DOM click selects the tab.
  await panel.textOf('tab-timeline');
  await frame.evaluate(() => document.querySelector<HTMLElement>('[data-testid="tab-timeline"]')?.click());
  await page.goto(`${demo.origin}/counter/`, { waitUntil: 'load' });
  await panel.expectText('timeline-change', /^~\s*visits_counter\s*:\s*(?:int\s*)?3\s*→\s*(?:int\s*)?4$/);
  await page.goto(`${demo.origin}/counter/pop/`, { waitUntil: 'load' });
  await panel.expectText('timeline-change', /^−\s*visits_counter\s*:\s*(?:int\s*)?4$/);
  assert.match(await panel.textOf('timeline-entry'), /GET\s*\/counter\/\s*200/);
  await panel.screenshot('devtools-db-timeline');
});
