"""Demo settings. DEMO ONLY: DEBUG on and a published SECRET_KEY, so the panel can verify cookies.

SESSIONLENS_DEMO_ENGINE=db|cache|cached_db|file|signed_cookies picks SESSION_ENGINE (default db);
cache uses Django's own RedisCache at REDIS_URL (default redis://127.0.0.1:6379/0); file stores in
SESSIONLENS_DEMO_FILE_PATH (default demo/.sessions). SESSIONLENS_DEMO_COOKIE_NAME sets
SESSION_COOKIE_NAME; SESSIONLENS_DEMO_ROTATE_KEY=1 replaces SECRET_KEY with a new one and keeps
no fallback, as a rotation that forgot SECRET_KEY_FALLBACKS does. SESSIONLENS_DEMO_DEBUG=0 turns
DEBUG off as in production, with the companion's reads switched on for loopback clients only, so
its writes (SESSIONLENS["ALLOW_WRITES"], default: DEBUG) are refused.
SESSIONLENS_DEMO_TIMELINE=0 turns the companion's timeline off (SESSIONLENS["TIMELINE"]): the panel's
timeline then reads the cookies.
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

# Visibly not a secret: Django's own check (security.W009) flags the django-insecure- prefix.
SECRET_KEY = "django-insecure-sessionlens-demo-only-never-use-this-key-anywhere-7f3a9c"
# A rotated-out key: cookies signed with it still verify (SECRET_KEY_FALLBACKS, Django 4.1+).
SECRET_KEY_FALLBACKS = ["django-insecure-sessionlens-demo-previous-key-rotated-out-2b81e4"]
if os.environ.get("SESSIONLENS_DEMO_ROTATE_KEY") == "1":
    # Every session and signed cookie made with the keys above now fails its signature.
    SECRET_KEY = "django-insecure-sessionlens-demo-rotated-key-without-fallbacks-5d20c7"
    SECRET_KEY_FALLBACKS = []
DEBUG = os.environ.get("SESSIONLENS_DEMO_DEBUG") != "0"
if not DEBUG:
    # Reads on explicitly (their default also follows DEBUG); ALLOW_WRITES keeps its default: off.
    SESSIONLENS = {"ENABLED": True, "SHOW_SESSION_CALLBACK": "stories.access.loopback_client"}
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
INTERNAL_IPS = ["127.0.0.1", "::1"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "sessionlens",
    "stories",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before SessionMiddleware: its response phase then sees the session as saved (the timeline).
    "sessionlens.middleware.SessionTimelineMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
ROOT_URLCONF = "sessionlens_demo.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "stories.context_processors.session_view",
            ]
        },
    }
]
WSGI_APPLICATION = "sessionlens_demo.wsgi.application"
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("SESSIONLENS_DEMO_DB", str(BASE_DIR / "db.sqlite3")),
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
TIME_ZONE = "UTC"
STATIC_URL = "static/"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Flash messages travel in their own signed cookie ("messages"), which the panel decodes.
MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"

# Not SESSION_*: the companion lists every SESSION_* setting as Django's own (report.py).
DEMO_SESSION_ENGINES = {
    "db": "django.contrib.sessions.backends.db",
    "cache": "django.contrib.sessions.backends.cache",
    "cached_db": "django.contrib.sessions.backends.cached_db",
    "file": "django.contrib.sessions.backends.file",
    "signed_cookies": "django.contrib.sessions.backends.signed_cookies",
}
DEMO_ENGINE = os.environ.get("SESSIONLENS_DEMO_ENGINE", "db")
if DEMO_ENGINE not in DEMO_SESSION_ENGINES:
    raise ImproperlyConfigured(f"SESSIONLENS_DEMO_ENGINE must be one of {', '.join(DEMO_SESSION_ENGINES)}")
SESSION_ENGINE = DEMO_SESSION_ENGINES[DEMO_ENGINE]
SESSION_COOKIE_NAME = os.environ.get("SESSIONLENS_DEMO_COOKIE_NAME") or "sessionid"
if DEMO_ENGINE == "cache":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        }
    }
if DEMO_ENGINE == "file":
    SESSION_FILE_PATH = os.environ.get("SESSIONLENS_DEMO_FILE_PATH", str(BASE_DIR / ".sessions"))
    os.makedirs(SESSION_FILE_PATH, exist_ok=True)


# The timeline's records live in the default cache: LocMemCache unless ENGINE=cache (Redis). That is
# per process, which W006 warns about; runserver serves from one process, so it is right here.
SILENCED_SYSTEM_CHECKS = ["sessionlens.W006"]
if os.environ.get("SESSIONLENS_DEMO_TIMELINE") == "0":
    SESSIONLENS = {**globals().get("SESSIONLENS", {}), "TIMELINE": False}

# The demo's own stories.
DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demo"
THEME_COOKIE_SALT = "sessionlens-demo"
LAST_DRAW_MAX_AGE = 3600  # seconds after which the "last draw" record is ignored
