// The real thing once in Firefox, beside devtools-panel.test.ts for Chromium: Firefox ESR's own
// DevTools toolbox, the "Django session" panel inside it, on the demo's db engine. The other
// Firefox suites open the panel as a page; this one covers devtools_page, panels.create and
// inspectedWindow.tabId in the toolbox. The toolbox's DOM is out of reach from a test, so the
// assertions read the panel page's document.title, which mirrors its state (src/panel/title.ts).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, it } from 'node:test';
import puppeteer, { type Browser } from 'puppeteer-core';
import { type DemoServer, startDemo } from './harness/demo-server';
import { geckoId } from './harness/firefox';
import { openToolboxPanel, waitForToolboxPanel } from './harness/firefox-toolbox';
import { DIST_FIREFOX, FIREFOX, PANEL_PATH } from './harness/paths';

let demo: DemoServer;
let browser: Browser;
const uuid = randomUUID();

before(async () => {
  demo = await startDemo('db');
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [geckoId()]: uuid }) },
  });
  await browser.installExtension(DIST_FIREFOX);
});
after(async () => {
  await browser?.close();
  await demo?.stop();
});

it('shows the session in the real Firefox toolbox "Django session" panel', async () => {
  const page = (await browser.pages())[0] ?? (await browser.newPage());
  for (let i = 0; i < 3; i++) await page.goto(`${demo.origin}/counter/`, { waitUntil: 'load' });
  await openToolboxPanel(browser, 'Django session');

  // "companion ok": the panel found the inspected tab, read its cookie and asked the companion.
  const panel = await waitForToolboxPanel(browser, (p) => p.title.endsWith('companion ok'));
  assert.equal(panel.label, 'Django session');
  assert.equal(panel.url, `moz-extension://${uuid}/${PANEL_PATH}`);
  assert.match(panel.title, /^Django session — \d+ cookies? — sessionid server-side key — companion ok$/);
});
