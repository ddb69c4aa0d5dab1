from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.backends.file import SessionStore as FileSessionStore
from django.core.cache import cache
from django.test import Client

from stories.management.commands.prepare_demo import ensure_demo_user

# redis_url: a real redis-server per run, from the companion's plugin (companion/testing/redis_server.py).
pytest_plugins = ["redis_server"]

ENGINES = list(django_settings.DEMO_SESSION_ENGINES)


@pytest.fixture(autouse=True, params=ENGINES)
def engine(
    request: pytest.FixtureRequest, settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> str:
    """Every story on every engine the demo runs on (SESSIONLENS_DEMO_ENGINE), as settings.py sets it."""
    name = str(request.param)
    settings.SESSION_ENGINE = django_settings.DEMO_SESSION_ENGINES[name]
    settings.DEMO_ENGINE = name
    settings.DEBUG = True  # pytest-django turns it off; the demo and the companion gate want it on
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only
    if name == "cache":
        redis_url = request.getfixturevalue("redis_url")
        settings.CACHES = {
            "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}
        }
        request.addfinalizer(_flush_default_cache)
    if name == "file":
        settings.SESSION_FILE_PATH = str(tmp_path)
        # The file engine caches SESSION_FILE_PATH on the class at first use
        # (django/contrib/sessions/backends/file.py, _get_storage_path): pin this test's folder.
        monkeypatch.setattr(FileSessionStore, "_storage_path", str(tmp_path), raising=False)
    return name


def _flush_default_cache() -> None:
    """One redis-server serves the whole run: each test starts without the last one's sessions."""
    cache.clear()


@pytest.fixture
def demo_user(db: None) -> None:
    ensure_demo_user()


def session_key(client: Client) -> str:
    return client.cookies[django_settings.SESSION_COOKIE_NAME].value


def server_session(client: Client) -> Any:
    """What the companion reports for the client's session: the server's view of the story."""
    # Host: the companion answers only names of this machine, not the test client's "testserver".
    headers = {"X-Sessionlens-Session": session_key(client), "Host": "127.0.0.1"}
    response = client.get("/__sessionlens__/session/", headers=headers)
    assert response.status_code == 200
    return response.json()
