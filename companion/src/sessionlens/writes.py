"""POST writes: change the stored session through the engine's own SessionStore, as a view would.

A second gate inside the read gate (access.py): views.py answers the site's 404 unless
SESSIONLENS["ALLOW_WRITES"] allows it. The body must be JSON with Content-Type application/json:
a page of another site cannot send that without a CORS preflight, which the gate refuses (a form or
a text/plain POST needs none, so both are refused here). The answer is the updated session as a GET
answers it, plus the cookie SessionMiddleware would have set.
"""

from __future__ import annotations

import datetime
import json
import logging
import time
from typing import Any

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest
from django.utils import timezone

from .errors import CompanionError
from .expiry import iso
from .jsonsafe import Untaggable, from_json
from .keys import validate_key
from .protocol import SESSION_HEADER, ErrorCode
from .report import build_session, build_site, session_store_class

logger = logging.getLogger("sessionlens")

# Each op and the fields it needs besides "op"; any other field is refused so a typo cannot pass
# silently.
FIELDS: dict[str, tuple[str, ...]] = {
    "set": ("key", "value"),
    "delete": ("key",),
    "set_expiry": ("value",),
    "flush": (),
    "cycle_key": (),
}
OPS = tuple(FIELDS)


def bad_request(code: ErrorCode, message: str) -> CompanionError:
    return CompanionError(code, message, 400)


def parse_write(request: HttpRequest) -> dict[str, Any]:
    """The write the body asks for, checked before any store is touched."""
    if request.content_type != "application/json":
        raise bad_request(
            "unsupported-content-type",
            f"a write is JSON sent as application/json, not {request.content_type or 'no Content-Type'}",
        )
    try:
        raw = request.body
    except RequestDataTooBig as error:
        raise bad_request("too-long", f"the body is over DATA_UPLOAD_MAX_MEMORY_SIZE: {error}") from error
    try:
        body = json.loads(raw)
    except (ValueError, RecursionError) as error:  # UnicodeDecodeError is a ValueError
        raise bad_request("bad-json", f"the body is not JSON: {error}") from error
    if not isinstance(body, dict):
        raise bad_request("bad-json", 'the body must be a JSON object such as {"op": "flush"}')
    op = body.get("op")
    if op not in OPS:
        raise bad_request("unknown-op", f"unknown op {op!r}; one of {', '.join(OPS)}")
    missing = [name for name in FIELDS[op] if name not in body]
    if missing:
        raise bad_request("missing-value", f"{op} needs {' and '.join(repr(name) for name in missing)}")
    extra = sorted(set(body) - {"op", *FIELDS[op]})
    if extra:
        raise bad_request("bad-value", f"{op} takes no {', '.join(repr(name) for name in extra)}")
    if "key" in body and not isinstance(body["key"], str):
        raise bad_request("bad-value", "key must be a string")
    return body


def expiry_value(value: Any) -> int | datetime.datetime | None:
    """What SessionBase.set_expiry() accepts, from JSON: seconds (0: at browser close), None (the
    site's default) or an ISO 8601 datetime."""
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        if value is not None:
            try:  # get_expiry_date() adds these seconds to now: refuse what no datetime holds
                timezone.now() + datetime.timedelta(seconds=value)
            except OverflowError as error:
                raise bad_request("bad-value", f"set_expiry: {value} seconds is out of range") from error
        return value
    if not isinstance(value, str):
        raise bad_request("bad-value", "set_expiry takes seconds, 0, null or an ISO 8601 datetime")
    try:
        when = datetime.datetime.fromisoformat(value)
    except ValueError as error:
        raise bad_request("bad-value", f"set_expiry: {value!r} is not an ISO 8601 datetime") from error
    # get_expiry_age() subtracts timezone.now(): aware with USE_TZ, naive (in TIME_ZONE) without.
    if settings.USE_TZ and timezone.is_naive(when):
        raise bad_request("bad-value", "set_expiry: USE_TZ is on, so the datetime needs an offset")
    if not settings.USE_TZ and timezone.is_aware(when):
        when = timezone.make_naive(when)
    return when


def session_value(store: SessionBase, key: str, tagged: Any) -> Any:
    """The Python value of a tagged JSON value, refused unless SESSION_SERIALIZER can store it."""
    try:
        value = from_json(tagged)
    except Untaggable as error:
        raise bad_request("bad-value", str(error)) from error
    try:
        store.serializer().dumps({key: value})
    except Exception as error:  # JSONSerializer raises TypeError; a custom one anything
        name = f"{store.serializer.__module__}.{store.serializer.__qualname__}"
        raise bad_request("bad-value", f"{name} cannot store this value: {error}") from error
    return value


def apply(store: SessionBase, write: dict[str, Any]) -> None:
    op = write["op"]
    if op == "set":
        store[write["key"]] = session_value(store, write["key"], write["value"])
    elif op == "delete":
        if write["key"] not in store:
            raise bad_request("no-such-key", f"the session has no key {write['key']!r}")
        del store[write["key"]]
    elif op == "set_expiry":
        store.set_expiry(expiry_value(write["value"]))
    elif op == "flush":
        store.flush()
    else:
        store.cycle_key()


def commit(store: SessionBase) -> dict[str, Any] | None:
    """Save as SessionMiddleware.process_response does for a browser that holds the cookie, and
    return the cookie it would set: value None when it deletes it, None when it sends none."""
    name = settings.SESSION_COOKIE_NAME
    if store.is_empty():
        return {"name": name, "value": None, "expires": None, **cookie_attributes()}
    if not store.modified and not settings.SESSION_SAVE_EVERY_REQUEST:
        return None
    expires = None
    if not store.get_expire_at_browser_close():
        expires = iso(
            datetime.datetime.fromtimestamp(time.time() + store.get_expiry_age(), datetime.timezone.utc)
        )
    store.save()
    return {"name": name, "value": store.session_key, "expires": expires, **cookie_attributes()}


def cookie_attributes() -> dict[str, Any]:
    # The attributes SessionMiddleware passes to set_cookie(), so the panel can set the same cookie.
    return {
        "domain": settings.SESSION_COOKIE_DOMAIN,
        "path": settings.SESSION_COOKIE_PATH,
        "secure": bool(settings.SESSION_COOKIE_SECURE),
        "httpOnly": bool(settings.SESSION_COOKIE_HTTPONLY),
        "sameSite": settings.SESSION_COOKIE_SAMESITE or None,
    }


def write_session(request: HttpRequest) -> dict[str, Any]:
    """Apply one write to the session named by X-Sessionlens-Session; the answer as JSON."""
    write = parse_write(request)
    sent = request.headers.get(SESSION_HEADER)
    if not sent:
        raise bad_request("missing-session", f"a write names its session in {SESSION_HEADER}")
    store_class = session_store_class()
    key = validate_key(store_class, sent)
    # Read first: an engine read_stored() does not know, or a session its decode() rejects, is
    # refused before anything is written, and a write never lands where the answer cannot follow.
    build_session(store_class, key)
    store = store_class(key)
    apply(store, write)
    cookie = commit(store)
    # The op and key only: a value may be a password reset token or a card number. The key as its
    # repr, so a newline in it cannot forge a log line.
    logger.info("sessionlens write: op=%s key=%r", write["op"], write.get("key"))
    held = sent if cookie is None else cookie["value"]
    answer = build_session(store_class, held) if held else build_site(store_class)
    return answer if cookie is None else {**answer, "cookie": cookie}
