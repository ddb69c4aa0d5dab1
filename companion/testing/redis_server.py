"""pytest plugin shared by the companion's and the demo's suites: a real redis-server per run.

Load it with ``pytest_plugins = ["redis_server"]`` from a conftest, with this folder on pytest's
``pythonpath``: ``testing`` in companion/pyproject.toml, ``../companion/testing`` in the demo's. It
lives in the companion so that its sdist, which carries the suite, can run it.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from typing import IO

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
    # Its log goes to a temporary file, read only if it fails to start: a pipe nobody drains would
    # be left open at exit (a ResourceWarning, an error under `python -W error`).
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"redis://127.0.0.1:{port}/0"
        client = redis.Redis.from_url(url)
        try:
            wait_until_up(client, process, log, port)
            yield url
        finally:
            client.close()
            process.terminate()
            process.wait(timeout=10)


def wait_until_up(client: redis.Redis, process: subprocess.Popen[bytes], log: IO[bytes], port: int) -> None:
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            return
        except redis.ConnectionError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                process.wait(timeout=10)
                log.seek(0)
                output = log.read().decode(errors="replace")
                pytest.fail(f"redis-server did not start on port {port}: {output}", pytrace=False)
            time.sleep(0.02)
