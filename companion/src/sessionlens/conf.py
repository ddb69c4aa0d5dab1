"""Settings, in the debug-toolbar's shape: one defaults dict and a cached ``get_config()``."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Final

from django.conf import settings
from django.core.signals import setting_changed
from django.http import HttpRequest
from django.utils.module_loading import import_string

CONFIG_DEFAULTS: Final[dict[str, Any]] = {
    # None: on exactly when DEBUG is on; True/False forces it.
    "ENABLED": None,
    # Dotted path or callable taking the request; like debug-toolbar's SHOW_TOOLBAR_CALLBACK.
    "SHOW_SESSION_CALLBACK": "sessionlens.access.show_session",
    # When set, every request must carry it in X-Sessionlens-Token.
    "TOKEN": None,
    # Origins that get CORS headers, the extension pages only: "scheme://host-pattern", the host
    # (and port) matched with fnmatch, never a path.
    "ALLOWED_ORIGINS": ("chrome-extension://*", "moz-extension://*"),
    # Host names, in ALLOWED_HOSTS' syntax, that may reach the endpoint besides loopback,
    # ".localhost" and INTERNAL_IPS (a staging box's own name, say). ALLOWED_HOSTS is not enough:
    # ["*"] would let a DNS-rebound page in.
    "ALLOWED_HOSTS": (),
    # A signed_cookies session is the cookie itself; browsers cap a cookie near 4096 bytes.
    "MAX_KEY_LENGTH": 4096,
    # POST writes (writes.py), a second gate inside the read gate. None: on exactly when DEBUG is on.
    "ALLOW_WRITES": None,
    # The session timeline (middleware.py): whether SessionTimelineMiddleware records requests.
    "TIMELINE": True,
    # The cache alias the records live in. Shared by every process (Redis, the database cache) so
    # that the process answering a record's URL need not be the one that served the request.
    "TIMELINE_CACHE": "default",
    # Seconds a record is kept: the panel fetches it as soon as the request completes.
    "TIMELINE_TTL": 600,
    # A record over this many bytes of JSON is stored without its before and after sessions.
    "TIMELINE_MAX_BYTES": 262144,
}


@functools.cache
def get_config() -> dict[str, Any]:
    user_config: dict[str, Any] = getattr(settings, "SESSIONLENS", {}) or {}
    return {**CONFIG_DEFAULTS, **user_config}


def is_enabled() -> bool:
    enabled = get_config()["ENABLED"]
    return bool(settings.DEBUG) if enabled is None else bool(enabled)


def writes_allowed() -> bool:
    allow = get_config()["ALLOW_WRITES"]
    return bool(settings.DEBUG) if allow is None else bool(allow)


def get_show_session_callback() -> Callable[[HttpRequest], bool]:
    callback = get_config()["SHOW_SESSION_CALLBACK"]
    if isinstance(callback, str):
        callback = import_string(callback)
    return callback  # type: ignore[no-any-return]  # checked by sessionlens.E002


def _reset_config(*, setting: str, **kwargs: Any) -> None:
    if setting == "SESSIONLENS":
        get_config.cache_clear()


setting_changed.connect(_reset_config, dispatch_uid="sessionlens.conf.reset")
