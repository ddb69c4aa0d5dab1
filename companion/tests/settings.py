"""Settings for the companion's own suite: the smallest site that has sessions, auth and messages."""

import os
from urllib.parse import unquote, urlsplit

SECRET_KEY = "sessionlens-tests-not-a-real-secret-key-0123456789-abcdefghijklmnop"
SECRET_KEY_FALLBACKS = ["sessionlens-tests-old-key-0123456789-abcdefghijklmnopqrstuvwxyz"]
DEBUG = True
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
USE_TZ = True
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "sessionlens",
    "tests",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
ROOT_URLCONF = "tests.urls"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
# scripts/test-companion.sh also runs the suite on a private PostgreSQL server it starts, named here
# as postgres://user@host:port/name (the db and cached_db engines then use real PostgreSQL rows).
if url := os.environ.get("SESSIONLENS_TEST_DATABASE_URL"):
    parts = urlsplit(url)
    DATABASES["default"] = {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
    }
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "sessionlens-tests"}
}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher"
]  # fast; the hash itself is not under test
MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True}]
STATIC_URL = "static/"  # the live_server fixture's static handler needs one
