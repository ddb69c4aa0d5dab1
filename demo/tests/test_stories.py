"""The stories of demo/README.md, walked with Django's test client, checked both on
the page and in what the companion reports from the server."""

from typing import Any

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client

from .conftest import server_session, session_key

pytestmark = pytest.mark.django_db


def test_home_links_every_story(client: Client) -> None:
    page = client.get("/").content.decode()
    stories = (
        "counter",
        "counter-pop",
        "flush",
        "num-visits",
        "cart",
        "last-draw",
        "expiry",
        "login",
        "password",
    )
    for story in (*stories, "counter-shadow"):
        assert f'data-testid="story-{story}"' in page
    assert "Django session" in page


def test_visit_counter_climbs_then_pop_restarts_it(client: Client) -> None:
    for expected in (1, 2, 3):
        page = client.get("/counter/").content.decode()
        assert f'data-testid="visits-counter">{expected}<' in page
    assert server_session(client)["data"]["visits_counter"] == 3
    assert 'data-testid="popped-value">3<' in client.get("/counter/pop/").content.decode()
    assert "visits_counter" not in server_session(client)["data"]
    assert 'data-testid="visits-counter">1<' in client.get("/counter/").content.decode()


def test_flush_gives_a_new_key_and_drops_the_old_row(client: Client, engine: str) -> None:
    client.get("/counter/")
    old_key = session_key(client)
    client.post("/flush/")
    assert client.cookies[settings.SESSION_COOKIE_NAME].value == ""  # the cookie is deleted
    client.get("/counter/")
    assert server_session(client)["data"] == {"visits_counter": 1}
    if engine == "db":  # a signed_cookies "key" is the data itself: the same data may sign the same
        assert session_key(client) != old_key
        assert not Session.objects.filter(session_key=old_key).exists()


def test_num_visits_sentence(client: Client) -> None:
    client.get("/num-visits/")
    page = client.get("/num-visits/").content.decode()
    assert (
        'You have visited this page <strong id="num-visits" data-testid="num-visits">2</strong> times.'
        in page
    )


def test_anonymous_cart_survives_login_and_goes_at_logout(client: Client, demo_user: None) -> None:
    client.post("/cart/", {"item": "apple", "action": "add"})
    client.post("/cart/", {"item": "pear", "action": "add"})
    client.post("/cart/", {"item": "apple", "action": "remove"})
    assert server_session(client)["data"]["cart"] == ["pear"]
    anonymous_key = session_key(client)
    client.post("/login/", {"username": "demo", "password": "demo"})
    assert session_key(client) != anonymous_key  # login() cycled the key...
    report = server_session(client)
    assert report["data"]["cart"] == ["pear"]  # ...and kept the data
    assert (report["user"]["username"], report["user"]["hashValid"]) == ("demo", True)
    client.post("/logout/")
    assert client.get("/cart/").context["items"] == []


def test_last_draw_is_used_then_ignored(client: Client) -> None:
    client.post("/last-draw/", {"game": "dice", "action": "draw"})
    assert client.get("/last-draw/?game=dice").context["status"] == "used"
    assert client.get("/last-draw/?game=coin").context["status"] == "other-id"
    record = server_session(client)["data"]["last_draw"]
    assert record["id"] == "dice" and record["result"] in "123456" and "T" in record["at"]
    client.post("/last-draw/", {"game": "dice", "action": "age"})
    assert client.get("/last-draw/?game=dice").context["status"] == "too-old"


@pytest.mark.parametrize(
    ("choice", "custom", "age", "at_browser_close"),
    [("300", 300, 300, False), ("0", 0, 1209600, True), ("default", None, 1209600, False)],
)
def test_expiry_buttons(client: Client, choice: str, custom: Any, age: int, at_browser_close: bool) -> None:
    client.post("/expiry/", {"expiry": choice})
    context = client.get("/expiry/").context
    assert (context["custom"], context["age"], context["at_browser_close"]) == (custom, age, at_browser_close)
    expiry = server_session(client)["expiry"]
    assert (expiry["custom"], expiry["age"], expiry["atBrowserClose"]) == (custom, age, at_browser_close)


def test_login_rotates_and_logout_flushes(client: Client, demo_user: None) -> None:
    client.get("/counter/")
    before = session_key(client)
    response = client.post("/login/", {"username": "demo", "password": "demo"})
    assert response.status_code == 302
    assert session_key(client) != before
    assert server_session(client)["user"]["authenticated"] is True
    assert "logged in as demo" in client.get("/").content.decode()
    client.post("/logout/")
    assert client.cookies[settings.SESSION_COOKIE_NAME].value == ""
    assert "anonymous" in client.get("/").content.decode()


def test_flash_message_waits_in_the_messages_cookie_until_shown(client: Client) -> None:
    response = client.post("/messages/", {"level": "success"}, follow=True)
    assert response.redirect_chain == [("/messages/", 302)]
    page = response.content.decode()
    # The page the click lands on does not consume the message: the cookie is still there to decode.
    assert client.cookies["messages"].value
    assert 'data-testid="message"' not in page
    assert 'data-status="waiting"' in page and 'data-testid="messages-waiting">1<' in page
    assert "open the panel to decode it; click Show to consume it" in page
    assert "messages" not in response.cookies  # the landing page neither rewrote nor deleted it

    shown = client.get("/messages/?show=1").content.decode()
    assert (
        '<li data-testid="message" class="success">Saved! This message rode in the messages cookie.</li>'
        in (shown)
    )
    assert client.cookies["messages"].value == ""  # consumed: CookieStorage deleted the cookie
    again = client.get("/messages/").content.decode()
    assert 'data-testid="message"' not in again and 'data-status="none"' in again


def test_a_waiting_message_survives_other_reloads_of_the_messages_page(client: Client) -> None:
    client.post("/messages/", {"level": "warning"})
    cookie = client.cookies["messages"].value
    client.get("/messages/")
    assert client.cookies["messages"].value == cookie
    assert 'class="warning"' in client.get("/messages/?show=1").content.decode()


def test_signed_theme_cookie_verified_then_refused(client: Client) -> None:
    client.post("/theme/", {"theme": "dark"})
    assert client.get("/theme/").context["verified"] == "dark"
    assert client.cookies["theme"].value.startswith("dark:")
    client.post("/theme/", {"theme": "tamper"})
    assert client.cookies["theme"].value.startswith("light:")
    page = client.get("/theme/")
    assert page.context["verified"] is None
    assert "refused (bad signature)" in page.content.decode()


def test_every_page_shows_the_session_and_the_panel_hint(client: Client, engine: str) -> None:
    page = client.get("/counter/").content.decode()
    assert 'id="session-data"' in page and "&quot;visits_counter&quot;: 1" in page
    assert f'data-testid="engine">{engine}<' in page
    assert "Django session" in page
    report = server_session(client)
    assert report["engine"] == settings.DEMO_SESSION_ENGINES[engine]
    # The settings table lists Django's SESSION_* settings, not the demo's own engine map.
    assert "SESSION_ENGINE" in report["settings"] and "SESSION_ENGINES" not in report["settings"]


def test_a_shadowing_session_cookie_at_counter_is_ignored_by_django(client: Client) -> None:
    """The browser sends the Path=/counter/ cookie first; Django keeps the last one of a name."""
    client.get("/counter/")
    root_key = session_key(client)
    response = client.post("/counter/shadow/", {"action": "set"})
    shadow = response.cookies[settings.SESSION_COOKIE_NAME]
    assert shadow["path"] == "/counter/" and shadow.value != root_key and len(shadow.value) == 32
    # What a browser sends on /counter/ now: longest path first (RFC 6265 section 5.4).
    header = f"{settings.SESSION_COOKIE_NAME}={shadow.value}; {settings.SESSION_COOKIE_NAME}={root_key}"
    page = Client(HTTP_COOKIE=header).get("/counter/")
    assert page.wsgi_request.COOKIES[settings.SESSION_COOKIE_NAME] == root_key
    removed = client.post("/counter/shadow/", {"action": "remove"}).cookies[settings.SESSION_COOKIE_NAME]
    assert (removed["path"], removed["max-age"], removed.value) == ("/counter/", 0, "")


def test_changing_the_password_logs_the_session_out_and_the_companion_says_so(
    client: Client, demo_user: None
) -> None:
    client.post("/login/", {"username": "demo", "password": "demo"})
    assert server_session(client)["user"]["hashValid"] is True
    page = client.post("/password/")
    assert 'data-changed="true"' in page.content.decode()
    # The page left the stale session in place (it never read request.user): the companion sees it.
    user = server_session(client)["user"]
    assert (user["authenticated"], user["id"], user["username"], user["hashValid"]) == (
        False,
        "1",
        "demo",
        False,
    )
    # The next page reads request.user: get_user() flushes the stale session.
    assert 'data-testid="user-status">anonymous<' in client.get("/").content.decode()
    # The password is still "demo".
    assert client.login(username="demo", password="demo")


def test_change_password_without_a_user_says_so(client: Client) -> None:
    assert 'data-changed="false"' in client.post("/password/").content.decode()


@pytest.mark.parametrize(
    ("env", "setting", "value"),
    [
        ({"SESSIONLENS_DEMO_COOKIE_NAME": "demo_session"}, "SESSION_COOKIE_NAME", "demo_session"),
        ({}, "SESSION_COOKIE_NAME", "sessionid"),
        ({"SESSIONLENS_DEMO_ROTATE_KEY": "1"}, "SECRET_KEY_FALLBACKS", []),
    ],
)
def test_demo_switches(env: dict[str, str], setting: str, value: Any) -> None:
    """The demo's environment switches, read by settings.py in a fresh interpreter."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    demo = Path(__file__).resolve().parent.parent
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            f"from django.conf import settings; import json; print(json.dumps(settings.{setting}))",
        ],
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "sessionlens_demo.settings",
            "PYTHONPATH": str(demo),
            **env,
        },
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(out.stdout) == value


def test_mismatch_writes_a_session_cookie_unlike_the_settings(client: Client) -> None:
    response = client.post("/stories/mismatch/")
    morsel = response.cookies[settings.SESSION_COOKIE_NAME]
    assert morsel["path"] == "/stories/mismatch/" != settings.SESSION_COOKIE_PATH
    assert morsel["httponly"] == ""
    assert morsel["samesite"] == "Strict"
    assert int(morsel["max-age"]) == 2 * settings.SESSION_COOKIE_AGE
    # Only the hand-written cookie: SessionMiddleware did not overwrite it with its own.
    assert len([c for c in response.cookies.values() if c.key == settings.SESSION_COOKIE_NAME]) == 1
    assert server_session(client)["data"]["story"] == "mismatch"


def test_partitioned_page_sets_a_secure_partitioned_cookie_from_its_script(client: Client) -> None:
    page = client.get("/stories/partitioned/").content.decode()
    assert 'document.cookie = "chips=set-by-the-page; Path=/; Secure; Partitioned; SameSite=None";' in page
