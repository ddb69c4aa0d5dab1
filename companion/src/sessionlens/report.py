"""Assemble the CompanionSiteOnly / CompanionSession JSON of src/core/companion.ts from the modules
that each read one part: keys (the key sent), stores (the stored session), expiry, users,
site_settings, secret_key."""

from __future__ import annotations

import functools
import time
from importlib import import_module
from typing import Any

import django
from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.core.signals import setting_changed

from .conf import writes_allowed
from .errors import CompanionError
from .expiry import expiry_info
from .jsonsafe import dict_to_json
from .keys import mask, validate_key
from .protocol import PROTOCOL
from .secret_key import secret_key_info
from .site_settings import messages_cookie_name, reported_settings
from .stores import Undecodable, UnknownEngine, read_stored
from .timeline_setup import timeline_status
from .users import resolve_user


def session_store_class() -> type[SessionBase]:
    try:
        return import_module(settings.SESSION_ENGINE).SessionStore  # type: ignore[no-any-return]
    except (ImportError, AttributeError) as error:
        raise CompanionError(
            "unknown-engine", f"cannot import {settings.SESSION_ENGINE}.SessionStore", 500
        ) from error


def build_site(store_class: type[SessionBase]) -> dict[str, Any]:
    """CompanionSiteOnly: what the site is, answerable before any session exists."""
    return {
        "protocol": PROTOCOL,
        "ok": True,
        "kind": "site",
        "serverTime": int(time.time()),
        **site_facts(store_class),
    }


@functools.cache
def site_facts(store_class: type[SessionBase]) -> dict[str, Any]:
    """The part of CompanionSiteOnly that settings alone decide, worked out once: cleansing every
    reported setting was a quarter of a request's time. Settings are fixed while a site runs; when
    one changes (override_settings, pytest-django's settings fixture) setting_changed forgets it.
    Nothing downstream mutates it: JsonResponse only serialises it."""
    return {
        "django": django.get_version(),
        "engine": settings.SESSION_ENGINE,
        "storeClass": f"{store_class.__module__}.{store_class.__qualname__}",
        "cookieName": settings.SESSION_COOKIE_NAME,
        "messagesCookieName": messages_cookie_name(),
        "settings": reported_settings(),
        "secretKey": secret_key_info(),
        # Reads never write; this says whether POST writes (writes.py) are allowed here.
        "readOnly": True,
        "writable": writes_allowed(),
        "timeline": timeline_status(),
    }


def _forget_site_facts(**kwargs: Any) -> None:
    # Any setting: the facts read a dozen of them, and SESSIONLENS through get_config().
    site_facts.cache_clear()


setting_changed.connect(_forget_site_facts, dispatch_uid="sessionlens.report.forget_site_facts")


def build_session(store_class: type[SessionBase], session_key: str) -> dict[str, Any]:
    """CompanionSession: the site, and the stored session named by session_key."""
    return {**build_site(store_class), "kind": "session", **build_session_state(store_class, session_key)}


def build_session_state(store_class: type[SessionBase], session_key: str) -> dict[str, Any]:
    """CompanionSessionState: the part of a CompanionSession that is the session itself."""
    key = validate_key(store_class, session_key)
    store = store_class(key)
    try:
        stored = read_stored(store, key)
    except UnknownEngine as error:
        raise CompanionError("unknown-engine", f"{error} cannot be read without side effects", 500) from error
    except Undecodable as error:
        raise CompanionError("undecodable", str(error), 422) from error
    return {
        "sessionKey": mask(key),
        "exists": stored.exists,
        "corrupt": stored.corrupt,
        # SECRET_KEY or SECRET_KEY_FALLBACKS[n]: a fallback means rotate soon (the next save re-signs).
        "signedBy": stored.signed_by,
        "data": dict_to_json(stored.data),
        "expiry": expiry_info(store, stored),
        "user": resolve_user(stored.data),
    }


def build_report(session_key: str | None) -> dict[str, Any]:
    """A site answer when no session is named (no session cookie yet), else the session's."""
    store_class = session_store_class()
    return build_session(store_class, session_key) if session_key else build_site(store_class)
