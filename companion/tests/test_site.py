"""Protocol 2's site part: answered without a session, and only the settings the panel needs, with
secret-looking values cleansed as Django's own error pages cleanse them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.views.debug import SafeExceptionReporterFilter, get_default_exception_reporter_filter

from sessionlens.site_settings import REPORTED_SETTINGS

from .conftest import Lens

pytestmark = pytest.mark.django_db
KEY = "abcdefgh12345678abcdefgh12345678"
REDACTED = SafeExceptionReporterFilter.cleansed_substitute


@pytest.mark.parametrize("sent", [None, ""])
def test_no_session_named_is_a_site_answer(lens: Lens, sent: str | None) -> None:
    response = lens(sent)
    assert response.status_code == 200
    body = response.json()
    assert (body["protocol"], body["ok"], body["kind"], body["readOnly"]) == (2, True, "site", True)
    assert body["engine"] == "django.contrib.sessions.backends.db"
    assert body["storeClass"] == "django.contrib.sessions.backends.db.SessionStore"
    assert (body["cookieName"], body["messagesCookieName"]) == ("sessionid", "messages")
    assert body["secretKey"] == {"looksWeak": False, "fallbacks": 1}
    # Nothing about any session: the site answer names none.
    assert not {"sessionKey", "exists", "data", "expiry", "user"} & set(body)
    assert not response.cookies


def test_writable_says_whether_writes_are_allowed(lens: Lens, settings: Any) -> None:
    assert lens().json()["writable"] is True  # DEBUG on: the default allows writes
    settings.SESSIONLENS = {"ALLOW_WRITES": False}
    assert lens().json()["writable"] is False
    settings.SESSIONLENS = {"ENABLED": True, "SHOW_SESSION_CALLBACK": "tests.test_writes.anyone"}
    settings.DEBUG = False
    assert lens().json()["writable"] is False  # reads forced on: writes still follow DEBUG


def test_the_site_answer_is_the_common_part_of_a_session_answer(lens: Lens) -> None:
    site, session = lens().json(), lens(KEY).json()
    common = set(site) - {"kind", "serverTime"}
    assert {name: session[name] for name in common} == {name: site[name] for name in common}


def test_custom_cookie_names(lens: Lens, settings: Any) -> None:
    settings.SESSION_COOKIE_NAME = "shop_session"
    settings.MESSAGE_STORAGE = "django.contrib.messages.storage.fallback.FallbackStorage"
    body = lens().json()
    assert (body["cookieName"], body["messagesCookieName"]) == ("shop_session", "messages")
    settings.MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
    assert lens().json()["messagesCookieName"] is None


def test_only_the_listed_settings_in_the_listed_order(lens: Lens, settings: Any) -> None:
    settings.SESSION_REDIS = {"host": "redis.internal", "password": "hunter2-redis"}
    settings.SESSION_REDIS_PASSWORD = "hunter2-plain"
    response = lens(KEY)
    reported = response.json()["settings"]
    # Django 6.2 adds SESSION_COOKIE_PARTITIONED; the suite runs on versions that lack it.
    assert list(reported) == [name for name in REPORTED_SETTINGS if name != "SESSION_COOKIE_PARTITIONED"]
    assert reported["SESSION_COOKIE_AGE"] == settings.SESSION_COOKIE_AGE
    assert reported["MESSAGE_STORAGE"] == "django.contrib.messages.storage.cookie.CookieStorage"
    assert b"hunter2" not in response.content
    assert b"redis.internal" not in response.content


def test_secret_looking_values_are_cleansed_nested_too(lens: Lens, settings: Any) -> None:
    # No listed setting is a dict by default; a site may still set one to anything, and whatever it
    # holds under a secret-looking name must not leave the server.
    settings.SESSION_CACHE_ALIAS = {
        "alias": "sessions",
        "password": "hunter2",
        "nested": {"api_key": "k-123", "Signature": "s-456", "keep": "visible"},
        "servers": [{"token": "t-789"}],
    }
    response = lens()
    assert response.json()["settings"]["SESSION_CACHE_ALIAS"] == {
        "alias": "sessions",
        "password": REDACTED,
        "nested": {"api_key": REDACTED, "Signature": REDACTED, "keep": "visible"},
        "servers": [{"token": REDACTED}],
    }
    for secret in ("hunter2", "k-123", "s-456", "t-789"):
        assert secret not in response.content.decode()


@pytest.fixture
def fresh_reporter_filter() -> Iterator[None]:
    # Django builds the default filter once per process (functools.lru_cache; the stubs type it
    # as a plain function).
    clear = get_default_exception_reporter_filter.cache_clear  # type: ignore[attr-defined]
    clear()
    yield
    clear()


@pytest.mark.usefixtures("fresh_reporter_filter")
def test_a_site_reporter_filter_is_honoured(lens: Lens, settings: Any) -> None:
    settings.DEFAULT_EXCEPTION_REPORTER_FILTER = "tests.test_site.StricterFilter"
    assert lens().json()["settings"]["SESSION_COOKIE_DOMAIN"] == REDACTED


class StricterFilter(SafeExceptionReporterFilter):
    """A site that also hides its cookie domain, the way Django's docs show customising the filter."""

    def cleanse_setting(self, key: Any, value: Any) -> Any:
        return (
            self.cleansed_substitute
            if key == "SESSION_COOKIE_DOMAIN"
            else super().cleanse_setting(key, value)
        )


def test_answers_are_plain_json(lens: Lens) -> None:
    # JsonResponse would write Infinity/NaN for non-finite floats, which JSON.parse refuses.
    json.loads(lens().content, parse_constant=lambda name: pytest.fail(f"non-JSON constant {name}"))
