import { defineManifest } from '@crxjs/vite-plugin';
import pkg from './package.json' with { type: 'json' };
import { LOCAL_HOST_PERMISSIONS } from './src/platform/local-hosts';

// One manifest source for both browsers. They differ in two places only: Firefox runs the
// background as an event page (`background.scripts`, which crxjs's `browser: 'firefox'` mode
// expects) rather than a service worker, and it needs the gecko block.
export const GECKO_ID = 'sessionlens@sessionlens.dev';

const BACKGROUND = 'src/background/index.ts';

export type Target = 'chrome' | 'firefox';

export function manifestFor(target: Target) {
  // Chrome only (Firefox has strict_min_version): 119 is the first Chrome whose cookies API
  // returns partitioned (CHIPS) cookies, which the Cookies tab lists.
  const chrome = target === 'chrome' ? { minimum_chrome_version: '119' } : {};
  // A plain string, the form Firefox's schema requires; Chrome does not type-check the key
  // (crxjs's type says { email }, the Web Store's form, hence the spread below).
  const author = { author: pkg.author };
  const firefox =
    target === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              // 140 is the first release accepting data_collection_permissions on desktop,
              // 142 on Android; declaring the key with a lower minimum makes web-ext lint warn.
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none' as const] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {};
  return defineManifest({
    manifest_version: 3,
    name: 'Sessionlens',
    version: pkg.version,
    description: pkg.description,
    homepage_url: pkg.homepage,
    icons: {
      16: 'icons/icon-16.png',
      32: 'icons/icon-32.png',
      48: 'icons/icon-48.png',
      128: 'icons/icon-128.png',
    },
    devtools_page: 'src/devtools/devtools.html',
    background:
      target === 'firefox'
        ? { scripts: [BACKGROUND], type: 'module' }
        : { service_worker: BACKGROUND, type: 'module' },
    // Least privilege: local development hosts are granted at install; any other site is asked
    // for from the panel, one origin at a time, by an explicit click. webRequest only observes
    // (the timeline), within those host permissions; nothing is blocked or rewritten.
    permissions: ['cookies', 'storage', 'webRequest'],
    host_permissions: LOCAL_HOST_PERMISSIONS,
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    ...chrome,
    ...(author as object),
    ...(firefox as object),
  });
}
