import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { Panel } from './panel';
import { DIST_FIREFOX, FIREFOX, PANEL_PATH } from './paths';
import { puppeteerOps, puppeteerSite } from './puppeteer-ops';
import type { BrowserSession } from './session';

export function geckoId(): string {
  const manifest = JSON.parse(readFileSync(`${DIST_FIREFOX}/manifest.json`, 'utf8'));
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (typeof id !== 'string') throw new Error('dist/firefox/manifest.json has no gecko id');
  return id;
}

/**
 * Opens an extension page without awaiting goto: with --remote-allow-system-access Firefox loads
 * moz-extension:// pages but the navigation promise never settles (browser-testing.md).
 */
async function openExtensionPage(page: Page, url: string): Promise<void> {
  page.goto(url).catch(() => undefined);
  // While the navigation replaces the page's realm, one evaluation of the wait can fail with a
  // WebDriver BiDi protocol error (seen: "right-hand side of 'in' should be an object, got
  // null"): that is the page still being created, so wait again in the new realm.
  for (let attempt = 1; ; attempt++) {
    try {
      await page.waitForFunction(
        (u: string) => location.href === u && document.readyState === 'complete',
        {},
        url,
      );
      return;
    } catch (error) {
      const cause = error instanceof Error ? error.cause : undefined;
      if (attempt >= 3 || !(cause instanceof Error) || !/^Protocol error/.test(cause.message)) throw error;
    }
  }
}

/**
 * Firefox ESR with dist/firefox installed as a temporary add-on under a UUID we chose, the site in
 * one tab and the panel page in another, pointed at the site's tab by `?tabId=`.
 */
export async function launchFirefox(siteUrl: string, extraQuery = ''): Promise<BrowserSession> {
  const uuid = randomUUID();
  const browser: Browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    args: ['--remote-allow-system-access'],
    defaultViewport: { width: 1000, height: 760 },
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [geckoId()]: uuid }) },
  });
  try {
    await browser.installExtension(DIST_FIREFOX);
    const sitePage = (await browser.pages())[0] ?? (await browser.newPage());
    await sitePage.goto(siteUrl, { waitUntil: 'load' });

    const panelPage = await browser.newPage();
    const panelBase = `moz-extension://${uuid}/${PANEL_PATH}`;
    await openExtensionPage(panelPage, panelBase);
    // Ports are not allowed in Firefox match patterns, so list every tab and filter.
    const tabId = await panelPage.evaluate(async (prefix: string) => {
      const api = (globalThis as unknown as { browser: typeof chrome }).browser;
      const tabs = await api.tabs.query({});
      return tabs.find((t) => t.url?.startsWith(prefix))?.id;
    }, siteUrl);
    if (tabId === undefined) throw new Error(`no tab shows ${siteUrl}`);
    await openExtensionPage(panelPage, `${panelBase}?tabId=${tabId}${extraQuery}`);

    const dialogs: string[] = [];
    for (const page of [sitePage, panelPage]) {
      page.on('dialog', (dialog) => {
        dialogs.push(`${dialog.type()}: ${dialog.message()}`);
        void dialog.dismiss();
      });
    }
    return {
      browser: 'firefox',
      site: puppeteerSite(sitePage),
      panel: new Panel(puppeteerOps(panelPage, panelPage), 'firefox'),
      dialogs,
      // Puppeteer's BiDi events do not cover the add-on's background page.
      requests: null,
      close: () => browser.close(),
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
