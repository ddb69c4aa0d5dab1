"""SessionTimelineMiddleware on every engine: what each story's request records, read back from its
record URL. The records live in a real Redis (the cache a multi-process site would share)."""

from __future__ import annotations

import datetime
import os
import time
from importlib import import_module
from typing import Any, ClassVar

import pytest
import redis
from django.conf import settings as django_settings
from django.contrib.sessions.backends.base import SessionBase
from django.core.cache import caches
from django.db import connection, models
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.crypto import get_random_string
from pytest_django.fixtures import Settings as SettingsWrapper

from sessionlens.keys import mask
from sessionlens.protocol import RECORD_HEADER
from sessionlens.timeline_records import RECORD_KEY_PREFIX

from .conftest import Lens

pytestmark = pytest.mark.django_db
TIMELINE = "sessionlens.middleware.SessionTimelineMiddleware"
AGE = 1209600  # SESSION_COOKIE_AGE's default
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
# The fields of a CompanionSessionState that move with the clock, compared to the second.
MOVING = ("date", "expiresAt", "ttl")


def record_of(client: Client, response: Any) -> dict[str, Any]:
    """The CompanionTimelineRecord the response's X-Sessionlens-Record names, fetched as the panel does."""
    path = response[RECORD_HEADER]
    assert path.startswith("/__sessionlens__/timeline/")
    fetched = client.get(path)
    assert fetched.status_code == 200
    record: dict[str, Any] = fetched.json()
    assert (record["protocol"], record["ok"], record["kind"]) == (2, True, "timeline-record")
    assert path == f"/__sessionlens__/timeline/{record['id']}/"
    assert record["started"] <= record["finished"] <= time.time()
    return record


def session_key(client: Client) -> str:
    return client.cookies[django_settings.SESSION_COOKIE_NAME].value


def without_clock(state: dict[str, Any]) -> dict[str, Any]:
    """A CompanionSessionState without the fields that tick down between two reads."""
    expiry = {k: v for k, v in state["expiry"].items() if k not in MOVING}
    expiry["server"] = {k: v for k, v in state["expiry"]["server"].items() if k not in MOVING}
    return {**state, "expiry": expiry}


def as_a_get_answers(lens: Lens, key: str) -> dict[str, Any]:
    """The CompanionSessionState part of what GET /__sessionlens__/session/ answers for key."""
    body = lens(key).json()
    fields = ("sessionKey", "exists", "corrupt", "signedBy", "data", "expiry", "user")
    return without_clock({name: body[name] for name in fields})


class TimelineContract:
    engine: ClassVar[str]
    # cycle_key() gives a new key (login); signed_cookies has none to rotate.
    rotates_key: ClassVar[bool] = True
    server_ttl_after_set_expiry_300: ClassVar[int | None] = 300

    @pytest.fixture(autouse=True)
    def _timeline(
        self,
        settings: SettingsWrapper,
        request: pytest.FixtureRequest,
        redis_url: str,
        tmp_path: Any,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        settings.SESSION_ENGINE = self.engine
        settings.MIDDLEWARE = [TIMELINE, *settings.MIDDLEWARE]
        settings.CACHES = {
            "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}
        }
        self.redis = redis.Redis.from_url(redis_url)
        self.redis.flushdb()
        request.addfinalizer(self.redis.close)
        # file.SessionStore caches its folder on the class the first time it is used.
        settings.SESSION_FILE_PATH = str(tmp_path)
        monkeypatch.setattr(
            import_module("django.contrib.sessions.backends.file").SessionStore,
            "_storage_path",
            str(tmp_path),
            raising=False,
        )

    def store(self, session_key: str | None = None) -> SessionBase:
        store: SessionBase = import_module(django_settings.SESSION_ENGINE).SessionStore(session_key)
        return store

    # How each engine reaches its storage, for the no-write test.
    def pin_expiry(self, session_key: str) -> None:
        """Put the stored expiry where no save would, so that a save would show."""
        raise NotImplementedError

    def snapshot(self, session_key: str) -> Any:
        """What a save would change."""
        raise NotImplementedError

    @pytest.fixture
    def user(self, django_user_model: type[models.Model]) -> Any:
        return django_user_model.objects.create_user("ada", password="pw")  # type: ignore[attr-defined]

    # The stories.
    def test_counter_changes_the_data(self, client: Client, lens: Lens) -> None:
        first = record_of(client, response := client.get("/counter/"))
        assert response.content == b"1"
        assert (first["method"], first["path"], first["status"]) == ("GET", "/counter/", 200)
        assert (first["before"], first["keyChanged"], first["cookie"], first["truncated"]) == (
            None,
            True,
            "set",
            False,
        )
        assert first["after"]["data"] == {"visits_counter": 1}
        assert without_clock(first["after"]) == as_a_get_answers(lens, session_key(client))
        for visits in (2, 3):
            record = record_of(client, client.get("/counter/?again=1"))
            assert record["path"] == "/counter/?again=1"
            assert record["before"]["data"] == {"visits_counter": visits - 1}
            assert record["after"]["data"] == {"visits_counter": visits}
            assert (record["keyChanged"], record["cookie"]) == (False, "set")
            assert without_clock(record["after"]) == as_a_get_answers(lens, session_key(client))

    def test_a_cookie_django_rejects_is_no_session_before(self, client: Client) -> None:
        client.cookies[django_settings.SESSION_COOKIE_NAME] = "../../etc/passwd"
        record = record_of(client, client.get("/counter/"))
        assert (record["before"], record["keyChanged"], record["cookie"]) == (None, True, "set")
        assert record["after"]["data"] == {"visits_counter": 1}

    def test_pop_removes_the_key(self, client: Client) -> None:
        client.post("/cart/", {"item": "apple"})
        client.get("/counter/")
        record = record_of(client, response := client.get("/counter/pop/"))
        assert response.content == b"1"
        assert record["before"]["data"] == {"cart": ["apple"], "visits_counter": 1}
        assert record["after"]["data"] == {"cart": ["apple"]}
        assert (record["keyChanged"], record["cookie"]) == (False, "set")

    def test_login_then_its_redirect(self, client: Client, user: Any) -> None:
        """POST /login/ -> 302 -> GET /: two records, each exact; login() keeps the anonymous cart."""
        client.post("/cart/", {"item": "apple"})
        anonymous_key = session_key(client)
        login = record_of(client, response := client.post("/login/", {"username": "ada", "password": "pw"}))
        assert (response.status_code, response["Location"]) == (302, "/")
        assert (login["method"], login["path"], login["status"]) == ("POST", "/login/", 302)
        assert login["before"]["data"] == {"cart": ["apple"]}
        assert login["before"]["sessionKey"] == mask(anonymous_key)
        assert login["before"]["user"]["authenticated"] is False
        after = login["after"]
        assert after["sessionKey"] == mask(session_key(client))
        assert after["data"] == {
            "cart": ["apple"],
            "_auth_user_id": str(user.pk),
            "_auth_user_backend": MODEL_BACKEND,
            "_auth_user_hash": user.get_session_auth_hash(),
        }
        assert after["user"] == {
            "authenticated": True,
            "id": str(user.pk),
            "username": "ada",
            "isStaff": False,
            "backend": MODEL_BACKEND,
            "hashValid": True,
        }
        assert (login["keyChanged"], login["cookie"]) == (self.rotates_key, "set")
        assert session_key(client) != anonymous_key  # the cookie moved on, whatever the engine

        home = record_of(client, client.get(response["Location"]))
        assert (home["method"], home["path"], home["status"]) == ("GET", "/", 200)
        assert without_clock(home["before"]) == without_clock(after)
        assert without_clock(home["after"]) == without_clock(after)
        assert (home["keyChanged"], home["cookie"]) == (False, None)
        assert home["started"] >= login["finished"]

    def test_logout_flushes(self, client: Client, user: Any) -> None:
        client.force_login(user)
        record = record_of(client, client.post("/logout/"))
        assert record["status"] == 302
        assert record["before"]["user"]["username"] == "ada"
        assert (record["after"], record["cookie"], record["keyChanged"]) == (None, "deleted", True)

    def test_set_expiry_300(self, client: Client) -> None:
        client.get("/counter/")
        record = record_of(client, client.post("/expiry/", {"seconds": "300"}))
        before, after = record["before"]["expiry"], record["after"]["expiry"]
        assert (before["custom"], before["age"]) == (None, AGE)
        assert (after["custom"], after["age"], after["atBrowserClose"]) == (300, 300, False)
        assert after["date"] < before["date"]
        expected = self.server_ttl_after_set_expiry_300
        if expected is None:
            assert after["server"]["ttl"] is None
        else:
            assert expected - 3 <= after["server"]["ttl"] <= expected
        assert record["after"]["data"] == {"visits_counter": 1, "_session_expiry": 300}

    def test_password_change_logs_the_session_out(self, client: Client, user: Any) -> None:
        client.force_login(user)
        record = record_of(client, client.post("/password/"))
        before, after = record["before"], record["after"]
        assert (before["user"]["authenticated"], before["user"]["hashValid"]) == (True, True)
        assert (after["user"]["authenticated"], after["user"]["hashValid"]) == (False, False)
        assert after["user"]["username"] == "ada"  # the session still names the user
        assert after["data"] == before["data"]
        assert (record["keyChanged"], record["cookie"]) == (False, None)

    # Bounded.
    def test_the_record_expires_from_the_cache(self, client: Client) -> None:
        record = record_of(client, client.get("/counter/"))
        key = caches["default"].make_and_validate_key(RECORD_KEY_PREFIX + record["id"])
        assert 595 <= self.redis.ttl(key) <= 600

    def test_an_oversized_session_is_truncated(self, client: Client, settings: SettingsWrapper) -> None:
        settings.SESSIONLENS = {"TIMELINE_MAX_BYTES": 8192}
        small = record_of(client, client.post("/cart/", {"item": "apple"}))
        assert (small["truncated"], small["after"]["data"]) == (False, {"cart": ["apple"]})
        big = record_of(client, client.post("/cart/", {"item": get_random_string(9000)}))
        assert (big["truncated"], big["before"], big["after"]) == (True, None, None)
        assert (big["status"], big["cookie"]) == (200, "set")  # the rest of the record is kept

    # Read-only.
    def test_the_middleware_writes_nothing(self, client: Client) -> None:
        client.get("/counter/")
        key = session_key(client)
        self.pin_expiry(key)
        before = self.snapshot(key)
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/page/")  # a page that does not touch the session
        assert RECORD_HEADER in response  # the middleware did read and record it
        assert record_of(client, response)["after"]["data"] == {"visits_counter": 1}
        assert not response.cookies
        assert self.snapshot(key) == before
        writes = [
            q["sql"] for q in queries.captured_queries if not q["sql"].lstrip().upper().startswith("SELECT")
        ]
        assert writes == []


class DbRows(TimelineContract):
    def rows(self, session_key: str) -> Any:
        return self.store(session_key).model.objects.filter(session_key=session_key)  # type: ignore[attr-defined]

    def pin_expiry(self, session_key: str) -> None:
        self.rows(session_key).update(expire_date=timezone.now() + datetime.timedelta(seconds=1000))

    def snapshot(self, session_key: str) -> Any:
        return self.rows(session_key).values_list("session_data", "expire_date").get()


class TestDb(DbRows):
    engine = "django.contrib.sessions.backends.db"


class TestCustomStore(DbRows):
    """A SessionStore subclass with its own model (AbstractBaseSession)."""

    engine = "tests.custom_session"


class TestCachedDb(DbRows):
    engine = "django.contrib.sessions.backends.cached_db"

    def cache_key(self, session_key: str) -> str:
        return caches["default"].make_and_validate_key("django.contrib.sessions.cached_db" + session_key)

    def pin_expiry(self, session_key: str) -> None:
        super().pin_expiry(session_key)
        self.redis.expire(self.cache_key(session_key), 1000)

    def snapshot(self, session_key: str) -> Any:
        key = self.cache_key(session_key)
        return super().snapshot(session_key), self.redis.get(key), 990 <= self.redis.ttl(key) <= 1000


class TestCacheRedis(TimelineContract):
    engine = "django.contrib.sessions.backends.cache"

    def cache_key(self, session_key: str) -> str:
        return caches["default"].make_and_validate_key("django.contrib.sessions.cache" + session_key)

    def pin_expiry(self, session_key: str) -> None:
        self.redis.expire(self.cache_key(session_key), 1000)

    def snapshot(self, session_key: str) -> Any:
        key = self.cache_key(session_key)
        return self.redis.get(key), 990 <= self.redis.ttl(key) <= 1000


class TestFile(TimelineContract):
    engine = "django.contrib.sessions.backends.file"
    # An integer set_expiry() never expires a file session on the server (stores.py _file_expiry).
    server_ttl_after_set_expiry_300 = None

    def path(self, session_key: str) -> str:
        return os.path.join(
            str(django_settings.SESSION_FILE_PATH), django_settings.SESSION_COOKIE_NAME + session_key
        )

    def pin_expiry(self, session_key: str) -> None:
        past = time.time() - 1000
        os.utime(self.path(session_key), (past, past))

    def snapshot(self, session_key: str) -> Any:
        with open(self.path(session_key)) as stored:
            return stored.read(), os.stat(self.path(session_key)).st_mtime


class TestSignedCookies(TimelineContract):
    engine = "django.contrib.sessions.backends.signed_cookies"
    rotates_key = False
    # load() checks max_age=SESSION_COOKIE_AGE and ignores set_expiry (Django #19201).
    server_ttl_after_set_expiry_300 = AGE

    def pin_expiry(self, session_key: str) -> None:
        pass

    def snapshot(self, session_key: str) -> Any:
        return None  # nothing on the server: the no-Set-Cookie assertion is the proof
