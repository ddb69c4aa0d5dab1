"""pytest plugin shared by the companion's and the demo's suites: a real redis-server per run.

Load it with ``pytest_plugins = ["redis_server"]`` from a conftest, with this folder on pytest's
``pythonpath`` (both pyproject.toml files list ``../test/pytest``).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator

import pytest
import redis


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
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
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
                pytest.fail(
                    f"redis-server did not start on port {port}: {stderr}",
                    pytrace=False,
                )
            time.sleep(0.02)
    yield url
    client.close()
    process.terminate()
    process.wait(timeout=10)
