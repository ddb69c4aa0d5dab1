import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { CookieInfo } from '../../core/index';
import { type MessagingErrorCode, request } from '../../messaging/index';
import { useBroadcast } from './broadcasts';

export interface CookiesState {
  cookies: CookieInfo[];
  loading: boolean;
  error: { code: MessagingErrorCode; message: string } | null;
  refresh: () => Promise<void>;
}

/** Does a cookie for `domain` (leading dot or not) go to `hostname`? Filters broadcasts cheaply. */
export function concerns(domain: string, hostname: string): boolean {
  const d = domain.replace(/^\./, '');
  return hostname === d || hostname.endsWith(`.${d}`);
}

/**
 * Live cookies for the inspected URL: refetched on `cookiesChanged` for its host and on navigation.
 * One getCookies at a time: changes that arrive while one is on its way ask for one more after it,
 * and `refresh()` resolves once the list is newer than the call. WHY: a page setting 178 cookies at
 * once sent 178 overlapping requests (`make bench`'s first show of the Cookies tab took 170–1000 ms,
 * 80–150 since), and an older answer arriving last would have left the list stale until the next
 * change.
 */
export function useCookies(url: string | null): CookiesState {
  const [cookies, setCookies] = useState<CookieInfo[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<CookiesState['error']>(null);
  const fetching = useRef<{ url: string; done: Promise<void>; again: boolean } | null>(null);

  const refresh = useCallback(async () => {
    if (url === null) {
      fetching.current = null;
      setCookies([]);
      return;
    }
    const current = fetching.current;
    if (current !== null && current.url === url) {
      current.again = true;
      return current.done;
    }
    const run = { url, done: Promise.resolve(), again: true };
    fetching.current = run;
    run.done = (async () => {
      setLoading(true);
      try {
        while (run.again) {
          run.again = false;
          const res = await request('getCookies', { url });
          // Another URL's fetch took over (a navigation): its answers, not this one's, are shown.
          if (fetching.current !== run) return;
          if (res.ok) {
            setCookies(res.value);
            setError(null);
          } else {
            setCookies([]);
            setError({ code: res.code, message: res.message });
          }
        }
      } finally {
        if (fetching.current === run) {
          fetching.current = null;
          setLoading(false);
        }
      }
    })();
    return run.done;
  }, [url]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useBroadcast((message) => {
    if (url === null) return;
    if (message.broadcast === 'permissionsChanged') void refresh();
    if (message.broadcast === 'cookiesChanged' && concerns(message.domain, new URL(url).hostname))
      void refresh();
  });

  return { cookies, loading, error, refresh };
}
