import type { CookieInfo, DecodeReport } from '../core/index';
import type { CompanionState } from './session/companion-state';

/** What the session cookie's report amounts to, in a word or two (title, status line). */
export function sessionVerdict(
  cookieName: string,
  cookie: CookieInfo | null,
  report: DecodeReport | null,
): string {
  if (cookie === null) return `no ${cookieName}`;
  if (report === null) return `${cookieName} present`;
  // A db/cache/file session: the cookie is only the key; the data lives on the server.
  if (report.format === 'session-key') return `${cookieName} server-side key`;
  if (report.verified === true) return `${cookieName} verified`;
  if (report.verified === false)
    return `${cookieName} ${report.code === 'signature-expired' ? 'expired' : 'not verified'}`;
  if (report.code === null) return `${cookieName} decoded, no key`;
  return `${cookieName} unreadable`;
}

/**
 * document.title mirrors the panel's state: a Firefox toolbox test can read a panel's
 * contentTitle but not its DOM. E.g. "Django session — 4 cookies — sessionid verified — companion ok".
 */
export function panelTitle(cookieCount: number | null, verdict: string, companion: CompanionState): string {
  const companionText = companion.status === 'idle' ? null : `companion ${companion.status}`;
  // null: the site's cookies cannot be read until it is allowed, so nothing is said of its session.
  const cookies =
    cookieCount === null
      ? ['cookies not readable until the site is allowed']
      : [`${cookieCount} cookie${cookieCount === 1 ? '' : 's'}`, verdict];
  return ['Django session', ...cookies, companionText].filter((part) => part !== null).join(' — ');
}
