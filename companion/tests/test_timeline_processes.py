"""Multi-process safety: two real `runserver --noreload` processes share one database and one
Redis, as gunicorn's workers would; a request served by one has its record answered by the other.
Nothing the timeline needs lives in a process."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlencode

import pytest
import redis
from django.db import connection

COMPANION = Path(__file__).resolve().parents[1]
SESSION_COOKIE = "sessionid"
# transaction=True: on PostgreSQL the servers use the test database, so the test must not hold a
# transaction open around their writes, and what they wrote is flushed afterwards.
pytestmark = pytest.mark.django_db(transaction=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Browser:
    """Holds the session cookie across servers, as one browser tab does across one site's workers."""

    session: str | None = None
    seen: list[str] = field(default_factory=list)

    def call(self, port: int, method: str, path: str, form: dict[str, str] | None = None) -> Answer:
        headers = {"Cookie": f"{SESSION_COOKIE}={self.session}"} if self.session else {}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            answer = Answer(response.status, response.headers, response.read())
        finally:
            conn.close()
        for header in answer.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie(header)
            if SESSION_COOKIE in cookie:
                morsel = cookie[SESSION_COOKIE]
                self.session = None if str(morsel["max-age"]) == "0" else morsel.value
        return answer

    def record(self, port: int, answer: Answer) -> dict[str, Any]:
        """The record of `answer`, fetched from the server on `port`."""
        path = answer.headers["X-Sessionlens-Record"]
        assert path, "the response names no record"
        fetched = self.call(port, "GET", path)
        assert fetched.status == 200, fetched.body
        record: dict[str, Any] = fetched.json()
        return record


def wait_for(port: int, process: subprocess.Popen[bytes], log: IO[bytes]) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                process.wait(timeout=10)
                log.seek(0)
                pytest.fail(f"runserver on {port} did not start: {log.read().decode(errors='replace')}")
            time.sleep(0.05)


def django_command(env: dict[str, str], *args: str, log: IO[bytes] | None = None) -> None:
    subprocess.run(
        [sys.executable, "-m", "django", *args], cwd=COMPANION, env=env, check=True, stdout=log, stderr=log
    )


@pytest.fixture
def database(tmp_path: Path) -> dict[str, Any]:
    """The database both servers share: the test database on PostgreSQL, a SQLite file otherwise
    (the suite's own SQLite database is in memory, private to this process)."""
    settings_dict = connection.settings_dict
    if settings_dict["ENGINE"] == "django.db.backends.postgresql":
        keys = ("ENGINE", "NAME", "USER", "PASSWORD", "HOST", "PORT")
        return {key: settings_dict[key] for key in keys}
    return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "shared.sqlite3")}


@pytest.fixture(params=["django.contrib.sessions.backends.db", "django.contrib.sessions.backends.cache"])
def servers(
    request: pytest.FixtureRequest, database: dict[str, Any], redis_url: str
) -> Iterator[tuple[int, int]]:
    """Two runserver processes on one database and one Redis, with the session engine under test."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.server_settings",
        "PYTHONPATH": os.pathsep.join([str(COMPANION), os.environ.get("PYTHONPATH", "")]),
        "SESSIONLENS_SERVER_DATABASE": json.dumps(database),
        "SESSIONLENS_SERVER_REDIS": redis_url,
        "SESSIONLENS_SERVER_ENGINE": str(request.param),
        "DJANGO_SUPERUSER_PASSWORD": "pw",
    }
    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    client.close()
    with tempfile.TemporaryFile() as log:
        if database["ENGINE"] == "django.db.backends.sqlite3":  # PostgreSQL's test database is migrated
            django_command(env, "migrate", "--run-syncdb", "--verbosity", "0", log=log)
        django_command(
            env, "createsuperuser", "--noinput", "--username", "ada", "--email", "ada@example.com", log=log
        )
        ports = free_port(), free_port()
        processes = [
            subprocess.Popen(
                [sys.executable, "-m", "django", "runserver", "--noreload", f"127.0.0.1:{port}"],
                cwd=COMPANION,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            for port in ports
        ]
        try:
            for port, process in zip(ports, processes, strict=True):
                wait_for(port, process, log)
            yield ports
        finally:
            for process in processes:
                process.terminate()
                process.wait(timeout=10)


def test_each_request_recorded_by_one_process_is_answered_by_the_other(servers: tuple[int, int]) -> None:
    a, b = servers
    browser = Browser()

    added = browser.call(b, "POST", "/cart/", {"item": "apple"})
    assert added.status == 200
    created = browser.record(a, added)  # served by b, answered by a
    assert created["before"] is None
    assert created["after"]["data"] == {"cart": ["apple"]}
    assert (created["keyChanged"], created["cookie"]) == (True, "set")
    assert browser.record(b, added) == created  # and the process that served it answers the same

    counted = browser.call(a, "GET", "/counter/")
    assert counted.body == b"1"
    record = browser.record(b, counted)
    assert record["before"]["data"] == {"cart": ["apple"]}
    assert record["after"]["data"] == {"cart": ["apple"], "visits_counter": 1}
    assert (record["keyChanged"], record["cookie"]) == (False, "set")

    anonymous = browser.session
    login = browser.call(b, "POST", "/login/", {"username": "ada", "password": "pw"})
    assert (login.status, login.headers["Location"]) == (302, "/")
    logged_in = browser.record(a, login)
    assert browser.session != anonymous
    assert logged_in["before"]["data"] == {"cart": ["apple"], "visits_counter": 1}
    assert logged_in["after"]["user"]["username"] == "ada"
    assert logged_in["after"]["user"]["authenticated"] is True
    assert logged_in["after"]["data"]["cart"] == ["apple"]
    assert (logged_in["keyChanged"], logged_in["cookie"], logged_in["status"]) == (True, "set", 302)

    home = browser.call(a, "GET", "/")
    followed = browser.record(b, home)
    assert followed["before"]["data"] == logged_in["after"]["data"]
    assert followed["after"]["data"] == logged_in["after"]["data"]
    assert (followed["keyChanged"], followed["cookie"], followed["status"]) == (False, None, 200)
    assert followed["started"] >= logged_in["finished"]

    logout = browser.call(b, "POST", "/logout/")
    flushed = browser.record(a, logout)
    assert (flushed["after"], flushed["cookie"], flushed["keyChanged"]) == (None, "deleted", True)
    assert browser.session is None
