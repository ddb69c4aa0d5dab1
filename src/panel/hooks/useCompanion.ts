import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { CompanionLookup } from '../../messaging/protocol';
import { request } from '../../messaging/request';
import { devtools } from '../../platform/index';
import type { CompanionState } from '../session/companion-state';
import { useBroadcast } from './broadcasts';
import { concerns } from './useCookies';
import type { Settings } from './useSettings';

/**
 * A request's cookies change in bursts (sessionid, csrftoken, messages, then the tab completes):
 * one companion fetch after the burst settles, not one per event.
 */
const COMPANION_DEBOUNCE_MS = 150;

export interface CompanionHook {
  companion: CompanionState;
  /** A fetch is under way while `companion` still shows the previous answer. */
  refreshing: boolean;
  refresh: () => void;
}

/**
 * Asks the background for the companion's view of the session whose cookie value is given.
 *
 * Refetches when the value (a login rotates it), the origin or the settings change, and also when
 * the value stays the same: store-backed engines (db, cache, cached_db, file) keep the key while
 * the data changes, and Django re-sends the cookie on every modified save (a new expiry,
 * SessionMiddleware.process_response), so a `cookiesChanged` for the site, a tab update or a
 * DevTools navigation all mean "ask again". Those refetches keep the last answer on screen; only
 * the newest request's answer is applied.
 */
export function useCompanion(
  origin: string | null,
  sessionValue: string | null,
  settings: Settings,
  tabId: number | null = null,
): CompanionHook {
  const [companion, setCompanion] = useState<CompanionState>({ status: 'idle' });
  const [refreshing, setRefreshing] = useState(false);
  const generation = useRef(0);
  const shown = useRef<{ origin: string | null; state: CompanionState['status'] }>({
    origin: null,
    state: 'idle',
  });
  const { companionPath, companionToken } = settings;

  const refresh = useCallback(() => {
    const mine = ++generation.current;
    if (origin === null) {
      shown.current = { origin, state: 'idle' };
      setCompanion({ status: 'idle' });
      setRefreshing(false);
      return;
    }
    // Keep an answer for this site on screen while asking again; a new site starts from loading.
    // A site answer (no session yet) stays too: a cookie burst must not flash "asking…".
    const answered = shown.current.state === 'ok' || shown.current.state === 'site';
    if (shown.current.origin === origin && answered) setRefreshing(true);
    else setCompanion({ status: 'loading' });
    void request('fetchCompanion', {
      origin,
      path: companionPath,
      sessionValue: sessionValue ?? '',
      token: companionToken,
    }).then((res) => {
      if (mine !== generation.current) return; // a newer request superseded this one
      const next: CompanionState = res.ok
        ? stateOf(res.value)
        : { status: 'error', code: res.code, message: res.message };
      shown.current = { origin, state: next.status };
      setCompanion(next);
      setRefreshing(false);
    });
  }, [origin, sessionValue, companionPath, companionToken]);

  useEffect(() => {
    refresh();
  }, [refresh]);

  // Broadcast-driven refetches call the newest `refresh`, after the burst settles.
  const latest = useRef(refresh);
  latest.current = refresh;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const schedule = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      latest.current();
    }, COMPANION_DEBOUNCE_MS);
  }, []);
  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );

  useBroadcast((message) => {
    if (origin === null) return;
    if (message.broadcast === 'cookiesChanged' && concerns(message.domain, new URL(origin).hostname))
      schedule();
    else if (message.broadcast === 'tabUpdated' && tabId !== null && message.tabId === tabId) schedule();
  });

  useEffect(() => {
    const network = devtools()?.network;
    if (!network) return undefined;
    network.onNavigated.addListener(schedule);
    return () => network.onNavigated.removeListener(schedule);
  }, [schedule]);

  return { companion, refreshing, refresh };
}

/** The background's lookup, which has already checked the answer against the protocol. */
function stateOf(lookup: CompanionLookup): CompanionState {
  if (lookup.status === 'absent') return { status: 'absent', httpStatus: lookup.httpStatus };
  if (lookup.status === 'invalid')
    return { status: 'invalid', problem: lookup.problem, httpStatus: lookup.httpStatus };
  const { response } = lookup;
  if (!response.ok) return { status: 'error', code: response.code, message: response.message };
  return response.kind === 'site' ? { status: 'site', response } : { status: 'ok', response };
}
