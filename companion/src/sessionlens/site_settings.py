"""CompanionSite.settings and the cookie names: what the site's settings say about its cookies."""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string

from .jsonsafe import TaggedJson, to_json


def session_settings() -> dict[str, TaggedJson]:
    names = [name for name in dir(settings) if name.startswith("SESSION_")]
    names += ["CSRF_COOKIE_NAME", "CSRF_USE_SESSIONS", "MESSAGE_STORAGE"]
    found: dict[str, TaggedJson] = {name: to_json(getattr(settings, name, None)) for name in sorted(names)}
    found["MESSAGE_STORAGE.cookie_name"] = messages_cookie_name()
    return found


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
