"""Cache backends beyond Django's own: django-redis (the most used Redis cache for Django) read with
its TTL like Django's RedisCache, and backends whose get() has side effects refused by name."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDbStore
from pytest_django.fixtures import Settings as SettingsWrapper

from . import test_engines
from .conftest import Lens

pytestmark = pytest.mark.django_db


class TestCacheEngineDjangoRedis(test_engines.TestCacheEngineRedis):
    """The whole engine contract, on django_redis.cache.RedisCache against a real redis-server: the
    same raw Redis checks as Django's own RedisCache (same key layout), another backend."""

    def configure(self, settings: SettingsWrapper, request: pytest.FixtureRequest) -> None:
        super().configure(settings, request)
        url = request.getfixturevalue("redis_url")
        settings.CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": url}}


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
