import { devtools } from '../../platform/index';

type Theme = 'light' | 'dark';

/** `?theme=` (screenshots, tests) wins, then the DevTools theme, then the OS preference. */
function resolveTheme(search: string, themeName: string | undefined, prefersDark: boolean): Theme {
  const asked = new URLSearchParams(search).get('theme');
  if (asked === 'dark' || asked === 'light') return asked;
  if (themeName === 'dark') return 'dark';
  // Chrome reports 'default' for its light theme, Firefox 'light'.
  if (themeName === 'default' || themeName === 'light') return 'light';
  return prefersDark ? 'dark' : 'light';
}

function applyTheme(doc: Document): void {
  const themeName = devtools()?.panels?.themeName;
  const prefersDark = doc.defaultView?.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
  doc.documentElement.dataset.theme = resolveTheme(doc.location.search, themeName, prefersDark);
}

/** Firefox tells panels when the DevTools theme changes; where that event is missing, load time decides. */
export function followTheme(doc: Document = document): void {
  applyTheme(doc);
  devtools()?.panels?.onThemeChanged?.addListener(() => applyTheme(doc));
}
