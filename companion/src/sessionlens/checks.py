"""System checks with stable IDs (``SILENCED_SYSTEM_CHECKS`` and docs refer to them)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.checks import CheckMessage, Error, Tags, Warning, register
from django.utils.module_loading import import_string

from .access import origin_pattern_parts
from .conf import CONFIG_DEFAULTS, get_config, is_enabled, writes_allowed
from .timeline_setup import TIMELINE_MIDDLEWARE, middleware_placement, timeline_cache_problem


@register(Tags.security)
def check_exposure(app_configs: Sequence[AppConfig] | None, **kwargs: Any) -> list[CheckMessage]:
    if not is_enabled() or settings.DEBUG:
        return []
    messages: list[CheckMessage] = [
        Warning(
            "The Sessionlens session endpoint is enabled while DEBUG is off.",
            hint="It shows session data to whoever SHOW_SESSION_CALLBACK allows; remove 'sessionlens' "
            "from INSTALLED_APPS in production or set SESSIONLENS['ENABLED'] = False.",
            id="sessionlens.W001",
        )
    ]
    if not get_config()["TOKEN"]:
        messages.append(
            Warning(
                "The Sessionlens endpoint is enabled outside DEBUG without a TOKEN.",
                hint="Set SESSIONLENS['TOKEN'] to a long random string and give it to the extension.",
                id="sessionlens.W002",
            )
        )
    if writes_allowed():
        messages.append(
            Warning(
                "Sessionlens writes are allowed while DEBUG is off.",
                hint="Whoever passes the gate can change any session it names; set "
                "SESSIONLENS['ALLOW_WRITES'] = False (or leave it None, which follows DEBUG).",
                id="sessionlens.W003",
            )
        )
    return messages


@register()
def check_config(app_configs: Sequence[AppConfig] | None, **kwargs: Any) -> list[CheckMessage]:
    config = get_config()
    problems = [f"unknown key {key!r}" for key in config if key not in CONFIG_DEFAULTS]
    origins = config["ALLOWED_ORIGINS"]
    if isinstance(origins, str) or not all(isinstance(o, str) and origin_pattern_parts(o) for o in origins):
        problems.append('ALLOWED_ORIGINS must be a list of "scheme://host-pattern" (no path)')
    hosts = config["ALLOWED_HOSTS"]
    if isinstance(hosts, str) or not all(isinstance(h, str) for h in hosts):
        problems.append("ALLOWED_HOSTS must be a list of host names or patterns")
    max_length = config["MAX_KEY_LENGTH"]
    if isinstance(max_length, bool) or not isinstance(max_length, int) or max_length < 8:
        problems.append("MAX_KEY_LENGTH must be an integer of at least 8")
    if config["ALLOW_WRITES"] is not None and not isinstance(config["ALLOW_WRITES"], bool):
        problems.append("ALLOW_WRITES must be True, False or None")
    if config["TOKEN"] is not None and not isinstance(config["TOKEN"], str):
        problems.append("TOKEN must be a string or None")
    if not isinstance(config["TIMELINE"], bool):
        problems.append("TIMELINE must be True or False")
    if not isinstance(config["TIMELINE_CACHE"], str) or config["TIMELINE_CACHE"] not in settings.CACHES:
        problems.append("TIMELINE_CACHE must name an entry of CACHES")
    for name in ("TIMELINE_TTL", "TIMELINE_MAX_BYTES"):
        value = config[name]
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            problems.append(f"{name} must be a positive integer")
    messages: list[CheckMessage] = [
        Error(f"SESSIONLENS: {problem}.", id="sessionlens.E001") for problem in problems
    ]
    callback = config["SHOW_SESSION_CALLBACK"]
    try:
        resolved = import_string(callback) if isinstance(callback, str) else callback
    except ImportError:
        resolved = None
    if not callable(resolved):
        messages.append(
            Error(
                f"SESSIONLENS['SHOW_SESSION_CALLBACK'] = {callback!r} is not an importable callable.",
                id="sessionlens.E002",
            )
        )
    return messages


@register()
def check_timeline(app_configs: Sequence[AppConfig] | None, **kwargs: Any) -> list[CheckMessage]:
    """The timeline middleware where it sees the saved session, with a cache that keeps records."""
    config = get_config()
    placement = middleware_placement()
    if placement == "missing" or config["TIMELINE"] is not True:
        return []
    messages: list[CheckMessage] = []
    if placement == "after-session-middleware":
        messages.append(
            Warning(
                f"{TIMELINE_MIDDLEWARE} is listed after SessionMiddleware.",
                hint="Move it before django.contrib.sessions.middleware.SessionMiddleware: its response "
                "phase must run after SessionMiddleware has saved the session, or every record shows "
                "the session before the save.",
                id="sessionlens.W004",
            )
        )
    if not isinstance(config["TIMELINE_CACHE"], str) or config["TIMELINE_CACHE"] not in settings.CACHES:
        return messages  # E001 names it
    problem = timeline_cache_problem()
    if problem is not None:
        messages.append(
            Warning(
                f"The session timeline records nothing: {problem}.",
                hint="Point SESSIONLENS['TIMELINE_CACHE'] at a cache that keeps entries (Redis, the "
                "database cache), or set SESSIONLENS['TIMELINE'] = False.",
                id="sessionlens.W005",
            )
        )
    elif isinstance(caches[config["TIMELINE_CACHE"]], LocMemCache):
        messages.append(
            Warning(
                f"The session timeline cache {config['TIMELINE_CACHE']!r} is a LocMemCache, private to "
                "each process.",
                hint="Fine for runserver (one process). Under a server with several processes (gunicorn "
                "workers) a record's URL answered by another process is a 404: use a shared cache "
                "(Redis, the database cache) for SESSIONLENS['TIMELINE_CACHE']. Records also count "
                "towards its MAX_ENTRIES, so sessions kept in the same LocMemCache can be culled.",
                id="sessionlens.W006",
            )
        )
    return messages
