// Which SESSION_COOKIE_NAME the panel reads the session cookie by: the one typed in Keys when it
// is not Django's default (an override), else the one the companion reported, else the default.
import { DEFAULT_SETTINGS } from '../hooks/useSettings';

export interface CookieName {
  name: string;
  from: 'keys' | 'companion' | 'default';
}

export function sessionCookieName(typed: string, fromCompanion: string | null): CookieName {
  if (typed && typed !== DEFAULT_SETTINGS.sessionCookieName) return { name: typed, from: 'keys' };
  if (fromCompanion) return { name: fromCompanion, from: 'companion' };
  return { name: DEFAULT_SETTINGS.sessionCookieName, from: 'default' };
}
