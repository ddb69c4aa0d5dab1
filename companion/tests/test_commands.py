"""manage.py sessionlens show|decode, run as Django runs commands (call_command), on real storage."""

from __future__ import annotations

import json
import time
from io import StringIO
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.backends.db import SessionStore
from django.core import signing
from django.core.management import call_command
from django.core.management.base import CommandError
from pytest_django.fixtures import Settings as SettingsWrapper

from .conftest import Lens

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("sessionlens", *args, stdout=out)
    return out.getvalue()


def saved_session(**data: Any) -> str:
    store = SessionStore()
    store.update(data)
    store.save()
    assert store.session_key is not None
    return store.session_key


class TestShow:
    def test_the_same_report_as_the_endpoint(self, lens: Lens) -> None:
        key = saved_session(cart=[1, 2], visits=3)
        from_endpoint = lens(key).json()
        from_command = json.loads(run("show", key))
        # Made a moment apart: all but the clock (now, and now + SESSION_COOKIE_AGE) must agree.
        for report in (from_endpoint, from_command):
            assert abs(report.pop("serverTime") - time.time()) < 30
            assert report["expiry"].pop("date") is not None
        assert from_command == from_endpoint
        assert from_command["data"] == {"cart": [1, 2], "visits": 3}

    def test_works_with_debug_off_where_the_endpoint_does_not(
        self, lens: Lens, settings: SettingsWrapper
    ) -> None:
        key = saved_session(visits=1)
        settings.DEBUG = False
        assert lens(key).status_code == 404
        assert json.loads(run("show", key))["exists"] is True

    def test_a_bad_key_is_a_message_not_a_traceback(self) -> None:
        with pytest.raises(CommandError, match="invalid-session-key"):
            run("show", "not a key!")


class TestDecode:
    def test_verified_by_the_secret_key(self) -> None:
        value = signing.dumps({"visits": 2, "user": "demo"})
        out = run("decode", value)
        assert out.startswith("verified by SECRET_KEY, salt 'django.core.signing'\n")
        assert json.loads(out.split("\n", 1)[1]) == {"visits": 2, "user": "demo"}

    def test_names_the_fallback_that_verified(self) -> None:
        old_key = django_settings.SECRET_KEY_FALLBACKS[0]
        value = signing.dumps("old", key=old_key)
        assert run("decode", value).startswith("verified by SECRET_KEY_FALLBACKS[0]")

    def test_a_signed_cookies_session_by_its_own_salt(self, settings: SettingsWrapper) -> None:
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
        from django.contrib.sessions.backends.signed_cookies import SessionStore as CookieStore

        store = CookieStore()
        store["visits"] = 5
        store.save()
        assert store.session_key is not None
        out = run("decode", store.session_key)
        assert "salt 'django.contrib.sessions.backends.signed_cookies'" in out.splitlines()[0]
        assert json.loads(out.split("\n", 1)[1]) == {"visits": 5}

    def test_python_values_are_tagged(self) -> None:
        value = signing.dumps({"n": 2**60})
        assert json.loads(run("decode", value).split("\n", 1)[1]) == {
            "n": {"$py": "int", "value": str(2**60)}
        }

    def test_an_explicit_salt(self) -> None:
        value = signing.dumps("x", salt="my.app")
        with pytest.raises(CommandError, match="bad signature"):
            run("decode", value)
        assert run("decode", value, "--salt", "my.app").startswith("verified by SECRET_KEY, salt 'my.app'")

    def test_another_sites_key_is_a_bad_signature(self) -> None:
        value = signing.dumps("x", key="someone-else's-key-0123456789-0123456789-0123456789")
        with pytest.raises(CommandError, match=r"bad signature: neither SECRET_KEY nor its 1 fallback"):
            run("decode", value)

    def test_expired_with_max_age(self) -> None:
        value = signing.dumps("x")
        with pytest.raises(CommandError, match="valid but expired"):
            run("decode", value, "--max-age", "-1")

    def test_a_good_signature_over_bad_json(self) -> None:
        not_json = "bm90IGpzb24"  # base64 of "not json"
        value = signing.TimestampSigner(salt="django.core.signing").sign(not_json)
        with pytest.raises(CommandError, match=r"signed by SECRET_KEY .* but unreadable"):
            run("decode", value)
