// Values made by real Django 5.2 (.venv) at time.time() = 1700000000.0 (b62 `1r31eq`), SECRET_KEY "k".
// Regenerate with the commands quoted beside each; the tests decode them with the real core.

/** The signing time of every value below. */
export const SIGNED_AT = 1_700_000_000;

// with mock.patch("time.time", return_value=1700000000.0):
//   signing.dumps({"visits": 3, "_auth_user_id": "42",
//     "_auth_user_backend": "django.contrib.auth.backends.ModelBackend", "_auth_user_hash": "a" * 64,
//     "html": "<img src=x onerror=alert(1)>", "big": 2**70, "_session_expiry": 300},
//     salt="django.contrib.sessions.backends.signed_cookies", compress=True)
export const SESSION_COOKIE =
  '.eJylkEEOgjAQRa9CutLENC1UUSIu3HuGpkADo9CamWIwxrtbEjasneX8Ny-T_2EvIAjEimzHtBlDp0eyqKFhBVMpWy0rUz-sm5Pmblzree1dQKj4jPAlJX7zje2vC7sSdIa6eG3-nCjtwtBH0xmGNiGsyynxziJ6LE1vMWzk9hKpClpWSHkU-5M8pCKXuZIyE5lKVfyLLBF4p-30BHzHBoT4_gARV1yY:1r31eq:dJWHMBPI3OoznBczDmuAD4lD34Ekq0QNlX0I0lPnEQ4';

//   signing.dumps({"visits": 1}, key="old-key", salt="django.contrib.sessions.backends.signed_cookies", compress=True)
export const SESSION_COOKIE_OLD_KEY = 'eyJ2aXNpdHMiOjF9:1r31eq:pxPIXtiqViThu9OkaeOGGyzgwoB8YESC7B6IXFS707Y';

//   signing.get_cookie_signer(salt="theme" + "themesalt").sign("dark")   (set_signed_cookie, legacy salt)
export const THEME_COOKIE = 'dark:1r31eq:mQPQeBtI1zTtHuJ1YrVd6baLAWEfipBAXXu7T9NNaag';

//   CookieStorage(HttpRequest())._encode([Message(20, "Saved!"),
//     Message(40, mark_safe("<b>Oops</b>"), extra_tags="urgent")])
export const MESSAGES_COOKIE =
  '.eJyLjlaKj88qzs-Lz00tLk5MT1XSMdAxMtBRCk4sS01RVIrVwVRgqGMCVGCTZOefX1Bso59kp6SjVFqUnppXohQbCwAwFBmt:1r31eq:rReU_I1Znbmo_EJ8DUtawNd-stonQO9b0UXnV70vVk0';

//   class P: __reduce__ = lambda self: (os.system, ("echo pwned",))
//   signing.dumps({"x": P()}, salt="django.contrib.sessions.backends.signed_cookies",
//     serializer=<pickle.dumps(o, 2) / pickle.loads>)
export const PICKLE_RCE_COOKIE =
  'gAJ9cQBYAQAAAHhxAWNwb3NpeApzeXN0ZW0KcQJYCgAAAGVjaG8gcHduZWRxA4VxBFJxBXMu:1r31eq:xl68EcCRwPZ9fGh7JnQWSA0k4VROEU6Uqy-MbHu4Nog';

// Django 4.2 (.venv-dj42), SECRET_KEY="k": a datetime Django pickles itself beside a payload that runs code:
//   class Evil: __reduce__ = lambda self: (os.system, ("echo pwned",))
//   signing.dumps({"when": datetime.datetime(2023, 11, 14, 22, 13, 20), "x": Evil()},
//     serializer=PickleSerializer, salt="django.contrib.sessions.backends.signed_cookies")
export const PICKLE_RCE_WITH_DATETIME_COOKIE =
  'gAWVXQAAAAAAAAB9lCiMBHdoZW6UjAhkYXRldGltZZSMCGRhdGV0aW1llJOUQwoH5wsOFg0UAAAAlIWUUpSMAXiUjAVwb3NpeJSMBnN5c3RlbZSTlIwKZWNobyBwd25lZJSFlFKUdS4:1xYUKo:M1Kra9sMHyXmkfMzUvwG5njN1Xk4wlQ0lHCMc9zpRsU';

/** From /work/shared/demo-stories.md: a db session_data row, `{"visit": 11}`. */
export const DEMO_SESSION_DATA = 'eyJ2aXNpdCI6MTF9:1ov84c:qngX5Woil1EDwGGylot0OrQtche6734UOApKJ4yp-BA';
