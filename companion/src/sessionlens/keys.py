"""The session key the extension sends: checked before any store sees it, and masked in answers."""

from __future__ import annotations

from django.contrib.sessions.backends.base import VALID_KEY_CHARS, SessionBase
from django.contrib.sessions.backends.signed_cookies import SessionStore as SignedCookieStore

from .conf import get_config
from .errors import CompanionError

# django/contrib/sessions/models.py: session_key = CharField(max_length=40)
DB_KEY_MAX_LENGTH = 40
# signing.dumps() output: urlsafe base64, an optional leading "." (compressed), ":" separators.
SIGNED_VALUE_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_:.")


def validate_key(store_class: type[SessionBase], session_key: str) -> str:
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
