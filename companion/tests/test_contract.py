"""test/contract/*.json: the companion's real answers, which the panel's tests render too. This test
fails when they differ from what the companion answers now; after a deliberate change, rewrite them
with ``SESSIONLENS_WRITE_CONTRACT=1 ../.venv/bin/pytest tests/test_contract.py`` (from companion/)
and commit the new files with the change, so both sides move together."""

from __future__ import annotations

import datetime
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import HASH_SESSION_KEY
from django.db import models
from django.test import Client
from pytest_django.fixtures import Settings as SettingsWrapper

from sessionlens.protocol import RECORD_HEADER, SESSION_HEADER

from .conftest import LENS_URL, Lens

CONTRACT = Path(__file__).resolve().parents[2] / "test" / "contract"
pytestmark = [
    pytest.mark.django_db,
    # The files live in the repository, beside the panel's tests; an unpacked sdist has only this
    # suite (scripts/package-companion.sh puts them back so that the check still runs there).
    pytest.mark.skipif(not CONTRACT.is_dir(), reason=f"no contract files at {CONTRACT}"),
]
WRITE = os.environ.get("SESSIONLENS_WRITE_CONTRACT") == "1"

# What changes from run to run, replaced by fixed values. Times keep their distance from
# serverTime, rounded to the minute so the few milliseconds a request takes never show.
NOW = 1767225600  # 2026-01-01T00:00:00Z
MASKED_KEY = "xxxx…xxxx"
AUTH_HASH = "<_auth_user_hash: an HMAC of the password hash, new each run>"
DJANGO = "<django.get_version()>"
COOKIE_VALUE = "<the session key the browser must hold now>"
RECORD_ID = "<uuid4 hex, new for each request>"


def minute(seconds: float) -> int:
    return round(seconds / 60) * 60


def mover(server_time: float) -> Callable[[str | None], str | None]:
    """An ISO date moved to keep its distance (to the minute) from server_time, as from NOW."""

    def moved(iso: str | None) -> str | None:
        if iso is None:
            return None
        offset = minute(datetime.datetime.fromisoformat(iso).timestamp() - server_time)
        return datetime.datetime.fromtimestamp(NOW + offset, tz=datetime.timezone.utc).isoformat()

    return moved


def normalise(body: dict[str, Any]) -> dict[str, Any]:
    body = json.loads(json.dumps(body))
    if body["kind"] == "timeline-record":
        return normalise_record(body)
    moved = mover(body["serverTime"])
    body["serverTime"], body["django"] = NOW, DJANGO
    cookie = body.get("cookie")
    if cookie is not None:  # a write's answer: the session key is the cookie's value
        cookie["value"] = None if cookie["value"] is None else COOKIE_VALUE
        cookie["expires"] = moved(cookie["expires"])
    if body["kind"] == "session":
        normalise_state(body, moved)
    return body


def normalise_record(record: dict[str, Any]) -> dict[str, Any]:
    """A CompanionTimelineRecord: its id and times fixed, each session as in a session answer."""
    moved = mover(record["started"])
    record["id"], record["started"], record["finished"] = RECORD_ID, NOW, NOW
    for side in ("before", "after"):
        if record[side] is not None:
            normalise_state(record[side], moved)
    return record


def normalise_state(state: dict[str, Any], moved: Callable[[str | None], str | None]) -> None:
    """CompanionSessionState, in place: the masked key, the auth hash and the dates."""
    state["sessionKey"] = MASKED_KEY
    if HASH_SESSION_KEY in state["data"]:
        state["data"][HASH_SESSION_KEY] = AUTH_HASH
    expiry = state["expiry"]
    expiry["date"] = moved(expiry["date"])
    server = expiry["server"]
    server["expiresAt"] = moved(server["expiresAt"])
    if server["ttl"] is not None:
        server["ttl"] = minute(server["ttl"])


def check(name: str, body: dict[str, Any]) -> None:
    path = CONTRACT / f"{name}.json"
    answer = normalise(body)
    if WRITE:
        CONTRACT.mkdir(exist_ok=True)
        path.write_text(json.dumps(answer, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    committed = json.loads(path.read_text(encoding="utf-8"))
    assert committed == answer, (
        f"{path} is not what the companion answers now; if the change is deliberate, rewrite it "
        "(SESSIONLENS_WRITE_CONTRACT=1, see this file's docstring) and update the panel with it"
    )


@pytest.fixture
def demo_user(django_user_model: type[models.Model]) -> Any:
    # pk pinned: the answers name the user by id.
    return django_user_model.objects.create_user("demo", password="demo", pk=1)  # type: ignore[attr-defined]


def logged_in_key(client: Client, user: Any) -> str:
    client.force_login(user)
    return client.cookies[django_settings.SESSION_COOKIE_NAME].value


def test_no_session(lens: Lens) -> None:
    response = lens()
    assert response.status_code == 200
    check("no-session", response.json())


def test_logged_in(client: Client, lens: Lens, demo_user: Any) -> None:
    body = lens(logged_in_key(client, demo_user)).json()
    assert (body["user"]["authenticated"], body["user"]["hashValid"]) == (True, True)
    check("logged-in", body)


def test_stale_hash(client: Client, lens: Lens, demo_user: Any) -> None:
    """Logged out by a password change: get_user() refuses the session, which still names the user."""
    key = logged_in_key(client, demo_user)
    demo_user.set_password("changed")
    demo_user.save()
    body = lens(key).json()
    assert body["user"] == {
        "authenticated": False,
        "id": "1",
        "username": "demo",
        "isStaff": False,
        "backend": "django.contrib.auth.backends.ModelBackend",
        "hashValid": False,
    }
    check("stale-hash", body)


def test_fallback_key(client: Client, lens: Lens, settings: SettingsWrapper) -> None:
    """SECRET_KEY rotated with the old key moved to SECRET_KEY_FALLBACKS: the stored session still
    decodes, and signedBy names the fallback that signed it."""
    client.post("/cart/", {"item": "apple"})
    key = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "sessionlens-tests-rotated-key-0123456789-abcdefghijklmnopqrstuv"
    body = lens(key).json()
    assert (body["data"], body["signedBy"]) == ({"cart": ["apple"]}, "SECRET_KEY_FALLBACKS[0]")
    check("fallback-key", body)


def write(client: Client, session_key: str, body: dict[str, Any]) -> dict[str, Any]:
    """POST a write as the extension does (CSRF enforced, as on a real server)."""
    writer = Client(HTTP_HOST="127.0.0.1", enforce_csrf_checks=True)
    response = writer.post(
        LENS_URL,
        data=json.dumps(body),
        content_type="application/json",
        headers={SESSION_HEADER: session_key},
    )
    assert response.status_code == 200, response.content
    answer: dict[str, Any] = response.json()
    return answer


def test_write_set(client: Client, demo_user: Any) -> None:
    body = write(
        client, logged_in_key(client, demo_user), {"op": "set", "key": "visits_counter", "value": 40}
    )
    assert body["data"]["visits_counter"] == 40
    check("write-set", body)


def test_write_flush(client: Client, demo_user: Any) -> None:
    body = write(client, logged_in_key(client, demo_user), {"op": "flush"})
    assert (body["kind"], body["cookie"]["value"]) == ("site", None)
    check("write-flush", body)


@pytest.fixture
def timeline(settings: SettingsWrapper) -> None:
    settings.MIDDLEWARE = ["sessionlens.middleware.SessionTimelineMiddleware", *settings.MIDDLEWARE]


@pytest.mark.usefixtures("timeline")
def test_timeline_login(client: Client, demo_user: Any) -> None:
    """The record of POST /login/ from an anonymous session with a cart: login() cycles the key and
    keeps the cart, and the user is now logged in."""
    client.post("/cart/", {"item": "apple"})
    response = client.post("/login/", {"username": "demo", "password": "demo"})
    assert response.status_code == 302
    record = client.get(response[RECORD_HEADER]).json()
    assert (record["keyChanged"], record["cookie"], record["truncated"]) == (True, "set", False)
    assert record["before"]["data"] == {"cart": ["apple"]}
    assert record["after"]["user"]["authenticated"] is True
    check("timeline-login", record)


@pytest.mark.usefixtures("timeline")
def test_timeline_logout(client: Client, demo_user: Any) -> None:
    """The record of POST /logout/: logout() flushes, SessionMiddleware deletes the cookie, and
    there is no session after."""
    client.force_login(demo_user)
    response = client.post("/logout/")
    record = client.get(response[RECORD_HEADER]).json()
    assert (record["after"], record["keyChanged"], record["cookie"]) == (None, True, "deleted")
    assert record["before"]["user"]["authenticated"] is True
    check("timeline-logout", record)
