"""SessionTimelineMiddleware: a record of what each request did to the session, for the panel's
timeline (CompanionTimelineRecord in src/core/companion.ts).

Listed before SessionMiddleware, so its code after get_response() runs once SessionMiddleware
has saved the session and set (or deleted) its cookie. It keeps no state in the process: the
session before is read from the store named by the request's cookie, the session after from the
one named by the response's Set-Cookie, both with report.py's side-effect-free reads (exactly
what a GET of the session answers), and the record goes to the site's cache (timeline_records.py).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from http.cookies import Morsel
from typing import Any, Literal

from django.conf import settings
from django.contrib.sessions.backends import signed_cookies
from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponseBase
from django.urls import Resolver404, resolve, reverse
from django.utils.http import parse_http_date_safe

from .access import shows_session
from .errors import CompanionError
from .protocol import PROTOCOL, RECORD_HEADER
from .report import build_session_state, session_store_class
from .timeline_records import new_record_id, save_record
from .timeline_setup import not_recording_reason

logger = logging.getLogger("sessionlens")

CookieChange = Literal["set", "deleted"]


class TooLong(Exception):
    """A session value over MAX_KEY_LENGTH: recorded as truncated, never read."""


class SessionTimelineMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        try:
            wanted = should_record(request)
        except Exception:  # a SHOW_SESSION_CALLBACK that raises must not break the site's pages
            logger.exception("sessionlens: the timeline could not tell whether to record %s", request.path)
            wanted = False
        if not wanted:
            return self.get_response(request)
        started = time.time()
        request_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME) or None
        try:
            store_class = session_store_class()
            before, truncated = state_or_truncated(store_class, request_key)
        except CompanionError:
            # An engine report.py cannot read without side effects, or a session it cannot
            # decode: a GET of the session says which; the timeline records nothing it cannot show.
            return self.get_response(request)
        except Exception:
            logger.exception("sessionlens: the timeline could not read the session before %s", request.path)
            return self.get_response(request)
        response = self.get_response(request)
        try:
            record_request(request, response, store_class, request_key, before, started, truncated)
        except Exception:
            # The site's own response must never fail because its record could not be kept (a
            # cache outage, a session decode() that raises).
            logger.exception("sessionlens: the timeline could not record %s %s", request.method, request.path)
        return response


def should_record(request: HttpRequest) -> bool:
    """Whether to record this request: the settings let the timeline record (what every site answer
    reports), the read gate would show this client its session, and the request is not for the
    companion's own URLs."""
    if not_recording_reason() is not None:
        return False
    try:
        if not shows_session(request):
            return False
    except DisallowedHost:  # a Host outside ALLOWED_HOSTS: Django answers 400 on its own
        return False
    return not is_companion_url(request)


def is_companion_url(request: HttpRequest) -> bool:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return "sessionlens" in match.app_names


def loaded_state(store_class: type[SessionBase], session_key: str | None) -> dict[str, Any] | None:
    """The session load() would find under session_key, as a GET shows it; None where load()
    starts empty: no key, a key Django rejects, nothing stored, or a session that has expired."""
    if session_key is None:
        return None
    try:
        state = build_session_state(store_class, session_key)
    except CompanionError as error:
        if error.code == "too-long" and issubclass(store_class, signed_cookies.SessionStore):
            raise TooLong from error  # a real session, only too big to read here
        if error.code in ("too-long", "invalid-session-key"):  # _validate_session_key() drops it too
            return None
        raise
    if not state["exists"] or state["expiry"]["expired"]:
        return None
    return state


def state_or_truncated(
    store_class: type[SessionBase], session_key: str | None
) -> tuple[dict[str, Any] | None, bool]:
    """(state, truncated): a session value over MAX_KEY_LENGTH is not read, and its record says so."""
    try:
        return loaded_state(store_class, session_key), False
    except TooLong:
        return None, True


def record_request(
    request: HttpRequest,
    response: HttpResponseBase,
    store_class: type[SessionBase],
    request_key: str | None,
    before: dict[str, Any] | None,
    started: float,
    truncated: bool,
) -> None:
    cookie, after_key = cookie_change(response.cookies.get(settings.SESSION_COOKIE_NAME), request_key)
    after, after_truncated = state_or_truncated(store_class, after_key)
    truncated = truncated or after_truncated
    if truncated:  # as timeline_records.save_record() stores a record over TIMELINE_MAX_BYTES
        before = after = None
    record_id = new_record_id()
    save_record(
        {
            "protocol": PROTOCOL,
            "ok": True,
            "kind": "timeline-record",
            "id": record_id,
            "started": round(started, 3),
            "finished": round(time.time(), 3),
            "method": request.method,
            "path": request.get_full_path(),
            "status": response.status_code,
            "before": before,
            "after": after,
            "keyChanged": key_changed(store_class, request_key, after_key, before, after),
            "cookie": cookie,
            "truncated": truncated,
        }
    )
    response[RECORD_HEADER] = reverse("sessionlens:timeline", args=[record_id])


def cookie_change(
    morsel: Morsel[str] | None, request_key: str | None
) -> tuple[CookieChange | None, str | None]:
    """What the response did to the session cookie, and the session key the browser holds now."""
    if morsel is None:
        return None, request_key
    if deletes(morsel):
        return "deleted", None
    return "set", morsel.value or None


def deletes(morsel: Morsel[str]) -> bool:
    # HttpResponseBase.delete_cookie(): max_age=0 and an expiry in 1970; either alone deletes too.
    try:
        if morsel["max-age"] != "" and int(morsel["max-age"]) <= 0:
            return True
    except ValueError:
        pass
    expires = parse_http_date_safe(morsel["expires"]) if morsel["expires"] else None
    return expires is not None and expires <= time.time()


def key_changed(
    store_class: type[SessionBase],
    request_key: str | None,
    after_key: str | None,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> bool:
    if issubclass(store_class, signed_cookies.SessionStore):
        # The cookie is the session, re-signed on every save, and its cycle_key() only saves: there
        # is no key to rotate, only a session that appears (a new one) or goes (flush).
        return (before is None) != (after is None)
    return request_key != after_key
