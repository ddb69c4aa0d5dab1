"""Build the CompanionSession / CompanionError JSON of src/core/companion.ts."""

from __future__ import annotations

import datetime
import time
from importlib import import_module
from typing import Any

import django
from django.conf import settings
from django.contrib.sessions.backends.base import VALID_KEY_CHARS, SessionBase
from django.contrib.sessions.backends.signed_cookies import SessionStore as SignedCookieStore
from django.utils.module_loading import import_string

from .conf import get_config
from .jsonsafe import TaggedJson, dict_to_json, to_json
from .protocol import PROTOCOL, ErrorCode
from .stores import StoredSession, Undecodable, UnknownEngine, read_stored
from .users import resolve_user

# django/core/checks/security/base.py: the rules of security.W009.
SECRET_KEY_INSECURE_PREFIX = "django-insecure-"
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_UNIQUE_CHARACTERS = 5
# django/contrib/sessions/models.py: session_key = CharField(max_length=40)
DB_KEY_MAX_LENGTH = 40
# signing.dumps() output: urlsafe base64, an optional leading "." (compressed), ":" separators.
SIGNED_VALUE_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_:.")


class CompanionError(Exception):
    def __init__(self, code: ErrorCode, message: str, status: int) -> None:
        super().__init__(message)
        self.code: ErrorCode = code
        self.message = message
        self.status = status

    def as_json(self) -> dict[str, Any]:
        return {"protocol": PROTOCOL, "ok": False, "code": self.code, "message": self.message}


def session_store_class() -> type[SessionBase]:
    try:
        return import_module(settings.SESSION_ENGINE).SessionStore  # type: ignore[no-any-return]
    except (ImportError, AttributeError) as error:
        raise CompanionError(
            "unknown-engine", f"cannot import {settings.SESSION_ENGINE}.SessionStore", 500
        ) from error


def validate_key(store_class: type[SessionBase], session_key: str | None) -> str:
    if not session_key:
        raise CompanionError(
            "missing-session", "send the session cookie's value in X-Sessionlens-Session", 400
        )
    if len(session_key) > get_config()["MAX_KEY_LENGTH"]:
        raise CompanionError("too-long", f"session key longer than {get_config()['MAX_KEY_LENGTH']}", 400)
    if issubclass(store_class, SignedCookieStore):
        if not set(session_key) <= SIGNED_VALUE_CHARS or session_key.count(":") < 2:
            raise CompanionError("invalid-session-key", "not a signed_cookies session value", 400)
        return session_key
    # SessionBase._validate_session_key: at least 8 characters; Django makes 32 of [a-z0-9].
    if (
        len(session_key) < 8
        or len(session_key) > DB_KEY_MAX_LENGTH
        or not set(session_key) <= set(VALID_KEY_CHARS)
    ):
        raise CompanionError("invalid-session-key", "a session key is 8 to 40 characters of [a-z0-9]", 400)
    return session_key


def mask(session_key: str) -> str:
    return f"{session_key[:4]}…{session_key[-4:]}"


def iso(value: datetime.datetime | None) -> str | None:
    # A naive datetime (USE_TZ = False) is in TIME_ZONE, which Django made the process's local time.
    return None if value is None else value.astimezone(datetime.timezone.utc).isoformat()


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


def secret_key_info() -> dict[str, Any]:
    key = str(settings.SECRET_KEY)
    weak = (
        key.startswith(SECRET_KEY_INSECURE_PREFIX)
        or len(key) < SECRET_KEY_MIN_LENGTH
        or len(set(key)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS
    )
    return {"looksWeak": weak, "fallbacks": len(getattr(settings, "SECRET_KEY_FALLBACKS", ()))}


def expiry_info(store: SessionBase, stored: StoredSession) -> dict[str, Any]:
    # Hand the store its data so get_expiry_*() read it instead of calling load().
    store._session_cache = stored.data  # type: ignore[attr-defined]  # SessionBase's own cache slot
    try:
        age = store.get_expiry_age()
        date = store.get_expiry_date()
        at_browser_close = store.get_expire_at_browser_close()
    except (TypeError, ValueError) as error:  # a _session_expiry no datetime parser accepts
        raise CompanionError("undecodable", f"_session_expiry: {error}", 422) from error
    server = stored.server
    expired = server.expires_at is not None and server.expires_at.timestamp() <= time.time()
    return {
        "age": age,
        "date": iso(date),
        "atBrowserClose": at_browser_close,
        "custom": to_json(stored.data.get("_session_expiry")),
        "server": {"source": server.source, "expiresAt": iso(server.expires_at), "ttl": server.ttl},
        "expired": stored.exists and expired,
    }


def build_report(session_key: str | None) -> dict[str, Any]:
    store_class = session_store_class()
    key = validate_key(store_class, session_key)
    store = store_class(key)
    try:
        stored = read_stored(store, key)
    except UnknownEngine as error:
        raise CompanionError("unknown-engine", f"{error} cannot be read without side effects", 500) from error
    except Undecodable as error:
        raise CompanionError("undecodable", str(error), 422) from error
    return {
        "protocol": PROTOCOL,
        "ok": True,
        "django": django.get_version(),
        "serverTime": int(time.time()),
        "engine": settings.SESSION_ENGINE,
        "storeClass": f"{store_class.__module__}.{store_class.__qualname__}",
        "sessionKey": mask(key),
        "exists": stored.exists,
        "corrupt": stored.corrupt,
        "data": dict_to_json(stored.data),
        "expiry": expiry_info(store, stored),
        "user": resolve_user(stored.data),
        "settings": session_settings(),
        "secretKey": secret_key_info(),
        "readOnly": True,
    }
