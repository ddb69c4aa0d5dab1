from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest
import redis
from django.test import Client

if TYPE_CHECKING:  # the stubs' name for what the test client returns; not a runtime class
    from django.test.client import _MonkeyPatchedWSGIResponse

LENS_URL = "/__sessionlens__/session/"


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """A real redis-server on a free loopback port for this test run, stopped afterwards."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail(
            "redis-server is not installed; the cache-redis engine is tested against a real server "
            "(Debian: apt-get install redis-server, or make system)",
            pytrace=False,
        )
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                stderr = process.stderr.read().decode() if process.stderr else ""
                pytest.fail(f"redis-server did not start on port {port}: {stderr}", pytrace=False)
            time.sleep(0.02)
    yield url
    client.close()
    process.terminate()
    process.wait(timeout=10)


Lens = Callable[..., "_MonkeyPatchedWSGIResponse"]


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
