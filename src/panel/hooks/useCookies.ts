import { useCallback, useEffect, useState } from 'preact/hooks';
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

/** Live cookies for the inspected URL: refetched on `cookiesChanged` for its host and on navigation. */
export function useCookies(url: string | null): CookiesState {
  const [cookies, setCookies] = useState<CookieInfo[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<CookiesState['error']>(null);

  const refresh = useCallback(async () => {
    if (url === null) {
      setCookies([]);
      return;
    }
    setLoading(true);
    const res = await request('getCookies', { url });
    setLoading(false);
    if (res.ok) {
      setCookies(res.value);
      setError(null);
    } else {
      setCookies([]);
      setError({ code: res.code, message: res.message });
    }
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
