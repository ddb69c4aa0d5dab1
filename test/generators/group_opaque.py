"""kinds "session-key" and "csrf-token": the cookies that carry nothing to decode, as Django's own
middleware sets them — a cache-engine session's key (SessionMiddleware) and the CSRF cookie
(CsrfViewMiddleware; 3.2 writes the 64-character masked token, 4.1+ the 32-character secret)."""

import random
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

from django.contrib.sessions.backends.cache import SessionStore
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.test import RequestFactory
from vectorlib import KEY_A, T0, Vector, frozen, options, secrets

CACHE_ENGINE = "django.contrib.sessions.backends.cache"


@contextmanager
def seeded() -> Iterator[None]:
    """get_random_string() draws with secrets.choice: seeded here so the files are reproducible."""
    with mock.patch("secrets.choice", random.Random(0).choice):
        yield


def session_key_cookie() -> str:
    def view(request: HttpRequest) -> HttpResponse:
        request.session["visits"] = 1
        return HttpResponse("ok")

    with seeded(), frozen(T0), secrets([KEY_A], SESSION_ENGINE=CACHE_ENGINE):
        response = SessionMiddleware(view)(RequestFactory().get("/"))
        assert isinstance(response, HttpResponse), "a sync view answers synchronously"
        value = response.cookies["sessionid"].value
        assert SessionStore(session_key=value).exists(value), "the key names a stored session"
    return value


def csrf_cookie() -> str:
    def view(request: HttpRequest) -> HttpResponse:
        get_token(request)  # what {% csrf_token %} does: the middleware then sets the cookie
        return HttpResponse("ok")

    with seeded(), frozen(T0), secrets([KEY_A]):
        response = CsrfViewMiddleware(view)(RequestFactory().get("/"))
        assert isinstance(response, HttpResponse), "a sync view answers synchronously"
    return str(response.cookies["csrftoken"].value)


def opaque(name: str, kind: str, value: str, cookie: str, auto: bool, note: str) -> Vector:
    expect: dict[str, Any] = {"verified": None, "code": None, "format": kind, "text": value, "data": None}
    opts = options("auto" if auto else kind, [KEY_A], T0, cookieName=cookie if auto else None)
    return Vector(name, kind, value, opts, "set by the middleware", {"kind": kind, **expect}, note)


def vectors() -> list[Vector]:
    key = session_key_cookie()
    token = csrf_cookie()
    return [
        opaque("session_key", "session-key", key, "sessionid", False, "a cache session's key cookie"),
        opaque("session_key__auto", "session-key", key, "sessionid", True, "auto: sessionid, 32 [a-z0-9]"),
        opaque("csrf_token", "csrf-token", token, "csrftoken", False, "the CSRF cookie, not signed"),
        opaque("csrf_token__auto", "csrf-token", token, "csrftoken", True, "auto: csrftoken"),
    ]
