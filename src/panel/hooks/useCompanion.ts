import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { request } from '../../messaging/request';
import type { CompanionState } from '../session/companion-state';
import type { Settings } from './useSettings';

/**
 * Asks the background for the companion's view of the session whose cookie value is given.
 * Refetches when the value (a login rotates it), the origin or the settings change.
 */
export function useCompanion(
  origin: string | null,
  sessionValue: string | null,
  settings: Settings,
): { companion: CompanionState; refresh: () => void } {
  const [companion, setCompanion] = useState<CompanionState>({ status: 'idle' });
  const generation = useRef(0);
  const { companionPath, companionToken } = settings;

  const refresh = useCallback(() => {
    const mine = ++generation.current;
    if (origin === null) {
      setCompanion({ status: 'idle' });
      return;
    }
    setCompanion({ status: 'loading' });
    void request('fetchCompanion', {
      origin,
      path: companionPath,
      sessionValue: sessionValue ?? '',
      token: companionToken,
    }).then((res) => {
      if (mine !== generation.current) return; // a newer request superseded this one
      if (!res.ok) setCompanion({ status: 'error', code: res.code, message: res.message });
      else if (res.value.status === 'absent')
        setCompanion({ status: 'absent', httpStatus: res.value.httpStatus });
      else if (res.value.response.ok) setCompanion({ status: 'ok', response: res.value.response });
      else
        setCompanion({ status: 'error', code: res.value.response.code, message: res.value.response.message });
    });
  }, [origin, sessionValue, companionPath, companionToken]);

  useEffect(() => {
    refresh();
  }, [refresh]);

  return { companion, refresh };
}
