// Django's own defaults for the settings the companion reports, as Python reprs (pyRepr's
// output), so the Settings table can mark what a project changed.
// django/conf/global_settings.py (SESSION_* at lines 482–508 in 5.2, CSRF_*, MESSAGE_STORAGE),
// and CookieStorage.cookie_name in django/contrib/messages/storage/cookie.py.
export const DJANGO_DEFAULTS: { readonly [setting: string]: string } = {
  SESSION_CACHE_ALIAS: "'default'",
  SESSION_COOKIE_NAME: "'sessionid'",
  SESSION_COOKIE_AGE: '1209600',
  SESSION_COOKIE_DOMAIN: 'None',
  SESSION_COOKIE_SECURE: 'False',
  SESSION_COOKIE_PATH: "'/'",
  SESSION_COOKIE_HTTPONLY: 'True',
  SESSION_COOKIE_SAMESITE: "'Lax'",
  SESSION_SAVE_EVERY_REQUEST: 'False',
  SESSION_EXPIRE_AT_BROWSER_CLOSE: 'False',
  SESSION_ENGINE: "'django.contrib.sessions.backends.db'",
  SESSION_FILE_PATH: 'None',
  SESSION_SERIALIZER: "'django.contrib.sessions.serializers.JSONSerializer'",
  CSRF_COOKIE_NAME: "'csrftoken'",
  CSRF_USE_SESSIONS: 'False',
  MESSAGE_STORAGE: "'django.contrib.messages.storage.fallback.FallbackStorage'",
  'MESSAGE_STORAGE.cookie_name': "'messages'",
};

/** true: differs from Django's default; null: a setting without a known default. */
export function differsFromDefault(name: string, repr: string): boolean | null {
  const fallback = DJANGO_DEFAULTS[name];
  return fallback === undefined ? null : fallback !== repr;
}
