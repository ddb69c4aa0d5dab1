// The background is a router: validate, call the privileged API, return data. No Django logic.
import type { CookieInfo } from '../core/cookies/index';
import {
  isRequestType,
  PAYLOAD_CHECKS,
  type Payload,
  PROTOCOL_VERSION,
  type RequestType,
  type Response,
  type ResultOf,
} from '../messaging/protocol';
import {
  extensionUrl,
  getCookiesForUrl,
  getTab,
  hasOriginPermission,
  openTab,
  originPattern,
  removeCookie,
  setCookie,
} from '../platform/index';
import { fetchCompanion, fetchTimelineRecord, writeCompanion } from './companion-fetch';
import { toCookieInfo } from './cookie-info';

type Handlers = { [T in RequestType]: (payload: Payload<T>) => Promise<Response<ResultOf<T>>> };

const ok = <T>(value: T): Response<T> => ({ ok: true, value });

// The browser is the judge: manifest host_permissions (http://localhost, http://127.0.0.1) and
// origins granted later both answer permissions.contains. https://localhost is not in the manifest.
const permitted = (url: string): Promise<boolean> => hasOriginPermission(new URL(url).origin);

const noPermission = (url: string): Response<never> => ({
  ok: false,
  code: 'no-permission',
  message: `Sessionlens has no access to ${new URL(url).origin} yet: allow it from the panel.`,
});

export const handlers: Handlers = {
  async getCookies({ url }) {
    if (!(await permitted(url))) return noPermission(url);
    const cookies: CookieInfo[] = (await getCookiesForUrl(url)).map(toCookieInfo);
    return ok(cookies);
  },
  async removeCookie({ url, name, partitionKey }) {
    if (!(await permitted(url))) return noPermission(url);
    return ok({ removed: await removeCookie(url, name, partitionKey) });
  },
  async setCookie({ url, cookie }) {
    if (!(await permitted(url))) return noPermission(url);
    return ok(toCookieInfo(await setCookie(url, cookie)));
  },
  async fetchCompanion(payload) {
    if (!(await permitted(payload.origin))) return noPermission(payload.origin);
    return fetchCompanion(payload);
  },
  async writeCompanion(payload) {
    if (!(await permitted(payload.origin))) return noPermission(payload.origin);
    return writeCompanion(payload);
  },
  async fetchTimelineRecord(payload) {
    if (!(await permitted(payload.origin))) return noPermission(payload.origin);
    return fetchTimelineRecord(payload);
  },
  async permissionState({ origin }) {
    return ok({ pattern: originPattern(origin), granted: await permitted(origin) });
  },
  async inspectedTab({ tabId }) {
    return ok({ url: (await getTab(tabId)).url ?? '' });
  },
  async openGrantPage({ origin }) {
    await openTab(extensionUrl(`/src/panel/index.html?grant=${encodeURIComponent(origin)}`));
    return ok(null);
  },
};

/** Validates an incoming message and dispatches it. Every outcome is a Response, never a throw. */
export async function route(message: unknown): Promise<Response<unknown>> {
  if (typeof message !== 'object' || message === null) {
    return { ok: false, code: 'bad-request', message: 'Not a Sessionlens request.' };
  }
  const { sessionlens, type, payload } = message as {
    sessionlens?: unknown;
    type?: unknown;
    payload?: unknown;
  };
  if (sessionlens !== PROTOCOL_VERSION) {
    return {
      ok: false,
      code: 'version-mismatch',
      message: `Protocol ${String(sessionlens)} asked, ${PROTOCOL_VERSION} spoken: reload the DevTools window.`,
    };
  }
  if (!isRequestType(type))
    return { ok: false, code: 'bad-request', message: `Unknown request ${String(type)}.` };
  if (
    typeof payload !== 'object' ||
    payload === null ||
    !PAYLOAD_CHECKS[type](payload as Record<string, unknown>)
  ) {
    return { ok: false, code: 'bad-request', message: `Malformed ${type} payload.` };
  }
  try {
    const handler = handlers[type] as (p: unknown) => Promise<Response<unknown>>;
    return await handler(payload);
  } catch (error) {
    return {
      ok: false,
      code: 'browser-error',
      message: error instanceof Error ? error.message : String(error),
    };
  }
}
