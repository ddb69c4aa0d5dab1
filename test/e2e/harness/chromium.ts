import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { type PageOps, Panel } from './panel';
import { CHROMIUM, CHROMIUM_FLAGS, DIST_CHROME, PANEL_PATH } from './paths';
import { tempDir } from './processes';
import type { BrowserSession, RecordedRequest, SitePage } from './session';

function playwrightOps(page: Page): PageOps {
  return {
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    click: (selector) => page.locator(selector).first().click(),
    type: (selector, text) => page.locator(selector).first().pressSequentially(text),
    screenshot: async (path) => {
      await page.screenshot({ path, fullPage: true });
    },
    resize: (width, height) => page.setViewportSize({ width, height }),
  };
}

function playwrightSite(page: Page): SitePage {
  return {
    ...playwrightOps(page),
    goto: async (url) => {
      await page.goto(url, { waitUntil: 'load' });
    },
    clickAndWaitForNavigation: async (selector) => {
      await Promise.all([
        page.waitForNavigation({ waitUntil: 'load' }),
        page.locator(selector).first().click(),
      ]);
    },
  };
}

/**
 * Chromium with dist/chrome loaded unpacked, the site open in one tab and the panel opened as an
 * ordinary extension page in another, pointed at the site's tab by `?tabId=`.
 */
export async function launchChromium(siteUrl: string, extraQuery = ''): Promise<BrowserSession> {
  const profile = tempDir('chromium');
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile.path, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1000, height: 760 },
      args: [
        ...CHROMIUM_FLAGS,
        `--disable-extensions-except=${DIST_CHROME}`,
        `--load-extension=${DIST_CHROME}`,
      ],
    });
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extensionId = new URL(worker.url()).host;

    const sitePage = context.pages()[0] ?? (await context.newPage());
    await sitePage.goto(siteUrl);
    const tabId = await worker.evaluate(async (prefix: string) => {
      const tabs = await chrome.tabs.query({});
      return tabs.find((t) => t.url?.startsWith(prefix))?.id;
    }, siteUrl);
    if (tabId === undefined) throw new Error(`no tab shows ${siteUrl}`);

    const recorded: Array<Promise<RecordedRequest>> = [];
    context.on('request', (r) => {
      // allHeaders() fails once the browser closes, and never settles for a request the page
      // dropped before it went out (a decode worker's script when the decode was superseded): fall
      // back to the headers the request was made with.
      const dropped = new Promise<Record<string, string>>((resolve) =>
        setTimeout(() => resolve(r.headers()), 2000),
      );
      const headers = Promise.race([r.allHeaders().catch(() => r.headers()), dropped]);
      recorded.push(
        headers.then((h) => ({ url: r.url(), method: r.method(), headers: h, body: r.postData() })),
      );
    });
    const panelPage = await context.newPage();
    const dialogs: string[] = [];
    for (const page of [sitePage, panelPage]) {
      page.on('dialog', (dialog) => {
        dialogs.push(`${dialog.type()}: ${dialog.message()}`);
        void dialog.dismiss();
      });
    }
    await panelPage.goto(`chrome-extension://${extensionId}/${PANEL_PATH}?tabId=${tabId}${extraQuery}`);
    const ctx = context;
    return {
      browser: 'chromium',
      site: playwrightSite(sitePage),
      panel: new Panel(playwrightOps(panelPage), 'chromium'),
      dialogs,
      requests: () => Promise.all(recorded),
      close: async () => {
        await ctx.close();
        profile.remove();
      },
    };
  } catch (error) {
    await context?.close();
    profile.remove();
    throw error;
  }
}
