"""The gate: whoever is not allowed sees exactly the site's own 404, and CORS only for extensions."""

from __future__ import annotations

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
    """Enabled on purpose on a staging box: the callback replaces the DEBUG/INTERNAL_IPS rule."""
    settings.DEBUG = False
    settings.SESSIONLENS = {"ENABLED": True, "SHOW_SESSION_CALLBACK": allow, "TOKEN": "t0ken"}
    response = client.get(
        LENS_URL,
        headers={"X-Sessionlens-Session": KEY, "X-Sessionlens-Token": "t0ken"},
        REMOTE_ADDR="203.0.113.7",
    )
    assert response.status_code == 200


def test_foreign_origin_is_refused(client: Client, lens: Lens, production_like: Any) -> None:
    assert lens(KEY).status_code == 200
    assert refused(client, lens(KEY, Origin="https://evil.example"))


def test_same_origin_is_allowed_without_cors(lens: Lens) -> None:
    response = lens(KEY, Origin="http://testserver")
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response


@pytest.mark.parametrize("origin", ["chrome-extension://abcdefghijklmnop", "moz-extension://1234-5678"])
def test_cors_for_extension_origins(lens: Lens, origin: str) -> None:
    response = lens(KEY, Origin=origin)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == origin
    assert "X-Sessionlens-Session" in response["Access-Control-Allow-Headers"]


def test_preflight_is_answered_without_the_token(lens: Lens, settings: Any) -> None:
    settings.SESSIONLENS = {"TOKEN": "s3cret-token"}
    origin = "chrome-extension://abcdefghijklmnop"
    response = lens(method="options", Origin=origin, **{"Access-Control-Request-Method": "GET"})
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == origin
    assert response["Access-Control-Allow-Methods"] == "GET, OPTIONS"
    assert "X-Sessionlens-Token" in response["Access-Control-Allow-Headers"]


def test_preflight_from_a_web_page_is_refused(client: Client, lens: Lens, production_like: Any) -> None:
    assert refused(client, lens(method="options", Origin="https://evil.example"))


def test_other_methods_are_not_allowed(lens: Lens) -> None:
    assert lens(KEY, method="post").status_code == 405
