import { useCallback, useEffect, useState } from 'preact/hooks';
import { request } from '../../messaging/request';
import { devtools, inspectedLocation } from '../../platform/index';
import { useBroadcast } from './broadcasts';

export interface InspectedSite {
  tabId: number | null;
  url: string | null;
  /** null for pages Sessionlens cannot inspect (chrome://, about:, file:). */
  origin: string | null;
  error: string | null;
}

/** The panel's tab: `?tabId=N` when opened as a page (tests), else the DevTools-inspected tab. */
function inspectedTabId(search: string): number | null {
  const fromQuery = new URLSearchParams(search).get('tabId');
  if (fromQuery !== null && /^\d+$/.test(fromQuery)) return Number(fromQuery);
  return devtools()?.inspectedWindow.tabId ?? null;
}

function httpOrigin(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}

export function useInspectedSite(search: string = location.search): InspectedSite {
  const [tabId] = useState(() => inspectedTabId(search));
  const [site, setSite] = useState<InspectedSite>({ tabId, url: null, origin: null, error: null });

  const show = useCallback(
    (url: string) =>
      setSite((old) =>
        old.url === url && old.error === null ? old : { tabId, url, origin: httpOrigin(url), error: null },
      ),
    [tabId],
  );

  const refresh = useCallback(async () => {
    if (tabId === null) {
      setSite({ tabId, url: null, origin: null, error: 'No inspected tab: open this panel from DevTools.' });
      return;
    }
    // In DevTools, ask the page: it works before the site is allowed (tabs.get hides the URL then).
    const fromPage = await inspectedLocation();
    if (fromPage !== null) {
      show(fromPage);
      return;
    }
    const res = await request('inspectedTab', { tabId });
    if (!res.ok) setSite({ tabId, url: null, origin: null, error: res.message });
    else if (res.value.url === '') {
      setSite({
        tabId,
        url: null,
        origin: null,
        error:
          "The browser hides this tab's address from Sessionlens: open the panel from DevTools on that tab.",
      });
    } else show(res.value.url);
  }, [tabId, show]);

  useEffect(() => {
    void refresh();
    const network = devtools()?.network;
    if (!network) return undefined;
    const onNavigated = (url: string) => show(url);
    network.onNavigated.addListener(onNavigated);
    return () => network.onNavigated.removeListener(onNavigated);
  }, [refresh, show]);

  useBroadcast((message) => {
    if (message.broadcast === 'tabUpdated' && message.tabId === tabId) void refresh();
  });

  return site;
}
