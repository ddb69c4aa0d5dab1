"""CompanionSession.expiry: what Django's get_expiry_*() say, beside where the server drops it."""

from __future__ import annotations

import datetime
import time
from typing import Any

from django.contrib.sessions.backends.base import SessionBase

from .errors import CompanionError
from .jsonsafe import to_json
from .stores import StoredSession


def iso(value: datetime.datetime | None) -> str | None:
    # A naive datetime (USE_TZ = False) is in TIME_ZONE, which Django made the process's local time.
    return None if value is None else value.astimezone(datetime.timezone.utc).isoformat()


def expiry_info(store: SessionBase, stored: StoredSession) -> dict[str, Any]:
    # Hand the store its data so get_expiry_*() read it instead of calling load().
    store._session_cache = stored.data  # type: ignore[attr-defined]  # SessionBase's own cache slot
    try:
        age = store.get_expiry_age()
        date = store.get_expiry_date()
        at_browser_close = store.get_expire_at_browser_close()
    # A _session_expiry no datetime parser accepts (TypeError, ValueError), or seconds no
    # timedelta holds: 1e999 (JSON's Infinity) or 10**30 (OverflowError).
    except (TypeError, ValueError, OverflowError) as error:
        raise CompanionError("undecodable", f"_session_expiry: {error}", 422) from error
    server = stored.server
    expired = server.expires_at is not None and server.expires_at.timestamp() <= time.time()
    return {
        "age": age,
        "date": iso(date),
        "atBrowserClose": at_browser_close,
        "custom": to_json(stored.data.get("_session_expiry")),
        "server": {"source": server.source, "expiresAt": iso(server.expires_at), "ttl": server.ttl},
        "expired": stored.exists and expired,
    }
