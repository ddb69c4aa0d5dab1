"""Who the session says is logged in, resolved the way django.contrib.auth.get_user() does it,
minus its side effects (it flushes or cycles the session when the auth hash is stale)."""

from __future__ import annotations

from typing import Any, TypedDict

from django.conf import settings
from django.contrib.auth import (
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,
    load_backend,
)
from django.utils.crypto import constant_time_compare


class UserInfo(TypedDict):
    authenticated: bool
    id: str | None
    username: str | None
    isStaff: bool | None
    backend: str | None
    hashValid: bool | None


def resolve_user(data: dict[str, Any]) -> UserInfo:
    raw_id = data.get(SESSION_KEY)
    backend_path = data.get(BACKEND_SESSION_KEY)
    info: UserInfo = {
        "authenticated": False,
        "id": None if raw_id is None else str(raw_id),
        "username": None,
        "isStaff": None,
        "backend": backend_path if isinstance(backend_path, str) else None,
        "hashValid": None,
    }
    # get_user() ignores a backend that is no longer in AUTHENTICATION_BACKENDS.
    if (
        raw_id is None
        or not isinstance(backend_path, str)
        or backend_path not in settings.AUTHENTICATION_BACKENDS
    ):
        return info
    try:
        user_id = get_user_model()._meta.pk.to_python(raw_id)
        user = load_backend(backend_path).get_user(user_id)
    except Exception:  # a malformed id (ValidationError) or a stale backend path
        return info
    if user is None:
        return info
    info["username"] = user.get_username()
    info["isStaff"] = getattr(user, "is_staff", None)
    if hasattr(user, "get_session_auth_hash"):
        verified = session_hash_verified(user, data.get(HASH_SESSION_KEY))
        info["hashValid"] = info["authenticated"] = verified
    else:
        info["authenticated"] = True
    return info


def session_hash_verified(user: Any, session_hash: Any) -> bool:
    """get_user()'s check: the current hash, or one made with a SECRET_KEY_FALLBACKS entry."""
    if not session_hash or not isinstance(session_hash, str):
        return False
    if constant_time_compare(session_hash, user.get_session_auth_hash()):
        return True
    # get_session_auth_fallback_hash() exists since Django 4.1 (SECRET_KEY_FALLBACKS).
    return any(constant_time_compare(session_hash, h) for h in user.get_session_auth_fallback_hash())
