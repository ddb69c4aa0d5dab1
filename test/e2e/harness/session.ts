import type { BrowserName, PageOps, Panel } from './panel';

/** The inspected site's tab: navigated and typed into like a user would. */
export interface SitePage extends PageOps {
  /** Navigates to an absolute URL and resolves once the document has loaded. */
  goto(url: string): Promise<void>;
  /** Submits the form containing `selector` by clicking it and waits for the next document. */
  clickAndWaitForNavigation(selector: string): Promise<void>;
}

/** A request the browser sent, from any page, worker or the extension's service worker. */
export interface RecordedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | null;
}

/** The requests that carry `secret` anywhere (URL, body, a header), as typed or URL-encoded. */
export function requestsCarrying(requests: readonly RecordedRequest[], secret: string): RecordedRequest[] {
  const needles = [secret, encodeURIComponent(secret)];
  return requests.filter((r) =>
    needles.some(
      (k) =>
        r.url.includes(k) ||
        (r.body ?? '').includes(k) ||
        Object.values(r.headers).some((v) => v.includes(k)),
    ),
  );
}

/** One browser with the extension loaded, the demo site in one tab and the panel beside it. */
export interface BrowserSession {
  browser: BrowserName;
  site: SitePage;
  panel: Panel;
  /** Every alert/confirm/prompt any page raised: the hostile-cookie story wants none. */
  dialogs: string[];
  /**
   * Every request the browser sent since launch (Chromium: Playwright's context-wide network
   * events, which include the extension's service worker); null where the driver cannot see them.
   */
  requests: (() => Promise<RecordedRequest[]>) | null;
  close(): Promise<void>;
}
