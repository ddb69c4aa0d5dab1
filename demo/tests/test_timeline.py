"""The demo installs SessionTimelineMiddleware: its stories, on every engine, as the timeline's
end-to-end stories walk them, each request's record read back from its X-Sessionlens-Record URL."""

from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser() -> Client:
    """At a development server's address: the companion records only for this machine's names."""
    return Client(HTTP_HOST="127.0.0.1")


def record_of(browser: Client, response: Any) -> Any:
    fetched = browser.get(response["X-Sessionlens-Record"])
    assert fetched.status_code == 200
    return fetched.json()


def test_the_counter_visited_three_times(browser: Client) -> None:
    records = [record_of(browser, browser.get("/counter/")) for _ in range(3)]
    assert [r["before"] and r["before"]["data"] for r in records] == [
        None,
        {"visits_counter": 1},
        {"visits_counter": 2},
    ]
    assert [r["after"]["data"] for r in records] == [{"visits_counter": n} for n in (1, 2, 3)]
    pop = record_of(browser, browser.get("/counter/pop/"))
    # The only key popped: the session is saved empty, under its key (is_empty() wants no key too).
    assert (pop["before"]["data"], pop["after"]["data"], pop["cookie"]) == ({"visits_counter": 3}, {}, "set")


def test_login_keeps_the_cart_and_logout_flushes(browser: Client, demo_user: None, engine: str) -> None:
    browser.post("/cart/", {"item": "pear", "action": "add"})
    login = browser.post("/login/", {"username": "demo", "password": "demo"})
    assert login.status_code == 302
    record = record_of(browser, login)
    assert record["before"]["data"] == {"cart": ["pear"]}
    assert record["after"]["data"]["cart"] == ["pear"]
    assert record["after"]["user"]["username"] == "demo"
    assert record["keyChanged"] is (engine != "signed_cookies")  # that engine has no key to rotate
    home = record_of(browser, browser.get(login["Location"]))
    assert (home["path"], home["before"]["data"], home["cookie"]) == ("/", record["after"]["data"], None)
    logout = record_of(browser, browser.post("/logout/"))
    assert (logout["after"], logout["cookie"], logout["keyChanged"]) == (None, "deleted", True)


def test_set_expiry_300_and_a_password_change(browser: Client, demo_user: None) -> None:
    browser.post("/login/", {"username": "demo", "password": "demo"})
    expiry = record_of(browser, browser.post("/expiry/", {"expiry": "300"}))
    assert (expiry["before"]["expiry"]["custom"], expiry["after"]["expiry"]["custom"]) == (None, 300)
    changed = record_of(browser, browser.post("/password/"))
    assert (changed["before"]["user"]["hashValid"], changed["after"]["user"]["hashValid"]) == (True, False)
    # The next page reads request.user: get_user() flushes the stale session.
    flushed = record_of(browser, browser.get("/"))
    assert (flushed["after"], flushed["cookie"]) == (None, "deleted")
