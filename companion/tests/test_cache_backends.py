"""Cache backends beyond Django's own: django-redis (the most used Redis cache for Django) read with
its TTL like Django's RedisCache, and backends whose get() has side effects refused by name."""

from __future__ import annotations

import time
from typing import Any

import pytest
import redis
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDbStore
from pytest_django.fixtures import Settings as SettingsWrapper

from .conftest import Lens
from .test_engines import CacheEngine

pytestmark = pytest.mark.django_db


class TestCacheEngineDjangoRedis(CacheEngine):
    """The whole engine contract, on django_redis.cache.RedisCache against a real redis-server."""

    def configure(self, settings: SettingsWrapper, request: pytest.FixtureRequest) -> None:
        url = request.getfixturevalue("redis_url")
        settings.CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": url}}
        self.redis = redis.Redis.from_url(url)
        self.redis.flushdb()
        request.addfinalizer(self.redis.close)

    def snapshot(self, session_key: str) -> Any:
        key = self.cache_key(session_key)
        return self.redis.get(key), 990 <= self.redis.ttl(key) <= 1000

    def pin_expiry(self, session_key: str) -> None:
        self.redis.expire(self.cache_key(session_key), 1000)

    def expire_on_server(self, session_key: str) -> str:
        self.redis.pexpire(self.cache_key(session_key), 1)
        time.sleep(0.01)
        return session_key


def file_cache(settings: SettingsWrapper, folder: str) -> None:
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": folder}
    }


def test_a_cache_whose_get_deletes_is_refused_by_name(
    lens: Lens, settings: SettingsWrapper, tmp_path: Any
) -> None:
    # FileBasedCache.get() deletes an expired entry's file: reading it is not read-only.
    file_cache(settings, str(tmp_path))
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    response = lens("abcdefgh12345678")
    body = response.json()
    assert (response.status_code, body["code"]) == (500, "unknown-engine")
    assert body["message"] == (
        "the cache backend django.core.cache.backends.filebased.FileBasedCache "
        "cannot be read without side effects"
    )


def test_cached_db_on_such_a_cache_reads_the_row(
    lens: Lens, settings: SettingsWrapper, tmp_path: Any
) -> None:
    file_cache(settings, str(tmp_path))
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    store = CachedDbStore()
    store["visits"] = 4
    store.save()
    assert store.session_key is not None
    body = lens(store.session_key).json()
    assert (body["ok"], body["data"], body["expiry"]["server"]["source"]) == (True, {"visits": 4}, "db")


def test_a_custom_session_store_is_refused_by_name(lens: Lens, settings: SettingsWrapper) -> None:
    settings.SESSION_ENGINE = "tests.opaque_session"
    body = lens("abcdefgh12345678").json()
    assert body["code"] == "unknown-engine"
    assert body["message"] == (
        "the session store tests.opaque_session.SessionStore cannot be read without side effects"
    )
