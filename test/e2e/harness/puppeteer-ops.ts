import type { Frame, Page } from 'puppeteer-core';
import type { PageOps } from './panel';
import type { SitePage } from './session';

export function puppeteerOps(target: Page | Frame, shoot: Page): PageOps {
  return {
    evaluate: (fn, arg) => target.evaluate(fn as never, arg) as never,
    click: (selector) => target.click(selector),
    type: (selector, text) => target.type(selector, text),
    screenshot: async (path) => {
      await shoot.screenshot({ path: path as `${string}.png`, fullPage: true });
    },
    resize: (width, height) => shoot.setViewport({ width, height }),
  };
}

export function puppeteerSite(page: Page): SitePage {
  return {
    ...puppeteerOps(page, page),
    goto: async (url) => {
      await page.goto(url, { waitUntil: 'load' });
    },
    clickAndWaitForNavigation: async (selector) => {
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(selector)]);
    },
  };
}
