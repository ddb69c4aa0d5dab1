from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client

from stories.management.commands.prepare_demo import ensure_demo_user


@pytest.fixture(autouse=True, params=["db", "signed_cookies"])
def engine(request: pytest.FixtureRequest, settings: Any) -> str:
    """Every story on the default engine and on the one with no server-side store."""
    settings.SESSION_ENGINE = django_settings.SESSION_ENGINES[request.param]
    settings.DEMO_ENGINE = request.param
    settings.DEBUG = True  # pytest-django turns it off; the demo and the companion gate want it on
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only
    return str(request.param)


@pytest.fixture
def demo_user(db: None) -> None:
    ensure_demo_user()


def session_key(client: Client) -> str:
    return client.cookies[django_settings.SESSION_COOKIE_NAME].value


def server_session(client: Client) -> Any:
    """What the companion reports for the client's session: the server's view of the story."""
    response = client.get("/__sessionlens__/session/", headers={"X-Sessionlens-Session": session_key(client)})
    assert response.status_code == 200
    return response.json()
