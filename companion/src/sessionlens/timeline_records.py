"""Where SessionTimelineMiddleware keeps its records: the site's own cache, bounded in size and time.

Nothing lives in the process, so any process sharing the cache (several gunicorn workers on
Redis or the database cache) can answer a record's URL for a request another one served.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from django.core.cache import BaseCache, caches

from .conf import get_config

RECORD_KEY_PREFIX = "sessionlens.timeline."


def new_record_id() -> str:
    """An unguessable id (uuid4, 122 random bits): the URL is a capability handed only to the
    client that made the request."""
    return uuid.uuid4().hex


def record_cache() -> BaseCache:
    return caches[get_config()["TIMELINE_CACHE"]]


def save_record(record: dict[str, Any]) -> dict[str, Any]:
    """Store a record for TIMELINE_TTL seconds; one over TIMELINE_MAX_BYTES of JSON loses its
    sessions (truncated: true), so one huge session cannot fill the cache. Returns what was stored."""
    config = get_config()
    if len(json.dumps(record)) > config["TIMELINE_MAX_BYTES"]:
        record = {**record, "before": None, "after": None, "truncated": True}
    record_cache().set(RECORD_KEY_PREFIX + record["id"], record, timeout=config["TIMELINE_TTL"])
    return record


def load_record(record_id: str) -> dict[str, Any] | None:
    """The record, or None when it never existed or its TTL has passed."""
    record = record_cache().get(RECORD_KEY_PREFIX + record_id)
    return record if isinstance(record, dict) else None
