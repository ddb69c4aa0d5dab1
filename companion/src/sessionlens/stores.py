"""Read a stored session straight from its engine's storage, without side effects.

Each engine's own ``load()`` has some: db and cached_db forget the key of an expired row, cached_db
fills the cache, the cache engine forgets a missing key, file ``load()`` deletes an expired file and
creates a new one, signed_cookies ``create()``s on a bad signature, and LocMem's ``get`` reorders
its LRU and drops expired entries. So each reader here goes to the storage itself and decodes with
the store's own ``decode()``.
"""

from __future__ import annotations

import datetime
import os
import pickle
import time
from dataclasses import dataclass
from typing import Any, Literal

from django.conf import settings
from django.contrib.sessions.backends import cache as cache_engine
from django.contrib.sessions.backends import cached_db, db, file, signed_cookies
from django.contrib.sessions.backends.base import SessionBase
from django.core import signing
from django.core.cache import BaseCache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.memcached import BaseMemcachedCache
from django.core.cache.backends.redis import RedisCache
from django.utils import timezone

from .secret_key import signed_by

# django/contrib/sessions/backends/signed_cookies.py, SessionStore.load()
SIGNED_COOKIES_SALT = "django.contrib.sessions.backends.signed_cookies"
# The django-redis package's backend, matched by name so that it stays an optional dependency.
DJANGO_REDIS_CACHE = "django_redis.cache.RedisCache"

Source = Literal["db", "cache", "file", "cookie", "unknown"]


class UnknownEngine(Exception):
    """The SessionStore is not one this module knows how to read without side effects."""


class Undecodable(Exception):
    """The store's own decode() raised, or returned something that is not a dict."""


@dataclass(frozen=True)
class ServerExpiry:
    source: Source
    expires_at: datetime.datetime | None = None  # None: the server never drops it by itself
    ttl: int | None = None


@dataclass(frozen=True)
class StoredSession:
    exists: bool
    corrupt: bool
    data: dict[str, Any]
    server: ServerExpiry
    # Which of the site's keys signed what is stored (secret_key.signed_by); None where nothing
    # signed is stored: no session, or the cache engine, which stores the dict itself.
    signed_by: str | None = None


def read_stored(store: SessionBase, session_key: str) -> StoredSession:
    # Most specific first: cached_db subclasses db.
    if isinstance(store, signed_cookies.SessionStore):
        return _read_signed_cookie(store, session_key)
    if isinstance(store, cached_db.SessionStore):
        return _read_cached_db(store, session_key)
    if isinstance(store, db.SessionStore):
        return _read_db(store, session_key)
    if isinstance(store, cache_engine.SessionStore):
        return _read_cache(store, session_key)
    if isinstance(store, file.SessionStore):
        return _read_file(store, session_key)
    raise UnknownEngine(f"the session store {_dotted(type(store))}")


def decode(store: SessionBase, session_data: str) -> tuple[dict[str, Any], bool]:
    """(data, corrupt): SessionBase.decode() answers {} for bad data, so tell empty from corrupt."""
    try:
        data = store.decode(session_data)
    except Exception as error:  # a custom decode() may raise; Django's own never does
        raise Undecodable(str(error)) from error
    if not isinstance(data, dict):
        raise Undecodable(f"decode() returned {type(data).__name__}, not dict")
    if data:
        return data, False
    try:
        signing.loads(session_data, salt=store.key_salt, serializer=store.serializer)
    except Exception:
        return {}, True
    return {}, False


def _remaining(expires_at: datetime.datetime) -> int:
    # .timestamp() reads a naive datetime as local time, which Django sets to TIME_ZONE.
    return max(0, int(expires_at.timestamp() - time.time()))


def _read_db(store: db.SessionStore, session_key: str) -> StoredSession:
    # Unlike _get_session_from_db() this also finds an expired row: it is still on the server until
    # clearsessions runs, and seeing that is the point.
    # session_key is the primary key, so at most one row: sliced rather than first(), whose
    # ORDER BY pk was a third of this read's time and cannot change which row comes back.
    rows = store.model.objects.filter(session_key=session_key).values_list("session_data", "expire_date")
    row = next(iter(rows[:1]), None)
    if row is None:
        return StoredSession(False, False, {}, ServerExpiry("db"))
    session_data, expire_date = row
    data, corrupt = decode(store, session_data)
    server = ServerExpiry("db", expire_date, _remaining(expire_date))
    return StoredSession(True, corrupt, data, server, signed_by(session_data, store.key_salt))


def _read_cached_db(store: cached_db.SessionStore, session_key: str) -> StoredSession:
    # Django reads the cache first and falls back to the row; the row's expire_date is what
    # clearsessions honours, so it is the server expiry either way. The cache holds the dict itself,
    # unsigned: the row, which every save writes first, says which key signed the session.
    stored = _read_db(store, session_key)
    try:
        cached = peek_cache(caches[settings.SESSION_CACHE_ALIAS], store.cache_key_prefix + session_key)
    except UnknownEngine:
        # A cache that cannot be peeked at: cached_db saves every change to the row too.
        return stored
    if cached is None or not isinstance(cached[0], dict):
        return stored
    return StoredSession(True, False, cached[0], stored.server, stored.signed_by)


def _read_cache(store: cache_engine.SessionStore, session_key: str) -> StoredSession:
    cached = peek_cache(caches[settings.SESSION_CACHE_ALIAS], store.cache_key_prefix + session_key)
    if cached is None:
        return StoredSession(False, False, {}, ServerExpiry("cache"))
    value, expiry = cached
    if not isinstance(value, dict):
        return StoredSession(True, True, {}, expiry)
    return StoredSession(True, False, value, expiry)


def peek_cache(cache: BaseCache, key: str) -> tuple[Any, ServerExpiry] | None:
    """(value, expiry) of a cache entry, or None; touching neither its TTL nor its LRU place."""
    full_key = cache.make_and_validate_key(key)
    if isinstance(cache, RedisCache):
        client = cache._cache.get_client(full_key)
        raw = client.get(full_key)
        if raw is None:
            return None
        value = cache._cache._serializer.loads(raw)  # type: ignore[attr-defined]  # not in django-stubs
        ttl = client.ttl(full_key)  # -1: no expiry
        if ttl < 0:
            return value, ServerExpiry("cache")
        return value, ServerExpiry("cache", timezone.now() + datetime.timedelta(seconds=ttl), ttl)
    if isinstance(cache, LocMemCache):
        # LocMemCache.get() would move the key to the front of its LRU and delete it if expired.
        with cache._lock:  # type: ignore[attr-defined]  # not in django-stubs
            pickled = cache._cache.get(full_key)  # type: ignore[attr-defined]
            expires = cache._expire_info.get(full_key)  # type: ignore[attr-defined]
        if pickled is None or (expires is not None and expires <= time.time()):
            return None
        value = pickle.loads(pickled)  # the site's own cache, written by LocMemCache.set()
        if expires is None:
            return value, ServerExpiry("cache")
        expires_at = datetime.datetime.fromtimestamp(expires, tz=datetime.timezone.utc)
        return value, ServerExpiry("cache", expires_at, max(0, int(expires - time.time())))
    if _derives_from(cache, DJANGO_REDIS_CACHE):
        return _peek_django_redis(cache, key)
    if isinstance(cache, (BaseMemcachedCache, DummyCache)):
        # A plain read on the server, no TTL exposed: the entry's expiry stays unknown.
        value = cache.get(key)
        return None if value is None else (value, ServerExpiry("cache"))
    # DatabaseCache.get() deletes an expired row and FileBasedCache.get() an expired file; a
    # backend this module does not know may do anything.
    raise UnknownEngine(f"the cache backend {_dotted(type(cache))}")


def _peek_django_redis(cache: Any, key: str) -> tuple[Any, ServerExpiry] | None:
    # django-redis's own get() and ttl() (DefaultClient): GET and TTL touch neither the entry's
    # expiry nor anything else; ttl() answers None for no expiry and 0 for a missing key.
    value = cache.get(key)
    if value is None:
        return None
    ttl = cache.ttl(key)
    if ttl is None:
        return value, ServerExpiry("cache")
    return value, ServerExpiry("cache", timezone.now() + datetime.timedelta(seconds=ttl), int(ttl))


def _dotted(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def _derives_from(obj: object, dotted: str) -> bool:
    return any(_dotted(cls) == dotted for cls in type(obj).__mro__)


def _read_file(store: file.SessionStore, session_key: str) -> StoredSession:
    path = os.path.join(store.storage_path, store.file_prefix + session_key)
    try:
        modified = os.stat(path).st_mtime
        with open(path, encoding="ascii") as session_file:
            file_data = session_file.read()
    except OSError:
        return StoredSession(False, False, {}, ServerExpiry("file"))
    # An empty file is the placeholder create() writes before the first save.
    data, corrupt = decode(store, file_data) if file_data else ({}, False)
    key = signed_by(file_data, store.key_salt) if file_data else None
    return StoredSession(True, corrupt, data, _file_expiry(store, data, modified), key)


def _file_expiry(store: file.SessionStore, data: dict[str, Any], modified: float) -> ServerExpiry:
    # Mirrors file.SessionStore._expiry_date(): a custom datetime expiry, else mtime + cookie age.
    # An integer custom expiry makes load() and clear_expired() see a positive age forever, so
    # Django never drops such a file by itself.
    custom = data.get("_session_expiry")
    if isinstance(custom, str):
        try:
            custom = datetime.datetime.fromisoformat(custom)
        except ValueError as error:  # Django's own _expiry_date() raises the same on it
            raise Undecodable(f"_session_expiry: {error}") from error
    if isinstance(custom, datetime.datetime):
        expires_at = custom
    elif custom:
        return ServerExpiry("file")
    else:
        last = datetime.datetime.fromtimestamp(modified, tz=datetime.timezone.utc)
        expires_at = last + datetime.timedelta(seconds=store.get_session_cookie_age())
    return ServerExpiry("file", expires_at, _remaining(expires_at))


def _read_signed_cookie(store: signed_cookies.SessionStore, session_key: str) -> StoredSession:
    try:
        # max_age=None: verify the signature only, so an expired cookie still shows its data.
        data = signing.loads(session_key, serializer=store.serializer, salt=SIGNED_COOKIES_SALT)
        # TimestampSigner layout: <payload>:<base62 timestamp>:<signature>
        timestamp = signing.b62_decode(session_key.rsplit(":", 2)[1])
    except Exception:
        return StoredSession(True, True, {}, ServerExpiry("cookie"))
    if not isinstance(data, dict):
        return StoredSession(True, True, {}, ServerExpiry("cookie"))
    # load() checks max_age=get_session_cookie_age() and ignores a custom expiry (Django #19201).
    signed_at = datetime.datetime.fromtimestamp(timestamp, tz=datetime.timezone.utc)
    expires_at = signed_at + datetime.timedelta(seconds=store.get_session_cookie_age())
    server = ServerExpiry("cookie", expires_at, _remaining(expires_at))
    # The cookie is the signed value itself.
    return StoredSession(True, False, data, server, signed_by(session_key, SIGNED_COOKIES_SALT))
