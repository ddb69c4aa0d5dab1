import { fileURLToPath } from 'node:url';

export { PYTHON } from '../../python';

// Every path the suite touches, from the repository root, so a test can run from any cwd.
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const DIST_CHROME = `${ROOT}dist/chrome`;
export const DIST_FIREFOX = `${ROOT}dist/firefox`;
export const SCREENSHOTS = `${ROOT}artifacts/screenshots`;
export const MANAGE_PY = `${ROOT}demo/manage.py`;
export const CHROMIUM = '/usr/lib/chromium/chromium';
export const FIREFOX = '/usr/lib/firefox-esr/firefox-esr';
/** The panel page inside either build (crxjs keeps the source path). */
export const PANEL_PATH = 'src/panel/index.html';

/**
 * Chromium flags, measured: without the background-networking ones Chromium floods a closed
 * network with refused connections.
 */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
