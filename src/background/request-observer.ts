// The inspected tabs' requests as webRequest reports them, reduced to one CompletedRequest per
// hop: the request's Cookie header (onSendHeaders), the response's status, Set-Cookie lines and
// X-Sessionlens-Record (onHeadersReceived), emitted when the hop ends (onBeforeRedirect or
// onCompleted). Observation only: nothing is blocked or changed. The DevTools network API would
// give the same in the DevTools panel only; this way the panel opened as a page sees it too.
import { COMPANION_RECORD_HEADER } from '../core/companion';
import type { CompletedRequest } from '../messaging/protocol';
import type { HttpHeader, RequestDetails } from '../platform/index';

/**
 * Navigations, form posts, fetch/XHR and beacons: what can change a session. Images, scripts and
 * stylesheets can too, but a page loads dozens of them; a site that writes the session from an
 * image is rare enough to leave out of the timeline's noise.
 */
const OBSERVED_TYPES = new Set(['main_frame', 'sub_frame', 'xmlhttprequest', 'ping', 'beacon', 'other']);

/** Hops whose end never arrives (a tab closed mid-request) must not pile up. */
const MAX_OPEN_HOPS = 500;

interface Hop {
  tabId: number;
  method: string;
  url: string;
  type: string;
  cookie: string | null;
  status: number | null;
  time: number;
  record: string | null;
  setCookies: string[];
}

const headerValues = (headers: HttpHeader[] | undefined, name: string): string[] =>
  (headers ?? []).flatMap((h) => (h.name.toLowerCase() === name && h.value !== undefined ? [h.value] : []));

export interface RequestObserver {
  sendHeaders(details: RequestDetails): void;
  headersReceived(details: RequestDetails): void;
  ended(details: RequestDetails): void;
  failed(details: RequestDetails): void;
}

/** `now`: unix seconds (the background's clock; the core has none). */
export function createRequestObserver(
  emit: (request: CompletedRequest) => void,
  now: () => number,
): RequestObserver {
  const hops = new Map<string, Hop>();
  return {
    sendHeaders(d) {
      if (d.tabId < 0 || !OBSERVED_TYPES.has(d.type)) return;
      if (hops.size >= MAX_OPEN_HOPS) hops.delete(hops.keys().next().value as string);
      const [cookie = null] = headerValues(d.requestHeaders, 'cookie');
      hops.set(d.requestId, {
        tabId: d.tabId,
        method: d.method,
        url: d.url,
        type: d.type,
        cookie,
        status: null,
        time: now(),
        record: null,
        setCookies: [],
      });
    },
    headersReceived(d) {
      const hop = hops.get(d.requestId);
      if (hop === undefined) return;
      hop.status = d.statusCode ?? null;
      hop.time = now();
      hop.record = headerValues(d.responseHeaders, COMPANION_RECORD_HEADER.toLowerCase())[0] ?? null;
      // Firefox joins several Set-Cookie headers into one value, a line each; Chrome lists them apart.
      hop.setCookies = headerValues(d.responseHeaders, 'set-cookie').flatMap((v) =>
        v.split('\n').filter((line) => line.trim() !== ''),
      );
    },
    ended(d) {
      const hop = hops.get(d.requestId);
      if (hop === undefined || hop.status === null) return;
      hops.delete(d.requestId);
      const { status, ...rest } = hop;
      emit({ ...rest, requestId: d.requestId, status });
    },
    failed(d) {
      hops.delete(d.requestId);
    },
  };
}
