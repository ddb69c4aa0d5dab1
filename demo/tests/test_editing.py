"""Editing through the companion on every demo engine: what the panel's write does, then the demo's
own pages, which must see what Django stored (issue 12's stories, without a browser)."""

import json
from typing import Any

import pytest
from django.test import Client

from .conftest import session_key

pytestmark = pytest.mark.django_db


def companion_write(client: Client, body: dict[str, Any]) -> Any:
    """POST a write as the extension does, then set the cookie the answer names, as the panel will."""
    writer = Client(HTTP_HOST="127.0.0.1", enforce_csrf_checks=True)
    response = writer.post(
        "/__sessionlens__/session/",
        data=json.dumps(body),
        content_type="application/json",
        headers={"X-Sessionlens-Session": session_key(client)},
    )
    if response.status_code != 200:
        return response
    answer = response.json()
    cookie = answer.get("cookie")
    if cookie is not None:
        client.cookies[cookie["name"]] = cookie["value"] or ""
    return answer


def test_an_edited_counter_is_what_the_next_page_shows(client: Client) -> None:
    client.get("/counter/")
    answer = companion_write(client, {"op": "set", "key": "visits_counter", "value": 40})
    assert answer["data"]["visits_counter"] == 40
    assert 'data-testid="visits-counter">41<' in client.get("/counter/").content.decode()


def test_cycle_key_keeps_the_counter_under_a_new_key(client: Client, engine: str) -> None:
    client.get("/counter/")
    old_key = session_key(client)
    answer = companion_write(client, {"op": "cycle_key"})
    if engine != "signed_cookies":  # the same data signed in the same second is the same value
        assert session_key(client) != old_key
    assert answer["data"] == {"visits_counter": 1}
    assert 'data-testid="visits-counter">2<' in client.get("/counter/").content.decode()


def test_flush_starts_the_counter_again(client: Client) -> None:
    client.get("/counter/")
    client.get("/counter/")
    answer = companion_write(client, {"op": "flush"})
    assert (answer["kind"], answer["cookie"]["value"]) == ("site", None)
    assert 'data-testid="visits-counter">1<' in client.get("/counter/").content.decode()


def test_a_write_is_refused_with_debug_off(client: Client, settings: Any) -> None:
    client.get("/counter/")
    settings.DEBUG = False
    refused = companion_write(client, {"op": "set", "key": "visits_counter", "value": 40})
    assert refused.status_code == 404
    settings.DEBUG = True
    assert 'data-testid="visits-counter">2<' in client.get("/counter/").content.decode()


def test_debug_off_as_the_switch_sets_it_reads_but_refuses_writes(client: Client, settings: Any) -> None:
    """SESSIONLENS_DEMO_DEBUG=0 (settings.py): reads on for loopback clients, writes at their default."""
    client.get("/counter/")
    settings.DEBUG = False
    settings.SESSIONLENS = {"ENABLED": True, "SHOW_SESSION_CALLBACK": "stories.access.loopback_client"}
    reader = Client(HTTP_HOST="127.0.0.1", REMOTE_ADDR="127.0.0.1")
    read = reader.get("/__sessionlens__/session/", headers={"X-Sessionlens-Session": session_key(client)})
    assert (read.status_code, read.json()["writable"]) == (200, False)
    refused = companion_write(client, {"op": "set", "key": "visits_counter", "value": 40})
    assert refused.status_code == 404
    settings.DEBUG = True
    assert 'data-testid="visits-counter">2<' in client.get("/counter/").content.decode()
