"""group "expiry": signed_cookies sessions saved by a real SessionMiddleware response, with what
Django says about when each one ends.

Each vector is an ordinary session-cookie vector (decoded and checked like the others) plus an
`expiry` field: the cookie as the browser stores it from the response's Set-Cookie, the settings
in force, the store's get_expiry_age()/get_expiry_date()/get_expire_at_browser_close() at save
time, and `refusedAfter`: the last second signed_cookies load() still accepts the cookie, found
by calling load() itself on both sides of it. The core's one expiry model (src/core/expiry.ts) is
tested against these in src/core/expiry.vectors.test.ts.
"""

import datetime
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.cookies import SimpleCookie
from typing import Any
from unittest import mock

from django.contrib.sessions.backends import signed_cookies
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from group_sessions import COOKIE_AGE, cookie_case
from vectorlib import KEY_A, MAJOR_MINOR, T0, Vector, build, frozen, secrets

ENGINE = "django.contrib.sessions.backends.signed_cookies"


@contextmanager
def clock(now: float) -> Iterator[None]:
    """vectorlib.frozen patches time.time(); get_expiry_date() and the middleware's Max-Age for a
    datetime expiry read timezone.now() (base.py), frozen here to the same instant."""
    instant = datetime.datetime.fromtimestamp(now, tz=datetime.timezone.utc)
    with frozen(now), mock.patch("django.utils.timezone.now", return_value=instant):
        yield


def respond(view: Callable[[HttpRequest], None], **settings: Any) -> tuple[str, dict[str, Any]]:
    """One request through SessionMiddleware at T0: the cookie value, its Set-Cookie attributes as a
    browser stores them, and the store's own expiry answers."""
    seen: dict[str, Any] = {}

    def get_response(request: HttpRequest) -> HttpResponse:
        view(request)
        session = request.session
        seen.update(
            age=session.get_expiry_age(),
            date=session.get_expiry_date().timestamp(),
            atBrowserClose=session.get_expire_at_browser_close(),
        )
        return HttpResponse("ok")

    with clock(T0), secrets([KEY_A], SESSION_ENGINE=ENGINE, **settings):
        request = RequestFactory().get("/")
        response = SessionMiddleware(get_response)(request)
        assert isinstance(response, HttpResponse), "a sync view answers synchronously"
    morsel = response.cookies["sessionid"]
    header = morsel.output(header="Set-Cookie:")
    parsed = SimpleCookie()
    parsed.load(header.split(":", 1)[1].strip())
    max_age = parsed["sessionid"]["max-age"]
    # RFC 6265 §5.3: Max-Age wins over Expires; a browser counts it from when the response came.
    cookie = {"session": True} if max_age == "" else {"session": False, "expirationDate": T0 + int(max_age)}
    return morsel.value, {"cookie": cookie, "setCookie": header, **seen}


def refused_after(value: str, signed_at: int, **settings: Any) -> int:
    """The last second load() keeps the session: load() itself is asked on both sides."""
    age: int = settings.get("SESSION_COOKIE_AGE", COOKIE_AGE)
    last = signed_at + age

    def loads_at(now: float) -> bool:
        with clock(now), secrets([KEY_A], SESSION_ENGINE=ENGINE, **settings):
            return bool(signed_cookies.SessionStore(session_key=value).load())

    assert loads_at(last) and not loads_at(last + 1), "signed_cookies max_age is not SESSION_COOKIE_AGE"
    return last


def vectors() -> list[Vector]:
    def visit(request: HttpRequest) -> None:
        request.session["visits"] = 1

    def expiring(expiry: int | datetime.datetime) -> Callable[[HttpRequest], None]:
        def view(request: HttpRequest) -> None:
            visit(request)
            request.session.set_expiry(expiry)

        return view

    at = datetime.datetime.fromtimestamp(int(T0), tz=datetime.timezone.utc)
    # (name, view, settings when saved, settings when read, the rule that decides, note)
    scenarios: list[tuple[str, Callable[[HttpRequest], None], dict[str, Any], dict[str, Any], str, str]] = [
        ("default", visit, {}, {}, "SESSION_COOKIE_AGE", "no set_expiry: SESSION_COOKIE_AGE"),
        ("set_expiry_300", expiring(300), {}, {}, "set_expiry-seconds", "set_expiry(300)"),
        ("set_expiry_0", expiring(0), {}, {}, "browser-close", "set_expiry(0): no Max-Age"),
        (
            "expire_at_browser_close",
            visit,
            {"SESSION_EXPIRE_AT_BROWSER_CLOSE": True},
            {"SESSION_EXPIRE_AT_BROWSER_CLOSE": True},
            "browser-close",
            "SESSION_EXPIRE_AT_BROWSER_CLOSE = True",
        ),
        (
            "cookie_age_changed",
            visit,
            {"SESSION_COOKIE_AGE": 3600},
            {},
            "cookie-expires",
            "set under SESSION_COOKIE_AGE = 3600, read after the site went back to two weeks: the cookie"
            " disagrees with the session's own end",
        ),
    ]
    if MAJOR_MINOR >= (4, 1):  # set_expiry(datetime) stores isoformat() (JSON-serializable) since 4.1
        scenarios += [
            (
                "set_expiry_date",
                expiring(at + datetime.timedelta(days=1)),
                {},
                {},
                "set_expiry-date",
                "set_expiry(datetime one day on)",
            ),
            (
                "set_expiry_date_beyond_max_age",
                expiring(at + datetime.timedelta(days=30)),
                {},
                {},
                "signed_cookies-max-age",
                "set_expiry(30 days on): load() refuses the signature after SESSION_COOKIE_AGE (#19201)",
            ),
        ]
    out: list[Vector] = []
    for name, view, saved_with, read_with, rule, note in scenarios:
        value, expiry = respond(view, **saved_with)
        vector = build(cookie_case(name, value, [KEY_A], note))
        signed_at = vector.expect["timestamp"]
        settings = {"SESSION_COOKIE_AGE": COOKIE_AGE, "SESSION_EXPIRE_AT_BROWSER_CLOSE": False, **read_with}
        expiry.update(
            settings=settings,
            refusedAfter=refused_after(value, signed_at, **read_with),
            rule=rule,
            disagree=saved_with != read_with,
        )
        vector.extra["expiry"] = expiry
        out.append(vector)
    return out
