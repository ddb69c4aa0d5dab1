"""Whether this site's settings let the timeline record, and what to change when not: the answer's
CompanionSite.timeline and the system checks W004-W006 read the same facts from here."""

from __future__ import annotations

from typing import Literal, TypedDict

from django.conf import settings
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.cache import InvalidCacheBackendError, caches
from django.core.cache.backends.dummy import DummyCache
from django.urls import NoReverseMatch, reverse
from django.utils.module_loading import import_string

from .conf import get_config

TIMELINE_MIDDLEWARE = "sessionlens.middleware.SessionTimelineMiddleware"

Placement = Literal["missing", "after-session-middleware", "before-session-middleware"]


class TimelineStatus(TypedDict):
    recording: bool
    reason: str | None


def middleware_placement() -> Placement:
    """Where MIDDLEWARE lists SessionTimelineMiddleware (or a subclass) relative to SessionMiddleware."""
    from .middleware import SessionTimelineMiddleware  # that module reads sessions through report.py

    timeline_at = session_at = None
    for index, path in enumerate(settings.MIDDLEWARE):
        try:
            middleware = import_string(path)
        except ImportError:  # Django itself fails louder on it at start-up
            continue
        if not isinstance(middleware, type):
            continue
        if timeline_at is None and issubclass(middleware, SessionTimelineMiddleware):
            timeline_at = index
        if session_at is None and issubclass(middleware, SessionMiddleware):
            session_at = index
    if timeline_at is None:
        return "missing"
    if session_at is not None and session_at < timeline_at:
        return "after-session-middleware"
    return "before-session-middleware"


def timeline_cache_problem() -> str | None:
    """Why the timeline cache cannot keep a record, or None."""
    alias = get_config()["TIMELINE_CACHE"]
    if alias not in settings.CACHES:
        return f"SESSIONLENS['TIMELINE_CACHE'] = {alias!r} names no entry of CACHES"
    try:
        cache = caches[alias]
    except InvalidCacheBackendError as error:
        return f"the timeline cache {alias!r} cannot be used: {error}"
    if isinstance(cache, DummyCache):
        return f"the timeline cache {alias!r} is a DummyCache, which keeps nothing"
    return None


def not_recording_reason() -> str | None:
    """What stops the timeline from recording, as a sentence the panel shows; None if nothing."""
    if not get_config()["TIMELINE"]:
        return "SESSIONLENS['TIMELINE'] is off"
    placement = middleware_placement()
    if placement == "missing":
        return f"{TIMELINE_MIDDLEWARE} is not in MIDDLEWARE"
    if placement == "after-session-middleware":
        return (
            f"{TIMELINE_MIDDLEWARE} is listed after SessionMiddleware: it must come before it, "
            "to see the session once SessionMiddleware has saved it"
        )
    try:
        reverse("sessionlens:timeline", args=["0" * 32])
    except NoReverseMatch:
        return "the URLconf does not include sessionlens.urls, which answer the records"
    return timeline_cache_problem()


def timeline_status() -> TimelineStatus:
    reason = not_recording_reason()
    return {"recording": reason is None, "reason": reason}
