"""One contract, run against every session engine, the way Django's SessionTestsMixin tests its own
backends (tests/sessions_tests/tests.py). Each engine class only says how to reach its storage."""

from __future__ import annotations

import datetime
import os
import time
from decimal import Decimal
from importlib import import_module
from typing import Any, ClassVar

import pytest
import redis
from django.conf import settings as django_settings
from django.contrib.sessions.backends.base import VALID_KEY_CHARS, SessionBase
from django.core import signing
from django.core.cache import caches
from django.db import models
from django.test import Client
from django.utils import timezone
from django.utils.crypto import get_random_string
from pytest_django.fixtures import Settings as SettingsWrapper

from sessionlens.stores import SIGNED_COOKIES_SALT

from .conftest import Lens

pytestmark = pytest.mark.django_db
AGE = 1209600  # SESSION_COOKIE_AGE's default: two weeks
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def close_to(value: float, expected: float, slack: float = 3) -> bool:
    return abs(value - expected) <= slack


TOKEN = {"TOKEN": "s3cret-token"}
# name: (status, key sent instead of the real one or None, headers, SESSIONLENS). Each is refused
# before any store is read; the real session's key is sent wherever a key is, so a leak would show.
ABUSES: dict[str, tuple[int, str | None, dict[str, str], dict[str, Any]]] = {
    "dns-rebinding": (404, None, {"Host": "evil.example:8000", "Origin": "http://evil.example:8000"}, {}),
    "foreign-origin": (404, None, {"Origin": "https://evil.example"}, {}),
    "traversal-origin": (404, None, {"Origin": "chrome-extension://x/../../evil"}, {}),
    "no-token": (404, None, {}, TOKEN),
    "wrong-token": (404, None, {"X-Sessionlens-Token": "s3cret-tokeX"}, TOKEN),
    "preflight-without-token": (
        404,
        None,
        {"method": "options", "Origin": "chrome-extension://abcdefghijklmnop"},
        TOKEN,
    ),
    "put": (405, None, {"method": "put"}, {}),  # POST writes: test_writes.py
    "traversal-key": (400, "../../../../etc/passwd", {}, {}),
    "nul-key": (400, "abcdefgh\x00ijklmnop", {}, {}),
    "absurd-length": (400, "a" * 5000, {}, {}),
}


class SessionEngineContract:
    engine: ClassVar[str]
    source: ClassVar[str]
    # Queries one report makes for an anonymous session (a logged-in one adds the user's row).
    queries: ClassVar[int] = 0
    # (exists, expired) once the server's own expiry has passed.
    after_expiry: ClassVar[tuple[bool, bool]] = (True, True)
    # What the engine stores is signed (signing.dumps by SessionBase.encode(), or the cookie):
    # every engine but cache, which stores the dict itself.
    signs_stored: ClassVar[bool] = True

    @pytest.fixture(autouse=True)
    def _use_engine(
        self, settings: SettingsWrapper, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        settings.SESSION_ENGINE = self.engine
        self.monkeypatch = monkeypatch
        self.configure(settings, request)

    def configure(self, settings: SettingsWrapper, request: pytest.FixtureRequest) -> None:
        """Engine-specific settings and storage set-up."""

    def store(self, session_key: str | None = None) -> SessionBase:
        store: SessionBase = import_module(django_settings.SESSION_ENGINE).SessionStore(session_key)
        return store

    def save(self, data: dict[str, Any], expiry: int | None = None) -> str:
        store = self.store()
        store.update(data)
        if expiry is not None:
            store.set_expiry(expiry)
        store.save()
        assert store.session_key
        return store.session_key

    # How each engine reaches its storage.
    def snapshot(self, session_key: str) -> Any:
        """What a save would change; equal before and after a read-only request."""
        raise NotImplementedError

    def pin_expiry(self, session_key: str) -> None:
        """Put the stored expiry at a value no save would write, so a refresh would show."""
        raise NotImplementedError

    def expire_on_server(self, session_key: str) -> str:
        raise NotImplementedError

    def corrupt(self, session_key: str) -> str:
        raise NotImplementedError

    def server_ttl_after_set_expiry(self, seconds: int) -> int | None:
        return seconds

    def overwrite(self, session_key: str, data: dict[str, Any]) -> str:
        """Store data as the session, past save(), whose own expiry maths would raise on the values
        under test; returns the key that names it now."""
        raise NotImplementedError

    def count(self) -> Any:
        """How many sessions the storage holds: a request that created one would change it."""
        raise NotImplementedError

    def assert_no_trace(self, response: Any, session_key: str, before: Any, count: Any) -> None:
        """The abuse left nothing behind: no traceback, no cookie, nothing stored, nothing refreshed."""
        assert b"Traceback" not in response.content
        assert b'File "' not in response.content
        assert not response.cookies
        assert "Set-Cookie" not in response
        assert self.count() == count
        assert self.snapshot(session_key) == before

    # The contract.
    def test_json_round_trip(self, lens: Lens) -> None:
        key = self.save(
            {"visits_counter": 3, "cart": ["apple", "pear"], "big": 2**64, "ratio": 0.5, "n": None}
        )
        body = lens(key).json()
        assert body["ok"] is True
        assert (body["protocol"], body["kind"]) == (2, "session")
        assert (body["cookieName"], body["messagesCookieName"]) == ("sessionid", "messages")
        assert body["readOnly"] is True
        assert (body["exists"], body["corrupt"]) == (True, False)
        assert body["data"] == {
            "visits_counter": 3,
            "cart": ["apple", "pear"],
            "big": {"$py": "int", "value": "18446744073709551616"},
            "ratio": 0.5,
            "n": None,
        }
        assert body["engine"] == self.engine
        assert body["storeClass"] == f"{self.engine}.SessionStore"
        assert body["sessionKey"] == f"{key[:4]}…{key[-4:]}"
        assert key not in str(body)

    def test_python_values_are_tagged(self, lens: Lens, settings: SettingsWrapper) -> None:
        settings.SESSION_SERIALIZER = "tests.serializers.PickleSerializer"
        when = datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
        key = self.save(
            {
                "when": when,
                "by_id": {1: "one"},
                "tags": {"a"},
                "price": Decimal("1.10"),
                "raw": b"\x00\xff",
                "pair": (1, 2),
            }
        )
        assert lens(key).json()["data"] == {
            "when": {"$py": "datetime", "value": "2024-01-02T03:04:05+00:00"},
            "by_id": {"$py": "dict", "entries": [[1, "one"]]},
            "tags": {"$py": "set", "items": ["a"]},
            "price": {"$py": "decimal", "value": "1.10"},
            "raw": {"$py": "bytes", "value": "00ff"},
            "pair": {"$py": "tuple", "items": [1, 2]},
        }

    def test_unknown_key_is_not_there(self, lens: Lens) -> None:
        body = lens(get_random_string(32, VALID_KEY_CHARS)).json()
        assert (body["ok"], body["exists"], body["corrupt"], body["data"]) == (True, False, False, {})
        assert body["expiry"]["expired"] is False

    def test_default_expiry(self, lens: Lens) -> None:
        body = lens(self.save({"k": 1})).json()
        expiry, now = body["expiry"], body["serverTime"]
        assert (expiry["age"], expiry["atBrowserClose"], expiry["custom"], expiry["expired"]) == (
            AGE,
            False,
            None,
            False,
        )
        assert close_to(datetime.datetime.fromisoformat(expiry["date"]).timestamp(), now + AGE)
        server = expiry["server"]
        assert server["source"] == self.source
        assert close_to(server["ttl"], AGE)
        assert close_to(datetime.datetime.fromisoformat(server["expiresAt"]).timestamp(), now + AGE)

    def test_set_expiry_300(self, lens: Lens) -> None:
        body = lens(self.save({"k": 1}, expiry=300)).json()
        expiry = body["expiry"]
        assert (expiry["age"], expiry["atBrowserClose"], expiry["custom"]) == (300, False, 300)
        assert close_to(datetime.datetime.fromisoformat(expiry["date"]).timestamp(), body["serverTime"] + 300)
        expected = self.server_ttl_after_set_expiry(300)
        if expected is None:
            assert (expiry["server"]["ttl"], expiry["server"]["expiresAt"]) == (None, None)
        else:
            assert close_to(expiry["server"]["ttl"], expected)

    def test_set_expiry_0_ends_with_the_browser(self, lens: Lens) -> None:
        expiry = lens(self.save({"k": 1}, expiry=0)).json()["expiry"]
        assert (expiry["age"], expiry["atBrowserClose"], expiry["custom"]) == (AGE, True, 0)
        assert close_to(expiry["server"]["ttl"], AGE)

    def test_expired_on_the_server(self, lens: Lens) -> None:
        key = self.expire_on_server(self.save({"visits_counter": 9}))
        body = lens(key).json()
        assert (body["exists"], body["expiry"]["expired"]) == self.after_expiry
        assert body["data"] == ({"visits_counter": 9} if body["exists"] else {})

    def test_corrupt_data_is_flagged_not_raised(self, lens: Lens) -> None:
        response = lens(self.corrupt(self.save({"k": 1})))
        assert response.status_code == 200
        body = response.json()
        assert (body["exists"], body["corrupt"], body["data"], body["signedBy"]) == (True, True, {}, None)

    def test_signed_by_a_fallback_key(self, lens: Lens, settings: SettingsWrapper) -> None:
        """SECRET_KEY rotated, the old key kept in SECRET_KEY_FALLBACKS: Django still decodes the
        session (signing.loads tries the fallbacks), and the answer names the key that signed it,
        until the next save re-signs it with SECRET_KEY."""
        key = self.save({"visits_counter": 3})
        assert lens(key).json()["signedBy"] == ("SECRET_KEY" if self.signs_stored else None)
        old = settings.SECRET_KEY
        settings.SECRET_KEY = "sessionlens-tests-rotated-key-0123456789-abcdefghijklmnopqrstuv"
        # Second of two: the index is the key's place in the list.
        settings.SECRET_KEY_FALLBACKS = ["sessionlens-tests-unrelated-key-0123456789-abcdefghijklmnop", old]
        body = lens(key).json()
        assert (body["corrupt"], body["data"]) == (False, {"visits_counter": 3})
        assert body["signedBy"] == ("SECRET_KEY_FALLBACKS[1]" if self.signs_stored else None)
        resaved = self.store(key)
        resaved["visits_counter"] = 4
        resaved.save()
        assert resaved.session_key
        assert lens(resaved.session_key).json()["signedBy"] == ("SECRET_KEY" if self.signs_stored else None)

    def test_user_and_auth_hash(
        self, client: Client, lens: Lens, django_user_model: type[models.Model]
    ) -> None:
        user: Any = django_user_model.objects.create_user("ada", password="pw", is_staff=True)  # type: ignore[attr-defined]
        client.force_login(user)
        key = client.cookies[django_settings.SESSION_COOKIE_NAME].value
        assert lens(key).json()["user"] == {
            "authenticated": True,
            "id": str(user.pk),
            "username": "ada",
            "isStaff": True,
            "backend": MODEL_BACKEND,
            "hashValid": True,
        }
        user.set_password("changed")
        user.save()
        after = lens(key).json()["user"]
        assert (after["authenticated"], after["hashValid"], after["username"]) == (False, False, "ada")

    @pytest.mark.parametrize("custom", [1e999, -1e999, 10**30, float("nan"), "garbage", [1]])
    def test_absurd_custom_expiry_is_undecodable(self, lens: Lens, custom: Any) -> None:
        key = self.overwrite(self.save({"k": 1}), {"k": 1, "_session_expiry": custom})
        self.pin_expiry(key)
        before, count = self.snapshot(key), self.count()
        response = lens(key)
        body = response.json()
        assert (response.status_code, body["ok"], body["code"]) == (422, False, "undecodable")
        assert body["message"].startswith("_session_expiry")
        self.assert_no_trace(response, key, before, count)

    @pytest.mark.parametrize("abuse", sorted(ABUSES))
    def test_abuse_leaves_no_trace(self, lens: Lens, settings: SettingsWrapper, abuse: str) -> None:
        key = self.save({"secret_marker": "visible-only-when-allowed"})
        self.pin_expiry(key)
        before, count = self.snapshot(key), self.count()
        expected_status, sent_key, shared_headers, config = ABUSES[abuse]
        headers = dict(shared_headers)
        settings.ALLOWED_HOSTS = ["*"]  # what a development settings file often says
        settings.SESSIONLENS = config
        method = headers.pop("method", "get")
        response = lens(key if sent_key is None else sent_key, method=method, **headers)
        assert response.status_code == expected_status
        assert b"visible-only-when-allowed" not in response.content
        assert "Access-Control-Allow-Origin" not in response
        self.assert_no_trace(response, key, before, count)

    def test_read_only_even_with_save_every_request(
        self,
        client: Client,
        lens: Lens,
        settings: SettingsWrapper,
        django_user_model: type[models.Model],
        django_assert_max_num_queries: Any,
    ) -> None:
        settings.SESSION_SAVE_EVERY_REQUEST = True
        client.force_login(django_user_model.objects.create_user("ada", password="pw"))  # type: ignore[attr-defined]
        key = client.cookies[django_settings.SESSION_COOKIE_NAME].value
        self.pin_expiry(key)
        before = self.snapshot(key)
        with django_assert_max_num_queries(self.queries + 1):
            response = lens(key)  # the client sends the session cookie too, as a same-origin page would
        assert response.status_code == 200
        assert response.json()["user"]["username"] == "ada"
        assert not response.cookies
        assert self.snapshot(key) == before
        # Control: an ordinary page of the same site does save, so the assertions above can fail.
        assert django_settings.SESSION_COOKIE_NAME in client.get("/page/").cookies
        if before is not None:
            assert self.snapshot(key) != before


class DbRows(SessionEngineContract):
    """Storage access shared by the engines that keep a row per session."""

    def model(self, store: SessionBase) -> type[models.Model]:
        return store.model  # type: ignore[attr-defined, no-any-return]

    def rows(self, session_key: str) -> Any:
        return self.model(self.store(session_key)).objects.filter(session_key=session_key)  # type: ignore[attr-defined]

    def db_snapshot(self, session_key: str) -> Any:
        return self.rows(session_key).values_list("session_data", "expire_date").get()

    def pin_expiry(self, session_key: str) -> None:
        self.rows(session_key).update(expire_date=timezone.now() + datetime.timedelta(seconds=1000))

    def expire_on_server(self, session_key: str) -> str:
        self.rows(session_key).update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
        return session_key

    def corrupt(self, session_key: str) -> str:
        self.rows(session_key).update(session_data="bm90IGEgc2Vzc2lvbg:1abcde:forged-signature")
        return session_key

    def overwrite(self, session_key: str, data: dict[str, Any]) -> str:
        self.rows(session_key).update(session_data=self.store().encode(data))
        return session_key

    def count(self) -> Any:
        return self.model(self.store()).objects.count()  # type: ignore[attr-defined]


class TestDbEngine(DbRows):
    engine = "django.contrib.sessions.backends.db"
    source = "db"
    queries = 1

    def snapshot(self, session_key: str) -> Any:
        return self.db_snapshot(session_key)


class TestCustomDbSubclass(TestDbEngine):
    """A SessionStore subclass with its own model (AbstractBaseSession), as the docs describe."""

    engine = "tests.custom_session"


class TestCachedDbEngine(DbRows):
    engine = "django.contrib.sessions.backends.cached_db"
    source = "db"
    queries = 1

    def configure(self, settings: SettingsWrapper, request: pytest.FixtureRequest) -> None:
        caches["default"].clear()

    def cache_key(self, session_key: str) -> str:
        return "django.contrib.sessions.cached_db" + session_key

    def snapshot(self, session_key: str) -> Any:
        cache = caches["default"]
        full_key = cache.make_and_validate_key(self.cache_key(session_key))
        return self.db_snapshot(session_key), cache._expire_info.get(full_key)  # type: ignore[attr-defined]

    def corrupt(self, session_key: str) -> str:
        caches["default"].delete(self.cache_key(session_key))
        return super().corrupt(session_key)

    def overwrite(self, session_key: str, data: dict[str, Any]) -> str:
        caches["default"].set(self.cache_key(session_key), data, 1000)  # read first, as Django does
        return super().overwrite(session_key, data)

    def count(self) -> Any:
        return super().count(), len(caches["default"]._cache)  # type: ignore[attr-defined]


class CacheEngine(SessionEngineContract):
    engine = "django.contrib.sessions.backends.cache"
    source = "cache"
    after_expiry = (False, False)  # an expired cache entry is simply gone
    signs_stored = False

    def cache_key(self, session_key: str) -> str:
        return caches["default"].make_and_validate_key("django.contrib.sessions.cache" + session_key)

    def corrupt(self, session_key: str) -> str:
        caches["default"].set("django.contrib.sessions.cache" + session_key, "not a dict")
        return session_key

    def overwrite(self, session_key: str, data: dict[str, Any]) -> str:
        caches["default"].set("django.contrib.sessions.cache" + session_key, data, 1000)
        return session_key


class TestCacheEngineRedis(CacheEngine):
    """Django's own RedisCache against a real redis-server."""

    def configure(self, settings: SettingsWrapper, request: pytest.FixtureRequest) -> None:
        url = request.getfixturevalue("redis_url")
        settings.CACHES = {
            "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
        }
        self.redis = redis.Redis.from_url(url)
        self.redis.flushdb()
        request.addfinalizer(self.redis.close)

    def snapshot(self, session_key: str) -> Any:
        key = self.cache_key(session_key)
        return self.redis.get(key), 990 <= self.redis.ttl(key) <= 1000

    def pin_expiry(self, session_key: str) -> None:
        self.redis.expire(self.cache_key(session_key), 1000)

    def count(self) -> Any:
        return self.redis.dbsize()

    def expire_on_server(self, session_key: str) -> str:
        self.redis.pexpire(self.cache_key(session_key), 1)
        time.sleep(0.01)
        return session_key


class TestCacheEngineLocMem(CacheEngine):
    def configure(self, settings: SettingsWrapper, request: pytest.FixtureRequest) -> None:
        caches["default"].clear()

    def snapshot(self, session_key: str) -> Any:
        cache: Any = caches["default"]
        key = self.cache_key(session_key)
        # The LRU order is state too: LocMemCache.get() would move the key to the front.
        return cache._cache.get(key), cache._expire_info.get(key), list(cache._cache).index(key)

    def count(self) -> Any:
        return len(caches["default"]._cache)  # type: ignore[attr-defined]

    def pin_expiry(self, session_key: str) -> None:
        cache: Any = caches["default"]
        cache._expire_info[self.cache_key(session_key)] = time.time() + 1000
        cache._cache.move_to_end(self.cache_key(session_key))  # last, where no get() would put it

    def expire_on_server(self, session_key: str) -> str:
        cache: Any = caches["default"]
        cache._expire_info[self.cache_key(session_key)] = time.time() - 1
        return session_key


class TestFileEngine(SessionEngineContract):
    engine = "django.contrib.sessions.backends.file"
    source = "file"

    def configure(self, settings: SettingsWrapper, request: pytest.FixtureRequest) -> None:
        folder = str(request.getfixturevalue("tmp_path"))
        settings.SESSION_FILE_PATH = folder
        # file.SessionStore caches the folder on the class the first time it is used.
        self.monkeypatch.setattr(
            import_module(self.engine).SessionStore, "_storage_path", folder, raising=False
        )

    def path(self, session_key: str) -> str:
        folder = str(django_settings.SESSION_FILE_PATH)
        return os.path.join(folder, django_settings.SESSION_COOKIE_NAME + session_key)

    def snapshot(self, session_key: str) -> Any:
        with open(self.path(session_key)) as stored:
            return stored.read(), os.stat(self.path(session_key)).st_mtime

    def pin_expiry(self, session_key: str) -> None:
        past = time.time() - 1000
        os.utime(self.path(session_key), (past, past))

    def expire_on_server(self, session_key: str) -> str:
        past = time.time() - AGE - 10
        os.utime(self.path(session_key), (past, past))
        return session_key

    def corrupt(self, session_key: str) -> str:
        with open(self.path(session_key), "w") as stored:
            stored.write("bm90IGEgc2Vzc2lvbg:1abcde:forged-signature")
        return session_key

    def overwrite(self, session_key: str, data: dict[str, Any]) -> str:
        with open(self.path(session_key), "w") as stored:
            stored.write(self.store().encode(data))
        return session_key

    def count(self) -> Any:
        return sorted(os.listdir(django_settings.SESSION_FILE_PATH))

    def server_ttl_after_set_expiry(self, seconds: int) -> int | None:
        # file.SessionStore._expiry_date() hands an int expiry to get_expiry_age(), which returns it
        # unchanged: a positive age forever, so Django never drops that file by itself.
        return None


class TestSignedCookiesEngine(SessionEngineContract):
    engine = "django.contrib.sessions.backends.signed_cookies"
    source = "cookie"

    def snapshot(self, session_key: str) -> Any:
        return None  # nothing on the server; the no-Set-Cookie assertion is the proof

    def pin_expiry(self, session_key: str) -> None:
        pass

    def expire_on_server(self, session_key: str) -> str:
        signed_long_ago = time.time() - AGE - 10
        with self.monkeypatch.context() as patched:  # TimestampSigner.timestamp() reads time.time()
            patched.setattr(time, "time", lambda: signed_long_ago)
            return self.save({"visits_counter": 9})

    def corrupt(self, session_key: str) -> str:
        return session_key[:-4] + ("AAAA" if not session_key.endswith("AAAA") else "BBBB")

    def overwrite(self, session_key: str, data: dict[str, Any]) -> str:
        # signed_cookies.SessionStore._get_session_key(): the session is the signed value itself.
        return signing.dumps(
            data, salt=SIGNED_COOKIES_SALT, serializer=self.store().serializer, compress=True
        )

    def count(self) -> Any:
        return None  # nothing on the server; the no-Set-Cookie assertion is the proof

    def server_ttl_after_set_expiry(self, seconds: int) -> int | None:
        # signed_cookies.load() checks max_age=SESSION_COOKIE_AGE and ignores set_expiry (Django #19201).
        return AGE

    def test_unknown_key_is_not_there(self, lens: Lens) -> None:
        # There is no "unknown" signed cookie: one this site did not sign is corrupt.
        body = lens(signing.dumps({"k": 1}, salt="another.salt")).json()
        assert (body["ok"], body["exists"], body["corrupt"], body["data"]) == (True, True, True, {})
