"""Bad input is a CompanionError JSON with a stable code, never a 500 page."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session

from .conftest import Lens

pytestmark = pytest.mark.django_db


def error(response: Any) -> tuple[int, str]:
    body = response.json()
    assert body["ok"] is False
    assert body["protocol"] == 2
    assert "Traceback" not in body["message"]
    return response.status_code, body["code"]


@pytest.mark.parametrize(
    "key", ["short", "../../etc/passwd00", "ABCDEFGHIJKLMNOP", "a" * 41, "abc def ghi jkl", "é" * 10]
)
def test_malformed_keys(lens: Lens, key: str) -> None:
    assert error(lens(key)) == (400, "invalid-session-key")


def test_absurd_length(lens: Lens) -> None:
    assert error(lens("a" * 5000)) == (400, "too-long")


def test_max_key_length_setting(lens: Lens, settings: Any) -> None:
    settings.SESSIONLENS = {"MAX_KEY_LENGTH": 16}
    assert error(lens("a" * 32)) == (400, "too-long")


def test_malformed_signed_cookie(lens: Lens, settings: Any) -> None:
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
    assert error(lens("no-separators-here")) == (400, "invalid-session-key")
    assert error(lens("bad<chars>:x:y")) == (400, "invalid-session-key")


def test_unknown_engine(lens: Lens, settings: Any) -> None:
    # SessionMiddleware would fail first on such a site; the companion must still answer JSON.
    settings.MIDDLEWARE = []
    settings.SESSION_ENGINE = "no.such.engine"
    assert error(lens("abcdefgh12345678")) == (500, "unknown-engine")


def test_engine_without_a_side_effect_free_reader(lens: Lens, settings: Any) -> None:
    settings.SESSION_ENGINE = "tests.opaque_session"
    status, code = error(lens("abcdefgh12345678"))
    assert (status, code) == (500, "unknown-engine")


def test_custom_decode_that_raises(lens: Lens, settings: Any) -> None:
    settings.SESSION_ENGINE = "tests.raising_session"
    store = SessionStore()
    store["k"] = 1
    store.save()
    assert store.session_key
    assert error(lens(store.session_key)) == (422, "undecodable")


def test_unparseable_custom_expiry(lens: Lens) -> None:
    store = SessionStore()
    store["k"] = 1
    store.save()  # save() itself would choke on the bad expiry, so write it into the row afterwards
    assert store.session_key
    Session.objects.filter(pk=store.session_key).update(
        session_data=store.encode({"_session_expiry": "not a date"})
    )
    assert error(lens(store.session_key)) == (422, "undecodable")


def test_storage_failure_is_a_server_error(lens: Lens, settings: Any) -> None:
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    # Nothing listens on port 1: the redis client raises ConnectionError.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    status, code = error(lens("abcdefgh12345678"))
    assert (status, code) == (500, "server-error")
