// The only module that touches the extension API: everything browser-specific lives here.
// webextension-polyfill's types describe it; its runtime is not loaded (it gets no further
// updates, and it was 2.7 KiB gzip of the panel's first load).
import type { Browser, Cookies, Runtime, Tabs, WebRequest } from 'webextension-polyfill';
import type { CookieInfo } from '../core/cookies/index';

/**
 * The browser's own namespace: Firefox's `browser`, or Chromium's `chrome` (also named `browser`
 * since Chrome 148, 152 with a devtools page), whose MV3 APIs answer with a promise when called
 * without a callback, since Chrome 99 for everything used here but the devtools functions, which
 * answer by callback until Chrome 151 (see `devtools`). Messaging differs too (see `onMessage`).
 */
const native = globalThis as unknown as { browser?: Browser; chrome: Browser };
const browser: Browser = native.browser ?? native.chrome;

export type BrowserCookie = Cookies.Cookie;
export type CookieChange = Cookies.OnChangedChangeInfoType;
export type MessageSender = Runtime.MessageSender;
export type Tab = Tabs.Tab;
export type HttpHeader = WebRequest.HttpHeadersItemType;

/** The fields of webRequest's event details the request observer reads. */
export interface RequestDetails {
  requestId: string;
  tabId: number;
  url: string;
  method: string;
  type: string;
  statusCode?: number;
  requestHeaders?: HttpHeader[];
  responseHeaders?: HttpHeader[];
}

/**
 * Observes every http(s) request the extension may see (its host permissions bound that), without
 * blocking any. Chrome shows the Cookie and Set-Cookie headers only with `extraHeaders`; Firefox
 * shows them anyway and has no such option.
 */
export function observeRequests(handlers: {
  sendHeaders: (d: RequestDetails) => void;
  headersReceived: (d: RequestDetails) => void;
  ended: (d: RequestDetails) => void;
  failed: (d: RequestDetails) => void;
}): void {
  const filter: WebRequest.RequestFilter = { urls: ['http://*/*', 'https://*/*'] };
  const extra = isFirefox() ? [] : ['extraHeaders'];
  const { webRequest } = browser;
  webRequest.onSendHeaders.addListener(handlers.sendHeaders, filter, [
    'requestHeaders',
    ...extra,
  ] as WebRequest.OnSendHeadersOptions[]);
  webRequest.onHeadersReceived.addListener(handlers.headersReceived, filter, [
    'responseHeaders',
    ...extra,
  ] as WebRequest.OnHeadersReceivedOptions[]);
  webRequest.onBeforeRedirect.addListener(handlers.ended, filter);
  webRequest.onCompleted.addListener(handlers.ended, filter);
  webRequest.onErrorOccurred.addListener(handlers.failed, filter);
}

/** Firefox answers moz-extension: URLs; its cookies API takes `firstPartyDomain` and `partitionKey: {}`. */
export function isFirefox(): boolean {
  return browser.runtime.getURL('/').startsWith('moz-extension:');
}

/**
 * Same site, without a public-suffix list: same scheme and one host equal to, or a subdomain of,
 * the other. Chrome reports a partition's topLevelSite as the registrable site
 * (`https://example.com` for https://app.example.com:8443); Firefox may keep the port.
 */
function sameTopLevelSite(topLevelSite: string, pageUrl: string): boolean {
  try {
    const a = new URL(topLevelSite);
    const b = new URL(pageUrl);
    if (a.protocol !== b.protocol) return false;
    return a.hostname === b.hostname || b.hostname.endsWith(`.${a.hostname}`);
  } catch {
    return false;
  }
}

/**
 * Every cookie the browser would send to `url` loaded as the top-level page, HttpOnly and
 * partitioned (CHIPS) ones included, and the host's own cookies it would not send (another Path,
 * Secure on plain http): getAll({url}) answers only what is sent, so a sessionid at Path=/admin/
 * was invisible and the panel said the site had none; the diagnosis says why it is not sent.
 * `partitionKey: {}` asks both browsers for every partition (measured in Chromium 156: without it
 * only unpartitioned cookies come back); partitions keyed to another top-level site (this URL
 * embedded elsewhere) are then dropped. Firefox throws without `firstPartyDomain: null` when
 * first-party isolation is on; Chrome rejects that key.
 */
export async function getCookiesForUrl(url: string): Promise<BrowserCookie[]> {
  const hostname = new URL(url).hostname;
  const lists = await Promise.all([
    ...loopbackVariants(url).map((u) => queryCookies({ url: u })),
    // `domain` also answers the subdomains' cookies: only the host's own are the page's.
    queryCookies({ domain: hostname }).then((cookies) =>
      cookies.filter((c) => c.domain.replace(/^\./, '') === hostname),
    ),
  ]);
  const seen = new Set<string>();
  return lists.flat().filter((c) => {
    const id = [c.storeId, c.name, c.domain, c.path, c.partitionKey?.topLevelSite ?? ''].join('\u0000');
    if (seen.has(id)) return false;
    seen.add(id);
    return !c.partitionKey?.topLevelSite || sameTopLevelSite(c.partitionKey.topLevelSite, url);
  });
}

async function queryCookies(filter: { url: string } | { domain: string }): Promise<BrowserCookie[]> {
  const details: Cookies.GetAllDetailsType = { ...filter, partitionKey: {} };
  if (isFirefox()) details.firstPartyDomain = null;
  return browser.cookies.getAll(details);
}

/** Loopback hosts: a secure context over plain http, where pages may set and read Secure cookies. */
function isLoopback(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    /^127(?:\.\d{1,3}){3}$/.test(hostname) ||
    hostname === '[::1]'
  );
}

/**
 * The URLs whose cookies the page at `url` receives. A loopback http page also gets its Secure
 * cookies (its script reads them in document.cookie), but Firefox's cookies.getAll filters
 * Secure cookies out of an http URL (measured in Firefox ESR 140 on http://127.0.0.1: a
 * `Secure; Partitioned` cookie came back only for the https:// form), so ask for both.
 */
function loopbackVariants(url: string): string[] {
  const u = new URL(url);
  if (u.protocol !== 'http:' || !isLoopback(u.hostname)) return [url];
  u.protocol = 'https:';
  return [url, u.href];
}

export async function removeCookie(
  url: string,
  name: string,
  partitionKey: { topLevelSite?: string } | null,
): Promise<boolean> {
  const details: Cookies.RemoveDetailsType = { url, name };
  if (partitionKey) details.partitionKey = partitionKey;
  if (isFirefox()) details.firstPartyDomain = '';
  return (await browser.cookies.remove(details)) !== null;
}

/**
 * Writes `cookie` back as the browser held it: host-only cookies get no domain (a domain makes a
 * domain cookie), browser-session cookies no expirationDate, a partitioned one its partition.
 */
export async function setCookie(url: string, cookie: CookieInfo): Promise<BrowserCookie> {
  const details: Cookies.SetDetailsType = {
    url,
    name: cookie.name,
    value: cookie.value,
    path: cookie.path,
    secure: cookie.secure,
    httpOnly: cookie.httpOnly,
    sameSite: cookie.sameSite,
  };
  if (!cookie.hostOnly) details.domain = cookie.domain;
  if (!cookie.session && cookie.expirationDate !== undefined) details.expirationDate = cookie.expirationDate;
  if (cookie.partitionKey?.topLevelSite)
    details.partitionKey = { topLevelSite: cookie.partitionKey.topLevelSite };
  return browser.cookies.set(details);
}

export function onCookiesChanged(listener: (change: CookieChange) => void): void {
  browser.cookies.onChanged.addListener(listener);
}

/** The match pattern that grants one origin: `https://example.com/*` (ports are not allowed in patterns). */
export function originPattern(origin: string): string {
  const u = new URL(origin);
  return `${u.protocol}//${u.hostname}/*`;
}

export function hasOriginPermission(origin: string): Promise<boolean> {
  return browser.permissions.contains({ origins: [originPattern(origin)] });
}

/** False in Firefox DevTools panels, which get only the content-script subset of APIs. */
export function canRequestPermissions(): boolean {
  return typeof (browser as Partial<typeof browser>).permissions?.request === 'function';
}

/** Must run inside a user gesture (the click on "Allow Sessionlens on …"). */
export function requestOriginPermission(origin: string): Promise<boolean> {
  return browser.permissions.request({ origins: [originPattern(origin)] });
}

export function onPermissionsChanged(listener: () => void): void {
  browser.permissions.onAdded.addListener(listener);
  browser.permissions.onRemoved.addListener(listener);
}

export type StorageArea = 'session' | 'local';

export async function storageGet<T>(area: StorageArea, key: string): Promise<T | undefined> {
  const got = await browser.storage[area].get(key);
  return got[key] as T | undefined;
}

export function storageSet(area: StorageArea, key: string, value: unknown): Promise<void> {
  return browser.storage[area].set({ [key]: value });
}

export function storageRemove(area: StorageArea, key: string): Promise<void> {
  return browser.storage[area].remove(key);
}

export function sendMessage(message: unknown): Promise<unknown> {
  return browser.runtime.sendMessage(message);
}

/**
 * A listener returning a promise answers the sender with what it resolves to (undefined if it
 * rejects); one returning undefined leaves the message to other listeners. Chromium ignores a returned
 * promise, so the answer goes through `sendResponse`, the channel held open by returning true,
 * which Firefox accepts too. Returns the function that removes the listener.
 */
export function onMessage(
  listener: (message: unknown, sender: MessageSender) => Promise<unknown> | undefined,
): () => void {
  const answering = (message: unknown, sender: MessageSender, sendResponse: (response: unknown) => void) => {
    const answer = listener(message, sender);
    if (answer === undefined) return undefined;
    // A rejection answers undefined (the sender's no-receiver), not silence until the channel closes.
    answer.then(sendResponse, () => sendResponse(undefined));
    return true;
  };
  const { onMessage } = browser.runtime;
  onMessage.addListener(answering as Runtime.OnMessageListener);
  return () => onMessage.removeListener(answering as Runtime.OnMessageListener);
}

export function getTab(tabId: number): Promise<Tab> {
  return browser.tabs.get(tabId);
}

export async function openTab(url: string): Promise<void> {
  await browser.tabs.create({ url });
}

export function onTabUpdated(listener: (tabId: number, url: string) => void): void {
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.url !== undefined || change.status === 'complete') listener(tabId, change.url ?? '');
  });
}

/**
 * Present only in devtools pages (the devtools page and the panel opened by it). Chromium's
 * devtools functions answer by callback (by promise only since Chrome 151 and 152, above the
 * manifest's minimum_chrome_version): only `inspectedLocation` reads an answer.
 */
export function devtools(): typeof browser.devtools | undefined {
  return (browser as Partial<typeof browser>).devtools;
}

/**
 * The inspected page's URL, read in the page itself. tabs.get hides a tab's URL unless the
 * extension holds a host permission for it (or the `tabs` permission, which we do not ask for),
 * so for a site not yet allowed this is the only way to learn which origin to offer.
 * null outside DevTools or when the page refuses evaluation (chrome://, about:).
 */
export async function inspectedLocation(): Promise<string | null> {
  const inspected = devtools()?.inspectedWindow;
  if (!inspected) return null;
  try {
    // Firefox answers [result, exceptionInfo] by promise, Chromium (result, exceptionInfo) by callback.
    const chromium = inspected as unknown as typeof chrome.devtools.inspectedWindow;
    const href: unknown = isFirefox()
      ? (await inspected.eval('location.href'))[0]
      : await new Promise((resolve) => chromium.eval('location.href', (...[result]) => resolve(result)));
    return typeof href === 'string' ? href : null;
  } catch {
    return null;
  }
}

export function extensionUrl(path: string): string {
  return browser.runtime.getURL(path);
}
