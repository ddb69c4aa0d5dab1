import { devtools } from '../../platform/index';

export type Theme = 'light' | 'dark';

/** `?theme=` (screenshots, tests) wins, then the DevTools theme, then the OS preference. */
export function resolveTheme(search: string, themeName: string | undefined, prefersDark: boolean): Theme {
  const asked = new URLSearchParams(search).get('theme');
  if (asked === 'dark' || asked === 'light') return asked;
  if (themeName === 'dark') return 'dark';
  // Chrome reports 'default' for its light theme, Firefox 'light'.
  if (themeName === 'default' || themeName === 'light') return 'light';
  return prefersDark ? 'dark' : 'light';
}

export function applyTheme(doc: Document = document): Theme {
  const themeName = devtools()?.panels?.themeName;
  const prefersDark = doc.defaultView?.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
  const theme = resolveTheme(doc.location.search, themeName, prefersDark);
  doc.documentElement.dataset.theme = theme;
  return theme;
}

/** Firefox tells panels when the DevTools theme changes; where that event is missing, load time decides. */
export function followTheme(doc: Document = document): void {
  applyTheme(doc);
  devtools()?.panels?.onThemeChanged?.addListener(() => applyTheme(doc));
}
