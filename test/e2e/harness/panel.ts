// biome-ignore-all lint/performance/useDomNodeTextContent: these read the text as rendered (innerText), falling back to textContent where DevTools has not painted the frame: the rendered text is what the user sees.
import { mkdirSync } from 'node:fs';
import { SCREENSHOTS } from './paths';

export type BrowserName = 'chromium' | 'firefox' | 'devtools';

/**
 * What the suite needs from a page, whoever drives it: Playwright's Page and Puppeteer's Page and
 * Frame all fit behind these four calls (CSS selectors, one-argument evaluate).
 */
export interface PageOps {
  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  click(selector: string): Promise<void>;
  type(selector: string, text: string): Promise<void>;
  screenshot(path: string): Promise<void>;
  /** Resizes the viewport: a narrow DevTools dock is ~500 px wide. */
  resize(width: number, height: number): Promise<void>;
}

export const byTestId = (id: string): string => `[data-testid="${id}"]`;

interface TextQuery {
  selector: string;
  source: string;
  flags: string;
}

/** Runs in the page: the visible text of every element the selector matches. */
function textsOf(selector: string): string[] {
  return [...document.querySelectorAll<HTMLElement>(selector)].map((e) => e.innerText ?? e.textContent ?? '');
}

function someMatches(q: TextQuery): boolean {
  const re = new RegExp(q.source, q.flags);
  return [...document.querySelectorAll<HTMLElement>(q.selector)].some((e) =>
    re.test(e.innerText ?? e.textContent ?? ''),
  );
}

const CLICK_MARK = 'data-e2e-click';

/** Runs in the page: tags the first match so a real mouse click can target it by CSS. */
function markFirstMatch(q: TextQuery): void {
  const re = new RegExp(q.source, q.flags);
  for (const e of document.querySelectorAll('[data-e2e-click]')) e.removeAttribute('data-e2e-click');
  const target = [...document.querySelectorAll<HTMLElement>(q.selector)].find((e) =>
    re.test(e.innerText ?? e.textContent ?? ''),
  );
  target?.setAttribute('data-e2e-click', '');
}

function selectInput(selector: string): void {
  const input = document.querySelector<HTMLInputElement>(selector);
  input?.focus();
  input?.select();
}

const asRegExp = (text: string | RegExp): RegExp =>
  typeof text === 'string' ? new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : text;

/**
 * The panel as a test sees it: asserts through data-testid and visible text, waiting for the
 * condition rather than for time (the panel refreshes on cookie changes, asynchronously).
 */
export class Panel {
  constructor(
    readonly ops: PageOps,
    readonly label: string,
    readonly timeoutMs = 10_000,
  ) {}

  /** Waits until some element with this test id shows `text`; fails with what it showed instead. */
  async expectText(testId: string, text: string | RegExp): Promise<string> {
    const re = asRegExp(text);
    const q: TextQuery = { selector: byTestId(testId), source: re.source, flags: re.flags };
    await this.until(
      () => this.ops.evaluate(someMatches, q),
      async () =>
        `[${this.label}] ${testId} never showed ${re}; it shows ${JSON.stringify(await this.texts(testId))}`,
    );
    return (await this.texts(testId)).find((t) => re.test(t)) ?? '';
  }

  /** Waits until no element with this test id shows `text` (an absent element counts). */
  async expectNoText(testId: string, text: string | RegExp): Promise<void> {
    const re = asRegExp(text);
    const q: TextQuery = { selector: byTestId(testId), source: re.source, flags: re.flags };
    await this.until(
      async () => !(await this.ops.evaluate(someMatches, q)),
      async () => `[${this.label}] ${testId} still shows ${re}: ${JSON.stringify(await this.texts(testId))}`,
    );
  }

  /** Waits for an element with this test id to exist, then returns its visible text. */
  async textOf(testId: string): Promise<string> {
    await this.expectText(testId, /[\s\S]*/);
    return (await this.texts(testId))[0] ?? '';
  }

  /** An input's current value (what the user typed, as the page holds it). */
  valueOf(testId: string): Promise<string> {
    return this.ops.evaluate(
      (selector) => document.querySelector<HTMLInputElement>(selector)?.value ?? '',
      byTestId(testId),
    );
  }

  texts(testId: string): Promise<string[]> {
    return this.ops.evaluate(textsOf, byTestId(testId));
  }

  async click(testId: string): Promise<void> {
    await this.textOf(testId);
    await this.ops.click(byTestId(testId));
  }

  /** Clicks the first element with this test id whose text matches (a row by its cookie name…). */
  async clickWhere(testId: string, text: string | RegExp): Promise<void> {
    const re = asRegExp(text);
    await this.expectText(testId, re);
    const q: TextQuery = { selector: byTestId(testId), source: re.source, flags: re.flags };
    await this.ops.evaluate(markFirstMatch, q);
    await this.ops.click(`[${CLICK_MARK}]`);
  }

  /** Types into an input over whatever it held (selected first), as a user would. */
  async type(testId: string, text: string): Promise<void> {
    await this.textOf(testId);
    await this.ops.evaluate(selectInput, byTestId(testId));
    await this.ops.type(byTestId(testId), text);
  }

  /** Sets the theme the way `?theme=` does at load (ui/theme.ts), without reloading the panel. */
  setTheme(theme: 'light' | 'dark'): Promise<void> {
    return this.ops.evaluate((t) => {
      document.documentElement.dataset.theme = t;
    }, theme);
  }

  /** Light and dark screenshots of the panel, scrolled to `focus` (the panel scrolls inside its body). */
  async screenshots(name: string, focus?: string): Promise<void> {
    if (focus) {
      await this.ops.evaluate(
        (selector) => document.querySelector(selector)?.scrollIntoView(),
        byTestId(focus),
      );
    }
    await this.screenshot(name);
    await this.setTheme('dark');
    await this.screenshot(`${name}-dark`);
    await this.setTheme('light');
  }

  /** Light and dark, at a 500 px dock and a 1000 px one: what a narrow and a wide DevTools show. */
  async screenshotsNarrowAndWide(name: string, focus?: string): Promise<void> {
    await this.ops.resize(500, 900);
    await this.screenshots(`${name}-narrow`, focus);
    await this.ops.resize(1000, 760);
    await this.screenshots(name, focus);
  }

  async screenshot(name: string): Promise<void> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await this.ops.screenshot(`${SCREENSHOTS}/${name}.png`);
  }

  private async until(check: () => Promise<boolean>, explain: () => Promise<string>): Promise<void> {
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      if (await check()) return;
      if (Date.now() > deadline) throw new Error(await explain());
      await new Promise((r) => setTimeout(r, 100)); // poll interval, not a wait for the app
    }
  }
}
