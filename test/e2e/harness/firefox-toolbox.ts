import type { Browser } from 'puppeteer-core';

/** What a test can read of an extension panel inside Firefox's real DevTools toolbox. */
export interface ToolboxPanel {
  /** The tool's tab label, as `devtools.panels.create` named it. */
  label: string;
  /** The extension page the panel's <browser> shows. */
  url: string;
  /** That page's document.title: the toolbox panel's DOM is out of a test's reach, its title is not. */
  title: string;
}

interface BidiConnection {
  send(method: string, params: object): Promise<{ result: unknown }>;
}

interface EvaluateResult {
  type: 'success' | 'exception';
  result?: { type: string; value?: unknown };
  exceptionDetails?: { text: string };
}

/**
 * Runs `expression` in Firefox's browser window (chrome scope) over WebDriver BiDi: the toolbox is
 * privileged UI that no page can open. Needs `--remote-allow-system-access` at launch.
 */
async function evaluateInChrome(browser: Browser, expression: string): Promise<unknown> {
  // puppeteer keeps its BiDi connection on the browser; it has no API for chrome-scope contexts.
  const connection = (browser as unknown as { connection: BidiConnection }).connection;
  const tree = (await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' })).result as {
    contexts: { context: string; url: string }[];
  };
  const window = tree.contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml');
  if (!window) throw new Error(`no browser window among ${tree.contexts.map((c) => c.url).join(', ')}`);
  const evaluated = (
    await connection.send('script.evaluate', {
      expression,
      target: { context: window.context },
      awaitPromise: true,
    })
  ).result as EvaluateResult;
  if (evaluated.type === 'exception') throw new Error(`chrome script: ${evaluated.exceptionDetails?.text}`);
  return evaluated.result?.value;
}

/**
 * Opens the real toolbox on the selected tab and selects the extension's panel whose label is
 * `label` (panels.create's title; its tool id is Firefox's own `webext-devtools-panel-…`).
 */
export async function openToolboxPanel(browser: Browser, label: string): Promise<void> {
  await evaluateInChrome(
    browser,
    `(async () => {
      const { require } = ChromeUtils.importESModule("resource://devtools/shared/loader/Loader.sys.mjs");
      const { gDevTools } = require("devtools/client/framework/devtools");
      const toolbox = await gDevTools.showToolboxForTab(gBrowser.selectedTab, { toolId: "webconsole" });
      for (let i = 0; i < 100; i++) {
        const tool = toolbox.getAdditionalTools().find((t) => t.label === ${JSON.stringify(label)});
        if (tool) return void (await toolbox.selectTool(tool.id));
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error("no toolbox panel labelled " + ${JSON.stringify(label)} + " among: " +
        toolbox.getAdditionalTools().map((t) => t.label).join(", "));
    })()`,
  );
}

/** The selected toolbox panel as it stands now (null while its page has not loaded). */
export async function readToolboxPanel(browser: Browser): Promise<ToolboxPanel | null> {
  const json = await evaluateInChrome(
    browser,
    `(() => {
      const { require } = ChromeUtils.importESModule("resource://devtools/shared/loader/Loader.sys.mjs");
      const { gDevTools } = require("devtools/client/framework/devtools");
      const toolbox = gDevTools.getToolboxForTab(gBrowser.selectedTab);
      const tool = toolbox && toolbox.getAdditionalTools().find((t) => t.id === toolbox.currentToolId);
      const frame = tool && toolbox.doc.getElementById("toolbox-panel-iframe-" + tool.id);
      const page = frame && frame.contentDocument && frame.contentDocument.querySelector("browser");
      if (!page || !page.currentURI) return null;
      return JSON.stringify({ label: tool.label, url: page.currentURI.spec, title: page.contentTitle });
    })()`,
  );
  return typeof json === 'string' ? (JSON.parse(json) as ToolboxPanel) : null;
}

/** Polls the selected panel until `done` holds; the last reading goes into the error otherwise. */
export async function waitForToolboxPanel(
  browser: Browser,
  done: (panel: ToolboxPanel) => boolean,
  timeoutMs = 20_000,
): Promise<ToolboxPanel> {
  const deadline = Date.now() + timeoutMs;
  let last: ToolboxPanel | null = null;
  while (Date.now() < deadline) {
    last = await readToolboxPanel(browser);
    if (last && done(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`toolbox panel never got there; last seen: ${JSON.stringify(last)}`);
}
