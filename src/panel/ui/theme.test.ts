import { afterEach, describe, expect, it } from 'vitest';
import browser from '../../../test/fakes/browser';
import { followTheme } from './theme';

/** The panel's document as the theme reads it: the page's ?query and the OS preference. */
function panelDocument(search: string, prefersDark: boolean) {
  const documentElement = { dataset: {} as { theme?: string } };
  const doc = {
    location: { search },
    defaultView: { matchMedia: () => ({ matches: prefersDark }) },
    documentElement,
  } as unknown as Document;
  return { doc, painted: () => documentElement.dataset.theme };
}

/** browser.devtools.panels as DevTools gives it (absent outside DevTools; Firefox tells of changes). */
const panels: { themeName?: string; onThemeChanged: { addListener(l: () => void): void } } = {
  onThemeChanged: { addListener: (l) => listeners.push(l) },
};
const listeners: Array<() => void> = [];
function devtoolsTheme(themeName: string | undefined): void {
  panels.themeName = themeName;
  (browser as unknown as { devtools?: unknown }).devtools = themeName === undefined ? undefined : { panels };
}

/** The theme a panel opened on `search` paints. */
function painted(search: string, prefersDark: boolean): string | undefined {
  const panel = panelDocument(search, prefersDark);
  followTheme(panel.doc);
  return panel.painted();
}

describe('followTheme', () => {
  afterEach(() => {
    devtoolsTheme(undefined);
    listeners.length = 0;
  });

  it('lets ?theme= override the DevTools theme', () => {
    devtoolsTheme('dark');
    expect(painted('?theme=light', true)).toBe('light');
    devtoolsTheme('default');
    expect(painted('?theme=dark', false)).toBe('dark');
  });

  it('follows the DevTools theme, then the OS', () => {
    devtoolsTheme('dark');
    expect(painted('', false)).toBe('dark');
    // Chrome reports 'default' for its light theme, Firefox 'light'.
    devtoolsTheme('default');
    expect(painted('', true)).toBe('light');
    devtoolsTheme(undefined);
    expect(painted('?theme=bogus', true)).toBe('dark');
    expect(painted('', false)).toBe('light');
  });

  it('repaints when DevTools switches theme', () => {
    devtoolsTheme('light');
    const panel = panelDocument('', false);
    followTheme(panel.doc);
    expect(panel.painted()).toBe('light');
    panels.themeName = 'dark';
    for (const l of listeners) l();
    expect(panel.painted()).toBe('dark');
  });
});
