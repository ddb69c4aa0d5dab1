// An in-memory stand-in for the browser's extension namespace, for unit tests only
// (test/unit/setup.ts installs it as the global `browser`, which src/platform reads). It keeps
// the behaviours the extension depends on: cookie URL matching (domain, path, Secure), Chrome's
// partitionKey rules, storage areas that are really separate, and Chrome's messaging: a listener
// answers only through sendResponse (a returned promise is ignored), by returning true to answer
// later, and sendMessage rejects when no listener answers.
import type { Cookies } from 'webextension-polyfill';
import type { RequestDetails as RequestEvent } from '../../src/platform/index';
import { LOCAL_HOST_PERMISSIONS } from '../../src/platform/local-hosts';

type Listener<A extends unknown[]> = (...args: A) => unknown;

class FakeEvent<A extends unknown[]> {
  readonly listeners = new Set<Listener<A>>();
  addListener(l: Listener<A>): void {
    this.listeners.add(l);
  }
  removeListener(l: Listener<A>): void {
    this.listeners.delete(l);
  }
  hasListener(l: Listener<A>): boolean {
    return this.listeners.has(l);
  }
  emit(...args: A): unknown[] {
    return [...this.listeners].map((l) => l(...args));
  }
}

type StoredCookie = Cookies.Cookie;

function domainMatches(cookie: StoredCookie, host: string): boolean {
  const domain = cookie.domain.replace(/^\./, '');
  if (cookie.hostOnly) return host === domain;
  return host === domain || host.endsWith(`.${domain}`);
}

// RFC 6265 §5.1.4 path-match.
function pathMatches(cookiePath: string, requestPath: string): boolean {
  if (cookiePath === requestPath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/';
}

/** Chrome reads a topLevelSite given as an origin as its site (no port; no public-suffix list here). */
function site(origin: string): string {
  const u = new URL(origin);
  return `${u.protocol}//${u.hostname}`;
}

/** Loopback pages are a secure context: browsers send Secure cookies to them over plain http. */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function sendsTo(cookie: StoredCookie, url: URL): boolean {
  return (
    domainMatches(cookie, url.hostname) &&
    pathMatches(cookie.path, url.pathname) &&
    (!cookie.secure || url.protocol === 'https:' || LOOPBACK.has(url.hostname))
  );
}

/**
 * cookies.getAll's `url` filter, measured: Chrome answers a loopback http URL with its Secure
 * cookies too; Firefox ESR 140 leaves every Secure cookie out of an http URL.
 */
function getAllMatches(cookie: StoredCookie, url: URL): boolean {
  if (state.firefox && cookie.secure && url.protocol !== 'https:') return false;
  return sendsTo(cookie, url);
}

/**
 * Chrome, measured: the cookies API hides a cookie unless the extension holds the host permission
 * of the cookie's own URL, which is https://<domain>/ for a Secure cookie whatever page set it.
 */
function hostPermitted(cookie: StoredCookie): boolean {
  const scheme = cookie.secure ? 'https' : 'http';
  const host = cookie.domain.replace(/^\./, '');
  return state.granted.has(`${scheme}://${host}/*`) || state.granted.has(`${scheme}://*/*`);
}

const state = {
  firefox: false,
  cookies: [] as StoredCookie[],
  granted: new Set<string>(),
  /** What permissions.request answers (a user clicking Allow or Deny). */
  userGrants: true,
  session: new Map<string, unknown>(),
  local: new Map<string, unknown>(),
  tabs: new Map<number, { id: number; url: string }>(),
  created: [] as string[],
};

const events = {
  message: new FakeEvent<[unknown, { id: string }, (response: unknown) => void]>(),
  cookieChanged: new FakeEvent<[Cookies.OnChangedChangeInfoType]>(),
  permAdded: new FakeEvent<[unknown]>(),
  permRemoved: new FakeEvent<[unknown]>(),
  tabUpdated: new FakeEvent<[number, { url?: string; status?: string }, unknown]>(),
  sendHeaders: new FakeEvent<[RequestEvent]>(),
  headersReceived: new FakeEvent<[RequestEvent]>(),
  beforeRedirect: new FakeEvent<[RequestEvent]>(),
  completed: new FakeEvent<[RequestEvent]>(),
  errorOccurred: new FakeEvent<[RequestEvent]>(),
};

let nextRequestId = 1;

const sameCookie = (
  a: StoredCookie,
  b: { name: string; domain: string; path: string; partitionKey?: unknown },
) =>
  a.name === b.name &&
  a.domain === b.domain &&
  a.path === b.path &&
  (a.partitionKey?.topLevelSite ?? null) ===
    ((b.partitionKey as { topLevelSite?: string } | undefined)?.topLevelSite ?? null);

function storageArea(map: Map<string, unknown>) {
  return {
    async get(key: string | string[] | null) {
      const keys = key === null ? [...map.keys()] : Array.isArray(key) ? key : [key];
      const out: Record<string, unknown> = {};
      for (const k of keys) if (map.has(k)) out[k] = structuredClone(map.get(k));
      return out;
    },
    async set(items: Record<string, unknown>) {
      for (const [k, v] of Object.entries(items)) map.set(k, structuredClone(v));
    },
    async remove(key: string | string[]) {
      for (const k of Array.isArray(key) ? key : [key]) map.delete(k);
    },
    async clear() {
      map.clear();
    },
  };
}

const browser = {
  runtime: {
    id: 'fake-extension-id',
    getURL: (path: string) =>
      `${state.firefox ? 'moz-extension' : 'chrome-extension'}://fake-extension-id/${path.replace(/^\//, '')}`,
    sendMessage(message: unknown): Promise<unknown> {
      return new Promise((resolve, reject) => {
        let answered = false;
        const sendResponse = (response: unknown) => {
          if (answered) return;
          answered = true;
          resolve(structuredClone(response));
        };
        const held = events.message
          .emit(structuredClone(message), { id: 'fake-extension-id' }, sendResponse)
          .includes(true);
        if (!held && !answered)
          reject(new Error('Could not establish connection. Receiving end does not exist.'));
      });
    },
    onMessage: events.message,
  },
  cookies: {
    async getAll(details: {
      url?: string;
      domain?: string;
      partitionKey?: { topLevelSite?: string };
      firstPartyDomain?: string | null;
    }) {
      if (!state.firefox && 'firstPartyDomain' in details) {
        throw new Error("Error in invocation of cookies.getAll: Unexpected property: 'firstPartyDomain'.");
      }
      const url = details.url ? new URL(details.url) : null;
      return structuredClone(
        state.cookies.filter((c) => {
          if (!hostPermitted(c)) return false;
          if (url && !getAllMatches(c, url)) return false;
          // Both browsers: the domain given and its subdomains, at every path and scheme.
          const own = c.domain.replace(/^\./, '');
          if (details.domain !== undefined && own !== details.domain && !own.endsWith(`.${details.domain}`))
            return false;
          // Chrome, measured: a query naming a topLevelSite answers only that partition's cookies.
          if (!c.partitionKey) return details.partitionKey?.topLevelSite === undefined;
          if (!details.partitionKey) return false;
          // Both browsers: `partitionKey: {}` means every partition.
          if (details.partitionKey.topLevelSite === undefined) return true;
          return c.partitionKey.topLevelSite === site(details.partitionKey.topLevelSite);
        }),
      );
    },
    async remove(details: { url: string; name: string; partitionKey?: { topLevelSite?: string } }) {
      const url = new URL(details.url);
      const victim = state.cookies.find(
        (c) =>
          c.name === details.name &&
          sendsTo(c, url) &&
          (c.partitionKey?.topLevelSite ?? null) === (details.partitionKey?.topLevelSite ?? null),
      );
      if (!victim) return null;
      state.cookies = state.cookies.filter((c) => c !== victim);
      events.cookieChanged.emit({ removed: true, cookie: victim, cause: 'explicit' });
      return { url: details.url, name: details.name, storeId: victim.storeId };
    },
    /** Both browsers: a domain makes a domain cookie (stored with a leading dot), none a host-only one. */
    async set(details: Cookies.SetDetailsType) {
      if (!state.firefox && 'firstPartyDomain' in details) {
        throw new Error("Error in invocation of cookies.set: Unexpected property: 'firstPartyDomain'.");
      }
      const url = new URL(details.url);
      const cookie: StoredCookie = {
        name: details.name ?? '',
        value: details.value ?? '',
        domain: details.domain ? `.${details.domain.replace(/^\./, '')}` : url.hostname,
        hostOnly: !details.domain,
        path: details.path ?? '/',
        secure: details.secure ?? false,
        httpOnly: details.httpOnly ?? false,
        sameSite: details.sameSite ?? 'unspecified',
        session: details.expirationDate === undefined,
        storeId: '0',
        firstPartyDomain: '',
      };
      if (details.expirationDate !== undefined) cookie.expirationDate = details.expirationDate;
      if (details.partitionKey) cookie.partitionKey = details.partitionKey;
      return fake.setCookie(cookie);
    },
    onChanged: events.cookieChanged,
  },
  permissions: {
    async contains({ origins = [] }: { origins?: string[] }) {
      return origins.every((o) => state.granted.has(o));
    },
    async request({ origins = [] }: { origins?: string[] }) {
      if (!state.userGrants) return false;
      for (const o of origins) state.granted.add(o);
      events.permAdded.emit({ origins });
      return true;
    },
    onAdded: events.permAdded,
    onRemoved: events.permRemoved,
  },
  storage: { session: storageArea(state.session), local: storageArea(state.local) },
  tabs: {
    async get(tabId: number) {
      const tab = state.tabs.get(tabId);
      if (!tab) throw new Error(`No tab with id: ${tabId}.`);
      return { ...tab };
    },
    async create({ url }: { url: string }) {
      state.created.push(url);
      return { id: 999, url };
    },
    onUpdated: events.tabUpdated,
  },
  webRequest: {
    onSendHeaders: events.sendHeaders,
    onHeadersReceived: events.headersReceived,
    onBeforeRedirect: events.beforeRedirect,
    onCompleted: events.completed,
    onErrorOccurred: events.errorOccurred,
  },
};

/** Test controls: arrange cookies, tabs and grants; inspect what was stored. */
export const fake = {
  state,
  events,
  reset(): void {
    state.firefox = false;
    state.cookies = [];
    state.granted.clear();
    // The manifest's host_permissions, granted at install.
    for (const p of LOCAL_HOST_PERMISSIONS) state.granted.add(p);
    state.userGrants = true;
    state.session.clear();
    state.local.clear();
    state.tabs.clear();
    state.created = [];
    for (const e of Object.values(events)) e.listeners.clear();
  },
  setCookie(cookie: Partial<StoredCookie> & { name: string; value: string; domain: string }): StoredCookie {
    const full: StoredCookie = {
      path: '/',
      hostOnly: !cookie.domain.startsWith('.'),
      secure: false,
      httpOnly: false,
      sameSite: 'lax',
      session: cookie.expirationDate === undefined,
      storeId: '0',
      firstPartyDomain: '',
      ...cookie,
    };
    state.cookies = state.cookies.filter((c) => !sameCookie(c, full));
    state.cookies.push(full);
    events.cookieChanged.emit({ removed: false, cookie: full, cause: 'explicit' });
    return full;
  },
  /** One request of a tab as webRequest reports it: headers sent, headers received, completed. */
  request(r: {
    tabId: number;
    url: string;
    method?: string;
    status?: number;
    type?: string;
    cookie?: string;
    setCookies?: string[];
    record?: string;
  }): void {
    const base = {
      requestId: String(nextRequestId++),
      tabId: r.tabId,
      url: r.url,
      method: r.method ?? 'GET',
      type: r.type ?? 'main_frame',
    };
    events.sendHeaders.emit({
      ...base,
      requestHeaders: r.cookie === undefined ? [] : [{ name: 'Cookie', value: r.cookie }],
    });
    events.headersReceived.emit({
      ...base,
      statusCode: r.status ?? 200,
      responseHeaders: [
        ...(r.setCookies ?? []).map((value) => ({ name: 'Set-Cookie', value })),
        ...(r.record === undefined ? [] : [{ name: 'X-Sessionlens-Record', value: r.record }]),
      ],
    });
    events.completed.emit({ ...base, statusCode: r.status ?? 200 });
  },
};

export default browser;
