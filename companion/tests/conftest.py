from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest
from django.test import Client

if TYPE_CHECKING:  # the stubs' name for what the test client returns; not a runtime class
    from django.test.client import _MonkeyPatchedWSGIResponse

# redis_url: a real redis-server per run, shared with the demo's suite (companion/testing/redis_server.py).
pytest_plugins = ["redis_server"]

LENS_URL = "/__sessionlens__/session/"

Lens = Callable[..., "_MonkeyPatchedWSGIResponse"]


@pytest.fixture
def client() -> Client:
    """pytest-django's client, but at a development server's address: the companion refuses the
    test client's default Host, "testserver", as it refuses any name that is not this machine's."""
    return Client(HTTP_HOST="127.0.0.1")


@pytest.fixture
def lens(client: Client) -> Lens:
    """GET the companion endpoint the way the extension does: the session key in a header."""

    def get(
        session_key: str | None = None, *, method: str = "get", **headers: Any
    ) -> _MonkeyPatchedWSGIResponse:
        if session_key is not None:
            headers["X-Sessionlens-Session"] = session_key
        response: _MonkeyPatchedWSGIResponse = getattr(client, method)(LENS_URL, headers=headers)
        return response

    return get


@pytest.fixture(autouse=True)
def debug_on(settings: Any) -> None:
    """pytest-django turns DEBUG off; the companion's default gate wants it on (as in development)."""
    settings.DEBUG = True
