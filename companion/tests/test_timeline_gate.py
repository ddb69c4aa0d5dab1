"""Who gets a timeline record: only a client the read gate would show its session to, only while
the timeline is on; and the record URL is behind the same gate and token as the session URL."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from asgiref.sync import async_to_sync
from django.conf import settings as django_settings
from django.http import HttpRequest
from django.test import AsyncClient, Client
from django.urls import path
from pytest_django.fixtures import Settings as SettingsWrapper

from sessionlens.protocol import RECORD_HEADER, TOKEN_HEADER
from sessionlens.timeline_records import RECORD_KEY_PREFIX

from . import stories
from .conftest import LENS_URL, Lens

pytestmark = pytest.mark.django_db
TIMELINE = "sessionlens.middleware.SessionTimelineMiddleware"
SESSION_MIDDLEWARE = "django.contrib.sessions.middleware.SessionMiddleware"


@pytest.fixture(autouse=True)
def records(settings: SettingsWrapper, redis_url: str) -> Iterator[redis.Redis]:
    """The middleware installed, its records in a real Redis; yields that Redis to count them."""
    settings.MIDDLEWARE = [TIMELINE, *settings.MIDDLEWARE]
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url},
        "dummy": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
    server = redis.Redis.from_url(redis_url)
    server.flushdb()
    yield server
    server.close()


def stored(server: redis.Redis) -> int:
    return len(server.keys(f"*{RECORD_KEY_PREFIX}*"))


def deny(request: HttpRequest) -> bool:
    return False


def test_recorded_in_development(client: Client, records: redis.Redis) -> None:
    """The control for every refusal below: the same request, allowed, is recorded."""
    response = client.get("/counter/")
    assert response[RECORD_HEADER].startswith("/__sessionlens__/timeline/")
    assert stored(records) == 1


@pytest.mark.parametrize(
    ("refusal", "client_kwargs", "config"),
    [
        ("debug-off", {}, {}),
        ("non-local-client", {"REMOTE_ADDR": "10.0.0.5"}, {}),
        ("callback-says-no", {}, {"SHOW_SESSION_CALLBACK": deny}),
        ("disabled", {}, {"ENABLED": False}),
        ("timeline-off", {}, {"TIMELINE": False}),
        ("dummy-cache", {}, {"TIMELINE_CACHE": "dummy"}),
        ("dns-rebound-host", {"HTTP_HOST": "evil.example"}, {}),
        ("foreign-origin", {"HTTP_ORIGIN": "https://evil.example"}, {}),
    ],
)
def test_nothing_recorded_when_refused(
    settings: SettingsWrapper, records: redis.Redis, refusal: str, client_kwargs: dict[str, Any], config: Any
) -> None:
    settings.DEBUG = refusal != "debug-off"
    settings.ALLOWED_HOSTS = ["*"]  # a rebound name passes Django's own check; the gate's refuses it
    settings.SESSIONLENS = config
    client = Client(**{"HTTP_HOST": "127.0.0.1", **client_kwargs})
    response = client.get("/counter/")
    assert response.status_code == 200
    assert response.content == b"1"  # the site itself works as before
    assert django_settings.SESSION_COOKIE_NAME in response.cookies
    assert RECORD_HEADER not in response
    assert stored(records) == 0


def test_a_host_outside_allowed_hosts_is_not_recorded(records: redis.Redis) -> None:
    response = Client(HTTP_HOST="evil.example").get("/counter/")
    assert response.status_code == 200  # nothing on this site asks for the host; nor does the middleware
    assert RECORD_HEADER not in response
    assert stored(records) == 0


def test_nothing_recorded_when_listed_after_session_middleware(
    settings: SettingsWrapper, client: Client, records: redis.Redis
) -> None:
    """It would record the session as it was before the save: the site answer says so instead."""
    others = [m for m in settings.MIDDLEWARE if m != TIMELINE]
    at = others.index(SESSION_MIDDLEWARE) + 1
    settings.MIDDLEWARE = [*others[:at], TIMELINE, *others[at:]]
    response = client.get("/counter/")
    assert (response.content, RECORD_HEADER in response, stored(records)) == (b"1", False, 0)


# The site's URLconf, for the test below: its pages without the companion's URLs.
urlpatterns = [path("counter/", stories.counter)]


def test_nothing_recorded_without_the_companion_urls(
    settings: SettingsWrapper, client: Client, records: redis.Redis
) -> None:
    settings.ROOT_URLCONF = __name__
    response = client.get("/counter/")
    assert (response.content, RECORD_HEADER in response, stored(records)) == (b"1", False, 0)


def raising(request: HttpRequest) -> bool:
    raise RuntimeError("a callback with a bug")


def test_a_callback_that_raises_never_breaks_the_page(
    settings: SettingsWrapper, client: Client, records: redis.Redis, caplog: pytest.LogCaptureFixture
) -> None:
    settings.SESSIONLENS = {"SHOW_SESSION_CALLBACK": raising}
    with caplog.at_level(logging.ERROR, logger="sessionlens"):
        response = client.get("/counter/")
    assert (response.status_code, response.content, RECORD_HEADER in response) == (200, b"1", False)
    assert "the timeline could not tell whether to record /counter/" in caplog.text


def test_the_companion_urls_are_not_recorded(client: Client, lens: Lens, records: redis.Redis) -> None:
    client.get("/counter/")
    assert RECORD_HEADER not in lens(client.cookies[django_settings.SESSION_COOKIE_NAME].value)
    fetched = client.get(client.get("/counter/")[RECORD_HEADER])
    assert fetched.status_code == 200
    assert RECORD_HEADER not in fetched
    assert stored(records) == 2  # the two counter visits, nothing for the companion's own answers


def test_a_cache_outage_never_breaks_the_page(
    settings: SettingsWrapper, client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    with caplog.at_level(logging.ERROR, logger="sessionlens"):
        response = Client(HTTP_HOST="127.0.0.1").get("/page/")
    assert (response.status_code, response.content) == (200, b"ok")
    assert RECORD_HEADER not in response
    assert "the timeline could not record GET /page/" in caplog.text


# The record URL.
def test_the_record_url_wants_the_token(client: Client, settings: SettingsWrapper) -> None:
    settings.SESSIONLENS = {"TOKEN": "s3cret-token"}
    path = client.get("/counter/")[RECORD_HEADER]  # a page is recorded without the token
    assert client.get(path).status_code == 404
    assert client.get(path, headers={TOKEN_HEADER: "s3cret-tokeX"}).status_code == 404
    answer = client.get(path, headers={TOKEN_HEADER: "s3cret-token"})
    assert answer.status_code == 200
    assert answer.json()["after"]["data"] == {"visits_counter": 1}
    assert answer["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"


@pytest.fixture
def production_like(settings: SettingsWrapper) -> None:
    """DEBUG off (so a 404 is the site's plain one) and the gate open, as in test_access.py."""
    settings.DEBUG = False
    settings.SESSIONLENS = {"ENABLED": True, "SHOW_SESSION_CALLBACK": "tests.test_timeline_gate.allow"}


def allow(request: HttpRequest) -> bool:
    return True


@pytest.mark.parametrize("record_id", ["unknown", "malformed", "uppercase", "expired"])
def test_an_id_that_names_no_record_is_the_sites_404(
    client: Client, settings: SettingsWrapper, production_like: None, record_id: str
) -> None:
    real = client.get("/no-such-page/")
    assert real.status_code == 404
    if record_id == "expired":
        settings.SESSIONLENS = {**settings.SESSIONLENS, "TIMELINE_TTL": 1}
        path = client.get("/counter/")[RECORD_HEADER]
        assert client.get(path).status_code == 200
        time.sleep(1.1)
    else:
        known = client.get("/counter/")[RECORD_HEADER].split("/")[-2]
        path = {
            "unknown": f"/__sessionlens__/timeline/{uuid.uuid4().hex}/",
            "malformed": "/__sessionlens__/timeline/../session/",
            "uppercase": f"/__sessionlens__/timeline/{known.upper()}/",
        }[record_id]
    answer = client.get(path)
    assert (answer.status_code, answer.content) == (404, real.content)
    assert "Access-Control-Allow-Origin" not in answer


def test_the_record_url_is_refused_like_the_session_url(client: Client, settings: SettingsWrapper) -> None:
    path = client.get("/counter/")[RECORD_HEADER]
    settings.DEBUG = False
    assert client.get(path).status_code == 404
    assert client.get(LENS_URL).status_code == 404


def test_the_record_url_only_reads(client: Client) -> None:
    path = client.get("/counter/")[RECORD_HEADER]
    assert client.post(path).status_code == 405
    assert client.get(path).status_code == 200


# The site answer says whether the timeline records.
@pytest.mark.parametrize(
    ("middleware", "config", "reason"),
    [
        ("before", {}, None),
        ("missing", {}, f"{TIMELINE} is not in MIDDLEWARE"),
        (
            "after",
            {},
            f"{TIMELINE} is listed after SessionMiddleware: it must come before it, to see the session "
            "once SessionMiddleware has saved it",
        ),
        ("before", {"TIMELINE": False}, "SESSIONLENS['TIMELINE'] is off"),
        (
            "before",
            {"TIMELINE_CACHE": "dummy"},
            "the timeline cache 'dummy' is a DummyCache, which keeps nothing",
        ),
        (
            "before",
            {"TIMELINE_CACHE": "nowhere"},
            "SESSIONLENS['TIMELINE_CACHE'] = 'nowhere' names no entry of CACHES",
        ),
    ],
)
def test_the_site_answer_says_whether_it_records(
    settings: SettingsWrapper, lens: Lens, middleware: str, config: Any, reason: str | None
) -> None:
    others = [m for m in settings.MIDDLEWARE if m != TIMELINE]
    at = others.index(SESSION_MIDDLEWARE)
    settings.MIDDLEWARE = {
        "before": [TIMELINE, *others],
        "missing": others,
        "after": [*others[: at + 1], TIMELINE, *others[at + 1 :]],
    }[middleware]
    settings.SESSIONLENS = config
    assert lens().json()["timeline"] == {"recording": reason is None, "reason": reason}


def test_recorded_under_asgi_too(settings: SettingsWrapper, records: redis.Redis) -> None:
    """Django's ASGI handler runs the (sync) middleware through sync_to_async: same record."""
    # The ASGI test client's scope always leads with Host: testserver, whatever it is given.
    settings.SESSIONLENS = {"ALLOWED_HOSTS": ["testserver"]}
    browser = AsyncClient()

    async def visit() -> tuple[Any, Any]:
        response = await browser.get("/counter/")
        return response, await browser.get(response[RECORD_HEADER])

    response, fetched = async_to_sync(visit)()
    assert response.content == b"1"
    assert fetched.json()["after"]["data"] == {"visits_counter": 1}
    assert stored(records) == 1
