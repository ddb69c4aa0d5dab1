"""The hostile views the panel's e2e stories use (test/e2e/hostile.ts), checked with Django itself."""

import zlib

import pytest
from django.conf import settings
from django.core import signing
from django.test import Client
from sessionlens.protocol import PROTOCOL

from stories.hostile import BOMB_INT_BYTES, SIGNED_COOKIES_SALT, XSS, long4_bomb

from .conftest import server_session, session_key

pytestmark = pytest.mark.django_db


def test_hostile_data_is_stored_as_is_and_the_page_escapes_it(client: Client) -> None:
    assert client.post("/hostile/").status_code == 302
    page = client.get("/hostile/").content.decode()
    assert 'data-stored="true"' in page
    assert XSS not in page  # autoescaped wherever the demo shows the session
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    data = server_session(client)["data"]
    assert data["xss"] == XSS
    assert data["bidi"] == "invoice\u202efdp.exe"
    assert data["<script>alert(2)</script>"] == "a hostile key"
    assert len(data["huge"]) == 1_000_000
    level, depth = data["deep"], 0
    while "next" in level:
        level, depth = level["next"], depth + 1
    assert (depth, level) == (50, {"bottom": XSS})


def test_the_planted_sessionid_is_a_validly_signed_compressed_long4_pickle(client: Client) -> None:
    response = client.post("/hostile/bomb/")
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    value = cookie.value
    assert len(settings.SESSION_COOKIE_NAME) + 1 + len(value) < 4096, "a browser keeps it"
    assert f'data-length="{len(value)}"' in response.content.decode()
    assert cookie["httponly"] is True
    # Django's own TimestampSigner accepts the signature; the payload inflates to the LONG4 pickle.
    payload = signing.TimestampSigner(salt=SIGNED_COOKIES_SALT).unsign(value)
    assert payload.startswith(".")
    pickled = zlib.decompress(signing.b64_decode(payload[1:].encode()))
    assert pickled == long4_bomb()
    assert pickled[:3] == b"\x80\x02\x8b" and int.from_bytes(pickled[3:7], "little") == BOMB_INT_BYTES


def test_planting_the_bomb_leaves_the_session_alone(client: Client) -> None:
    client.get("/counter/")
    before = client.cookies[settings.SESSION_COOKIE_NAME].value
    response = client.post("/hostile/bomb/")
    # Only the view's own Set-Cookie: SessionMiddleware neither saved nor deleted a session.
    assert response.cookies[settings.SESSION_COOKIE_NAME].value not in ("", before)
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == ""


def test_the_broken_companion_answers_claim_the_protocol_and_break_it(client: Client) -> None:
    client.get("/counter/")
    real = server_session(client)
    headers = {"X-Sessionlens-Session": session_key(client), "Host": "127.0.0.1"}
    response = client.get("/hostile/companion/malformed/", headers=headers)
    assert response.status_code == 200
    broken = response.json()
    assert (broken["engine"], broken["user"]) == (None, None)
    # Everything else is the real answer (the clock-driven expiry aside).
    stable = ("protocol", "ok", "kind", "cookieName", "settings", "data", "sessionKey", "storeClass")
    assert {k: broken[k] for k in stable} == {k: real[k] for k in stable}
    assert client.get("/hostile/companion/old/").json() == {"protocol": PROTOCOL - 1, "ok": True}
