import type { BrowserName, PageOps, Panel } from './panel';

/** The inspected site's tab: navigated and typed into like a user would. */
export interface SitePage extends PageOps {
  /** Navigates to an absolute URL and resolves once the document has loaded. */
  goto(url: string): Promise<void>;
  /** Submits the form containing `selector` by clicking it and waits for the next document. */
  clickAndWaitForNavigation(selector: string): Promise<void>;
}

/** One browser with the extension loaded, the demo site in one tab and the panel beside it. */
export interface BrowserSession {
  browser: BrowserName;
  site: SitePage;
  panel: Panel;
  /** Every alert/confirm/prompt any page raised: the hostile-cookie story wants none. */
  dialogs: string[];
  close(): Promise<void>;
}
