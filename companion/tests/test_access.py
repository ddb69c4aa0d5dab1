"""The gate: whoever is not allowed sees exactly the site's own 404, and CORS only for extensions."""

from __future__ import annotations

import http.client
import urllib.parse
from typing import Any

import pytest
from django.conf import settings
from django.http import HttpRequest
from django.test import Client

from .conftest import LENS_URL, Lens

pytestmark = pytest.mark.django_db
KEY = "abcdefgh12345678abcdefgh12345678"


def refused(client: Client, response: Any) -> bool:
    """Exactly the body of a real 404 of this site. Compared with DEBUG off: with DEBUG on, Django's
    technical 404 page lists every URL pattern (this one included), so there is nothing to hide."""
    assert not settings.DEBUG
    real = client.get("/no-such-page/")
    assert real.status_code == 404
    return (
        response.status_code == 404
        and response.content == real.content
        and "Access-Control-Allow-Origin" not in response
    )


@pytest.fixture
def production_like(settings: Any) -> Any:
    """DEBUG off and the endpoint enabled on purpose for everyone: only the rule under test refuses."""
    settings.DEBUG = False
    settings.SESSIONLENS = {"ENABLED": True, "SHOW_SESSION_CALLBACK": allow}
    return settings


def deny(request: HttpRequest) -> bool:
    return False


def allow(request: HttpRequest) -> bool:
    return True


def test_allowed_locally_in_debug(lens: Lens) -> None:
    response = lens(KEY)
    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
    assert {"Origin", "X-Sessionlens-Session", "X-Sessionlens-Token"} <= {
        v.strip() for v in response["Vary"].split(",")
    }


def test_debug_off_is_a_plain_404(client: Client, lens: Lens, settings: Any) -> None:
    settings.DEBUG = False
    assert refused(client, lens(KEY))


def test_non_local_client_is_refused(client: Client, settings: Any) -> None:
    response = client.get(LENS_URL, headers={"X-Sessionlens-Session": KEY}, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 404


def test_internal_ips_are_allowed(client: Client, settings: Any) -> None:
    settings.INTERNAL_IPS = ["203.0.113.7"]
    response = client.get(LENS_URL, headers={"X-Sessionlens-Session": KEY}, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 200


def test_explicitly_disabled(lens: Lens, settings: Any) -> None:
    settings.SESSIONLENS = {"ENABLED": False}
    assert lens(KEY).status_code == 404


@pytest.mark.parametrize("sent", [None, "", "wrong-token", "s3cret-token-but-longer"])
def test_token_must_match(client: Client, lens: Lens, production_like: Any, sent: str | None) -> None:
    production_like.SESSIONLENS = {**production_like.SESSIONLENS, "TOKEN": "s3cret-token"}
    headers = {} if sent is None else {"X-Sessionlens-Token": sent}
    assert refused(client, lens(KEY, **headers))


def test_right_token_is_accepted(lens: Lens, settings: Any) -> None:
    settings.SESSIONLENS = {"TOKEN": "s3cret-token"}
    assert lens(KEY, **{"X-Sessionlens-Token": "s3cret-token"}).status_code == 200


def test_callback_can_deny_even_locally(client: Client, lens: Lens, production_like: Any) -> None:
    production_like.SESSIONLENS = {"ENABLED": True, "SHOW_SESSION_CALLBACK": "tests.test_access.deny"}
    assert refused(client, lens(KEY))


def test_callback_can_allow_outside_debug(client: Client, settings: Any) -> None:
    """Enabled on purpose on a staging box: the callback replaces the DEBUG/INTERNAL_IPS rule, and
    the box's own name is given to the companion (ALLOWED_HOSTS alone does not let it in)."""
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["staging.example"]
    config = {"ENABLED": True, "SHOW_SESSION_CALLBACK": allow, "TOKEN": "t0ken"}
    headers = {"X-Sessionlens-Session": KEY, "X-Sessionlens-Token": "t0ken", "Host": "staging.example"}
    settings.SESSIONLENS = config
    assert client.get(LENS_URL, headers=headers, REMOTE_ADDR="203.0.113.7").status_code == 404
    settings.SESSIONLENS = {**config, "ALLOWED_HOSTS": ["staging.example"]}
    assert client.get(LENS_URL, headers=headers, REMOTE_ADDR="203.0.113.7").status_code == 200


def test_foreign_origin_is_refused(client: Client, lens: Lens, production_like: Any) -> None:
    assert lens(KEY).status_code == 200
    assert refused(client, lens(KEY, Origin="https://evil.example"))


def test_same_origin_is_allowed_without_cors(lens: Lens) -> None:
    response = lens(KEY, Origin="http://127.0.0.1")
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response


@pytest.mark.parametrize("origin", ["chrome-extension://abcdefghijklmnop", "moz-extension://1234-5678"])
def test_cors_for_extension_origins(lens: Lens, origin: str) -> None:
    response = lens(KEY, Origin=origin)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == origin
    assert "X-Sessionlens-Session" in response["Access-Control-Allow-Headers"]


PREFLIGHT = {"Origin": "chrome-extension://abcdefghijklmnop", "Access-Control-Request-Method": "GET"}


def test_preflight_is_answered_without_a_token(lens: Lens) -> None:
    response = lens(method="options", **PREFLIGHT)
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == PREFLIGHT["Origin"]
    assert response["Access-Control-Allow-Methods"] == "GET, POST, OPTIONS"  # DEBUG on: writes too
    assert "X-Sessionlens-Token" in response["Access-Control-Allow-Headers"]


def test_preflight_is_refused_when_a_token_is_set(client: Client, lens: Lens, production_like: Any) -> None:
    """A preflight cannot carry the token; a 204 to it would tell anyone the endpoint exists."""
    assert lens(method="options", **PREFLIGHT).status_code == 204  # the rule under test refuses below
    production_like.SESSIONLENS = {**production_like.SESSIONLENS, "TOKEN": "s3cret-token"}
    assert refused(client, lens(method="options", **PREFLIGHT))
    assert refused(client, lens(KEY))


def test_preflight_from_a_web_page_is_refused(client: Client, lens: Lens, production_like: Any) -> None:
    assert refused(client, lens(method="options", Origin="https://evil.example"))


def test_other_methods_are_not_allowed(lens: Lens) -> None:
    assert lens(KEY, method="put").status_code == 405  # POST is a write: test_writes.py


@pytest.mark.parametrize(
    "origin",
    [
        "chrome-extension://x/../../evil",
        "chrome-extension://abcdefghijklmnop/",
        "chrome-extension://abcdefghijklmnop/page.html",
        "chrome-extension://abcdefghijklmnop?x=1",
        "chrome-extension://abcdefghijklmnop#x",
        "chrome-extension://user@abcdefghijklmnop",
        "chrome-extension://",
        "chrome-extension:abcdefghijklmnop",
        "xchrome-extension://abcdefghijklmnop",
        "null",
    ],
)
def test_extension_origins_are_matched_by_scheme_and_host(
    client: Client, lens: Lens, production_like: Any, origin: str
) -> None:
    assert lens(KEY, Origin="chrome-extension://abcdefghijklmnop").status_code == 200
    assert refused(client, lens(KEY, Origin=origin))


def test_an_origin_pattern_matches_the_host_only(lens: Lens, settings: Any) -> None:
    settings.SESSIONLENS = {"ALLOWED_ORIGINS": ["moz-extension://1234-*"]}
    assert (
        lens(KEY, Origin="moz-extension://1234-5678")["Access-Control-Allow-Origin"]
        == "moz-extension://1234-5678"
    )
    assert "Access-Control-Allow-Origin" not in lens(KEY, Origin="moz-extension://9999-5678")
    assert "Access-Control-Allow-Origin" not in lens(KEY, Origin="chrome-extension://1234-5678")


@pytest.mark.parametrize(
    "host", ["evil.example:8000", "evil.example", "127.0.0.1.evil.example:8000", "localhost.evil.example"]
)
def test_dns_rebinding_host_is_refused(client: Client, settings: Any, host: str) -> None:
    """A page of evil.example rebound to 127.0.0.1: loopback client, its own Host and Origin."""
    settings.ALLOWED_HOSTS = ["*"]
    headers = {"X-Sessionlens-Session": KEY, "Host": host, "Origin": f"http://{host}"}
    response = client.get(LENS_URL, headers=headers)
    assert response.status_code == 404
    assert "Access-Control-Allow-Origin" not in response
    assert b"sessionKey" not in response.content


@pytest.mark.parametrize(
    "host", ["127.0.0.1:8000", "127.0.0.2", "localhost:8000", "app.localhost", "[::1]:8000"]
)
def test_loopback_hosts_are_allowed(client: Client, settings: Any, host: str) -> None:
    settings.ALLOWED_HOSTS = ["*"]
    headers = {"X-Sessionlens-Session": KEY, "Host": host, "Origin": f"http://{host}"}
    assert client.get(LENS_URL, headers=headers).status_code == 200


def test_an_internal_ip_host_is_allowed(client: Client, settings: Any) -> None:
    """The development server reached over the LAN (a phone), at an address in INTERNAL_IPS."""
    settings.ALLOWED_HOSTS = ["*"]
    headers = {"X-Sessionlens-Session": KEY, "Host": "192.168.1.5:8000"}
    settings.INTERNAL_IPS = ["192.168.1.5"]
    assert client.get(LENS_URL, headers=headers, REMOTE_ADDR="192.168.1.5").status_code == 200
    # The same internal client, naming an address that is not in INTERNAL_IPS.
    headers["Host"] = "192.168.1.9:8000"
    assert client.get(LENS_URL, headers=headers, REMOTE_ADDR="192.168.1.5").status_code == 404


UTF8_TOKEN = "pässwörd-✓"


def wire(text: str) -> str:
    """What a WSGI server puts in META for a header a client sent as UTF-8 (PEP 3333: latin-1)."""
    return text.encode("utf-8").decode("latin-1")


def test_a_non_ascii_token_matches_as_utf8(client: Client, lens: Lens, production_like: Any) -> None:
    production_like.SESSIONLENS = {**production_like.SESSIONLENS, "TOKEN": UTF8_TOKEN}
    assert lens(KEY, **{"X-Sessionlens-Token": wire(UTF8_TOKEN)}).status_code == 200
    # The token's own characters, as text no server hands over, and its latin-1-able part.
    assert refused(client, lens(KEY, **{"X-Sessionlens-Token": UTF8_TOKEN}))
    assert refused(client, lens(KEY, **{"X-Sessionlens-Token": "pässwörd-"}))


def test_a_non_ascii_token_over_a_real_socket(live_server: Any, settings: Any) -> None:
    """The same through Django's own threaded WSGI server: the header goes out as raw UTF-8 bytes."""
    settings.SESSIONLENS = {"TOKEN": UTF8_TOKEN}
    url = urllib.parse.urlsplit(live_server.url)

    def status(token: bytes) -> int:
        connection = http.client.HTTPConnection(url.hostname or "", url.port, timeout=10)
        try:
            connection.putrequest("GET", LENS_URL)
            connection.putheader("X-Sessionlens-Token", token)  # bytes: sent as they are
            connection.endheaders()
            return connection.getresponse().status
        finally:
            connection.close()

    assert status(UTF8_TOKEN.encode("utf-8")) == 200
    assert status("pässwörd-".encode("latin-1")) == 404


def test_a_forwarded_host_does_not_hide_the_real_one(client: Client, settings: Any) -> None:
    """The rebound page sends X-Forwarded-Host itself (a same-origin GET needs no preflight); with
    USE_X_FORWARDED_HOST, get_host() would believe it and the Origin check never runs (none sent)."""
    settings.ALLOWED_HOSTS = ["*"]
    settings.USE_X_FORWARDED_HOST = True
    headers = {"X-Sessionlens-Session": KEY, "Host": "evil.example:8000", "X-Forwarded-Host": "127.0.0.1"}
    assert client.get(LENS_URL, headers=headers).status_code == 404
    behind_a_proxy = {"X-Sessionlens-Session": KEY, "Host": "127.0.0.1", "X-Forwarded-Host": "localhost"}
    assert client.get(LENS_URL, headers=behind_a_proxy).status_code == 200
