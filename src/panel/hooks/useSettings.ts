import { useCallback, useEffect, useState } from 'preact/hooks';
import { COMPANION_DEFAULT_PATH, DEFAULT_SESSION_COOKIE_NAME } from '../../core/index';
import { storageGet, storageSet } from '../../platform/index';

export interface Settings {
  /** SESSION_COOKIE_NAME of the site. */
  sessionCookieName: string;
  /** Where django-sessionlens is mounted. */
  companionPath: string;
  /** SESSIONLENS["TOKEN"], when the site set one. */
  companionToken: string;
  /** The salt each set_signed_cookie(name, …, salt=…) call used, by cookie name (not a secret). */
  cookieSalts: { [cookieName: string]: string };
}

export const DEFAULT_SETTINGS: Settings = {
  sessionCookieName: DEFAULT_SESSION_COOKIE_NAME,
  companionPath: COMPANION_DEFAULT_PATH,
  companionToken: '',
  cookieSalts: {},
};

export const settingsStorageKey = (origin: string) => `settings:${origin}`;

/** Per-site settings in storage.local (not secrets the way keys are; never synced). */
export function useSettings(origin: string | null): {
  settings: Settings;
  update: (patch: Partial<Settings>) => Promise<void>;
} {
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);

  useEffect(() => {
    let live = true;
    setSettings(DEFAULT_SETTINGS);
    if (origin === null) return undefined;
    void storageGet<Partial<Settings>>('local', settingsStorageKey(origin)).then((stored) => {
      if (live && stored) setSettings({ ...DEFAULT_SETTINGS, ...stored });
    });
    return () => {
      live = false;
    };
  }, [origin]);

  const update = useCallback(
    async (patch: Partial<Settings>) => {
      const next = { ...settings, ...patch };
      setSettings(next);
      if (origin !== null) await storageSet('local', settingsStorageKey(origin), next);
    },
    [origin, settings],
  );

  return { settings, update };
}
