// Django's own defaults, written once: the session settings the core's rules fall back on, the
// same settings as Python reprs (pyRepr's output) so the Settings table can mark what a project
// changed, and the session engines' module names.
// django/conf/global_settings.py (SESSION_* at lines 482–508 in 5.2, CSRF_*, MESSAGE_STORAGE),
// CookieStorage.cookie_name in django/contrib/messages/storage/cookie.py, and the modules of
// django/contrib/sessions/backends/.

/** global_settings.SESSION_COOKIE_AGE: two weeks. */
export const DEFAULT_SESSION_COOKIE_AGE = 1209600;
/** global_settings.SESSION_COOKIE_NAME. */
export const DEFAULT_SESSION_COOKIE_NAME = 'sessionid';
/** global_settings.CSRF_COOKIE_NAME. */
export const DEFAULT_CSRF_COOKIE_NAME = 'csrftoken';
/** CookieStorage.cookie_name. */
export const DEFAULT_MESSAGES_COOKIE_NAME = 'messages';

/** SESSION_ENGINE values of Django's own backends. */
export const SESSION_ENGINES = {
  db: 'django.contrib.sessions.backends.db',
  cache: 'django.contrib.sessions.backends.cache',
  cached_db: 'django.contrib.sessions.backends.cached_db',
  file: 'django.contrib.sessions.backends.file',
  signed_cookies: 'django.contrib.sessions.backends.signed_cookies',
} as const;

/** The signed_cookies engine keeps the whole session in the cookie; a subclass's module ends alike. */
export function isSignedCookiesEngine(engine: string): boolean {
  return engine === SESSION_ENGINES.signed_cookies || engine.endsWith('.signed_cookies');
}

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
  SESSION_ENGINE: `'${SESSION_ENGINES.db}'`,
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
