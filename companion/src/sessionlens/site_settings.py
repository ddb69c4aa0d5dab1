"""CompanionSite.settings and the cookie names: what the site's settings say about its cookies."""

from __future__ import annotations

from typing import Final

from django.conf import global_settings, settings
from django.utils.module_loading import import_string
from django.views.debug import get_default_exception_reporter_filter

from .jsonsafe import TaggedJson, to_json

# The settings the panel explains or checks cookies against, in this order (CompanionSite.settings
# in src/core/companion.ts); nothing else, so SESSION_REDIS and friends never leave the server.
REPORTED_SETTINGS: Final = (
    "SESSION_ENGINE",
    "SESSION_SERIALIZER",
    "SESSION_CACHE_ALIAS",
    "SESSION_COOKIE_AGE",
    "SESSION_COOKIE_NAME",
    "SESSION_COOKIE_DOMAIN",
    "SESSION_COOKIE_PATH",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "SESSION_COOKIE_PARTITIONED",  # Django 6.2+; skipped where Django does not define it
    "SESSION_EXPIRE_AT_BROWSER_CLOSE",
    "SESSION_SAVE_EVERY_REQUEST",
    "CSRF_COOKIE_NAME",
    "CSRF_COOKIE_AGE",
    "CSRF_COOKIE_DOMAIN",
    "CSRF_COOKIE_PATH",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE",
    "CSRF_USE_SESSIONS",
    "MESSAGE_STORAGE",
)


def reported_settings() -> dict[str, TaggedJson]:
    """Each reported setting as in force, cleansed by the filter Django's own error pages use
    (SafeExceptionReporterFilter unless DEFAULT_EXCEPTION_REPORTER_FILTER names another): a
    secret-looking name, at the top or as a nested dict key, becomes its cleansed_substitute."""
    reporter_filter = get_default_exception_reporter_filter()
    return {
        name: to_json(reporter_filter.cleanse_setting(name, getattr(settings, name)))
        for name in REPORTED_SETTINGS
        if hasattr(global_settings, name)
    }


def messages_cookie_name() -> str | None:
    """The cookie CookieStorage writes, directly or inside FallbackStorage; None if unused."""
    try:
        storage = import_string(settings.MESSAGE_STORAGE)
    except ImportError:
        return None
    for candidate in (storage, *getattr(storage, "storage_classes", ())):
        name = getattr(candidate, "cookie_name", None)
        if isinstance(name, str):
            return name
    return None
