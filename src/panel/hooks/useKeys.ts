import { useCallback, useEffect, useState } from 'preact/hooks';
import { storageGet, storageRemove, storageSet } from '../../platform/index';

export interface KeysState {
  /** SECRET_KEY first, then SECRET_KEY_FALLBACKS in order (the order DecodeOptions.keys expects). */
  keys: string[];
  /** true: kept in storage.local (survives restarts); false: storage.session, memory only. */
  remember: boolean;
  loaded: boolean;
  setKeys: (keys: string[]) => Promise<void>;
  setRemember: (remember: boolean) => Promise<void>;
}

const keysStorageKey = (origin: string) => `keys:${origin}`;

/**
 * Per-site secrets. Never storage.sync and never sent to the background: decoding happens in the
 * panel. Unchecked "remember" keeps them in storage.session, gone when the browser closes.
 */
export function useKeys(origin: string | null): KeysState {
  const [keys, setKeysState] = useState<string[]>([]);
  const [remember, setRememberState] = useState(false);
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    let live = true;
    setLoaded(false);
    setKeysState([]);
    setRememberState(false);
    if (origin === null) return undefined;
    const key = keysStorageKey(origin);
    void (async () => {
      const local = await storageGet<string[]>('local', key);
      const session = local ? undefined : await storageGet<string[]>('session', key);
      if (!live) return;
      setKeysState(local ?? session ?? []);
      setRememberState(local !== undefined);
      setLoaded(true);
    })();
    return () => {
      live = false;
    };
  }, [origin]);

  const setKeys = useCallback(
    async (next: string[]) => {
      setKeysState(next);
      if (origin === null) return;
      await storageSet(remember ? 'local' : 'session', keysStorageKey(origin), next);
    },
    [origin, remember],
  );

  const setRemember = useCallback(
    async (next: boolean) => {
      setRememberState(next);
      if (origin === null) return;
      const key = keysStorageKey(origin);
      // Move, never copy: unchecking must erase the keys from disk.
      await storageSet(next ? 'local' : 'session', key, keys);
      await storageRemove(next ? 'session' : 'local', key);
    },
    [origin, keys],
  );

  return { keys, remember, loaded, setKeys, setRemember };
}
