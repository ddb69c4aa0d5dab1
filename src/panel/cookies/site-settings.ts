// The companion's answer as the Cookies tab's settings check reads it. Apart from rows.ts because
// the panel shell computes it: the tab (rows.ts and the core's settings check) loads on demand.
import type { SiteCookieSettings } from '../../core/index';

/**
 * The companion's answer reduced to what the settings check reads. Defensive about the names: a
 * protocol-1 companion has no `cookieName`/`messagesCookieName`, and SESSION_COOKIE_NAME then
 * says the same; without either the check would guess, so it is not run.
 */
export function siteCookieSettings(response: {
  settings?: SiteCookieSettings['settings'];
  cookieName?: unknown;
  messagesCookieName?: unknown;
}): SiteCookieSettings | null {
  const settings = response.settings ?? {};
  const named = response.cookieName ?? settings.SESSION_COOKIE_NAME;
  if (typeof named !== 'string') return null;
  const messages = response.messagesCookieName;
  return { settings, cookieName: named, messagesCookieName: typeof messages === 'string' ? messages : null };
}
