"""POST writes on every engine: each op, read back by Django's own SessionStore.load(); each refusal,
and that a refused write changed nothing. The engines' storage access is test_engines.py's."""

from __future__ import annotations

import datetime
import json
import logging
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pytest
from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.test import Client
from django.utils.crypto import get_random_string
from pytest_django.fixtures import Settings as SettingsWrapper

from . import test_engines as engines
from .conftest import LENS_URL

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse

pytestmark = pytest.mark.django_db

ENGINES = [
    engines.TestDbEngine,
    engines.TestCustomDbSubclass,
    engines.TestCachedDbEngine,
    engines.TestCacheEngineRedis,
    engines.TestCacheEngineLocMem,
    engines.TestFileEngine,
    engines.TestSignedCookiesEngine,
]
EXTENSION = "chrome-extension://abcdefghijklmnop"
Write = Callable[..., "_MonkeyPatchedWSGIResponse"]


@pytest.fixture(params=ENGINES, ids=lambda engine: engine.__name__.removeprefix("Test"))
def engine(
    request: pytest.FixtureRequest, settings: SettingsWrapper, monkeypatch: pytest.MonkeyPatch
) -> engines.SessionEngineContract:
    """test_engines' storage access for one engine, used as a helper, not collected again."""
    helper: engines.SessionEngineContract = request.param()
    settings.SESSION_ENGINE = helper.engine
    helper.monkeypatch = monkeypatch
    helper.configure(settings, request)
    return helper


@pytest.fixture
def write() -> Write:
    """POST a write as the extension does. CSRF is enforced, as on a real server (the test
    client skips it by default), so the view's csrf_exempt is under test too."""
    client = Client(HTTP_HOST="127.0.0.1", enforce_csrf_checks=True)

    def post(
        session_key: str | None, body: Any, *, content_type: str = "application/json", **headers: str
    ) -> _MonkeyPatchedWSGIResponse:
        if session_key is not None:
            headers["X-Sessionlens-Session"] = session_key
        data = body if isinstance(body, (str, bytes)) else json.dumps(body)
        response: _MonkeyPatchedWSGIResponse = client.post(
            LENS_URL, data=data, content_type=content_type, headers=headers
        )
        return response

    return post


def held_key(sent: str, body: dict[str, Any]) -> str:
    """The session value the browser holds after the write: the answer's cookie, else the sent one."""
    cookie = body.get("cookie")
    return sent if cookie is None else cookie["value"]


def ok(response: Any) -> dict[str, Any]:
    assert response.status_code == 200, response.content
    body: dict[str, Any] = response.json()
    assert (body["protocol"], body["ok"]) == (2, True)
    return body


def test_set_is_what_django_loads(engine: engines.SessionEngineContract, write: Write) -> None:
    key = engine.save({"visits_counter": 3, "cart": ["apple"]})
    body = ok(write(key, {"op": "set", "key": "visits_counter", "value": 40}))
    assert body["kind"] == "session"
    assert body["data"] == {"visits_counter": 40, "cart": ["apple"]}
    cookie = body["cookie"]
    assert (cookie["name"], cookie["path"], cookie["httpOnly"]) == ("sessionid", "/", True)
    if engine.engine.endswith("signed_cookies"):  # the cookie is the session: re-signed
        assert cookie["value"] != key
    else:
        assert cookie["value"] == key
    assert engine.store(held_key(key, body)).load() == {"visits_counter": 40, "cart": ["apple"]}
    assert key not in json.dumps({k: v for k, v in body.items() if k != "cookie"})


def test_set_adds_a_key_and_refreshes_the_cookie_expiry(
    engine: engines.SessionEngineContract, write: Write
) -> None:
    key = engine.save({"a": 1})
    body = ok(write(key, {"op": "set", "key": "b", "value": {"nested": [1, None, "x"]}}))
    assert engine.store(held_key(key, body)).load() == {"a": 1, "b": {"nested": [1, None, "x"]}}
    expires = datetime.datetime.fromisoformat(body["cookie"]["expires"]).timestamp()
    assert engines.close_to(expires, body["serverTime"] + engines.AGE)


def test_tagged_values_with_a_serializer_that_stores_them(
    engine: engines.SessionEngineContract, write: Write, settings: SettingsWrapper
) -> None:
    settings.SESSION_SERIALIZER = "tests.serializers.PickleSerializer"
    key = engine.save({"k": 1})
    when = datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
    tagged = {
        "when": {"$py": "datetime", "value": when.isoformat()},
        "by_id": {"$py": "dict", "entries": [[1, "one"]]},
        "tags": {"$py": "set", "items": ["a"]},
        "price": {"$py": "decimal", "value": "1.10"},
        "raw": {"$py": "bytes", "value": "00ff"},
        "pair": {"$py": "tuple", "items": [1, 2]},
        "big": {"$py": "int", "value": str(2**70)},
        "wait": {"$py": "timedelta", "value": str(datetime.timedelta(days=1, seconds=3))},
    }
    for name, value in tagged.items():
        body = ok(write(key, {"op": "set", "key": name, "value": value}))
        key = held_key(key, body)
    assert body["data"] == {"k": 1, **tagged}  # the answer tags them back the same way
    assert engine.store(key).load() == {
        "k": 1,
        "when": when,
        "by_id": {1: "one"},
        "tags": {"a"},
        "price": Decimal("1.10"),
        "raw": b"\x00\xff",
        "pair": (1, 2),
        "big": 2**70,
        "wait": datetime.timedelta(days=1, seconds=3),
    }


def test_delete(engine: engines.SessionEngineContract, write: Write) -> None:
    key = engine.save({"a": 1, "b": 2})
    body = ok(write(key, {"op": "delete", "key": "a"}))
    assert body["data"] == {"b": 2}
    assert engine.store(held_key(key, body)).load() == {"b": 2}


def test_delete_the_last_key_keeps_the_session_key(
    engine: engines.SessionEngineContract, write: Write
) -> None:
    # SessionBase.is_empty() is false while the store has a key: the middleware saves {}.
    key = engine.save({"a": 1})
    body = ok(write(key, {"op": "delete", "key": "a"}))
    assert (body["kind"], body["data"]) == ("session", {})
    assert engine.store(held_key(key, body)).load() == {}


@pytest.mark.parametrize(
    ("value", "age", "at_browser_close"),
    [(300, 300, False), (0, engines.AGE, True), (None, engines.AGE, False)],
    ids=["seconds", "browser-close", "default"],
)
def test_set_expiry(
    engine: engines.SessionEngineContract, write: Write, value: int | None, age: int, at_browser_close: bool
) -> None:
    key = engine.save({"a": 1}, expiry=60)
    body = ok(write(key, {"op": "set_expiry", "value": value}))
    assert (body["expiry"]["age"], body["expiry"]["atBrowserClose"]) == (age, at_browser_close)
    loaded = engine.store(held_key(key, body))
    assert loaded.load() == ({"a": 1} if value is None else {"a": 1, "_session_expiry": value})
    assert (loaded.get_expiry_age(), loaded.get_expire_at_browser_close()) == (age, at_browser_close)
    if at_browser_close:
        assert body["cookie"]["expires"] is None  # a browser-session cookie, as the middleware sets it
    else:
        expires = datetime.datetime.fromisoformat(body["cookie"]["expires"]).timestamp()
        assert engines.close_to(expires, body["serverTime"] + age)


def test_set_expiry_to_a_date(engine: engines.SessionEngineContract, write: Write) -> None:
    key = engine.save({"a": 1})
    when = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=2)).replace(microsecond=0)
    body = ok(write(key, {"op": "set_expiry", "value": when.isoformat()}))
    loaded = engine.store(held_key(key, body))
    assert loaded.load()["_session_expiry"] == when.isoformat()
    assert loaded.get_expiry_date() == when
    assert engines.close_to(body["expiry"]["age"], 7200)


def test_flush_deletes_the_session_and_the_cookie(
    engine: engines.SessionEngineContract, write: Write
) -> None:
    key = engine.save({"a": 1})
    body = ok(write(key, {"op": "flush"}))
    assert body["kind"] == "site"  # no session left to report: what a GET without a cookie answers
    assert (body["cookie"]["name"], body["cookie"]["value"]) == ("sessionid", None)
    if not engine.engine.endswith("signed_cookies"):  # a signed cookie cannot be revoked, only dropped
        assert engine.store().exists(key) is False
        assert engine.store(key).load() == {}


def test_cycle_key_keeps_the_data_under_a_new_key(
    engine: engines.SessionEngineContract, write: Write
) -> None:
    key = engine.save({"a": 1})
    body = ok(write(key, {"op": "cycle_key"}))
    new_key = body["cookie"]["value"]
    assert body["data"] == {"a": 1}
    assert engine.store(new_key).load() == {"a": 1}
    # signed_cookies re-signs the same data: a new value only once the base62 timestamp moves on.
    if not engine.engine.endswith("signed_cookies"):
        assert new_key != key
        assert engine.store().exists(key) is False


def test_set_on_an_unknown_key_creates_a_new_session(
    engine: engines.SessionEngineContract, write: Write
) -> None:
    # Django never stores under a key the client chose (session fixation): save() makes a new one.
    if engine.engine.endswith("signed_cookies"):
        pytest.skip("a signed_cookies session has no key to be unknown")
    unknown = get_random_string(32, VALID_KEY_CHARS)
    body = ok(write(unknown, {"op": "set", "key": "a", "value": 1}))
    assert body["cookie"]["value"] not in (None, unknown)
    assert engine.store(body["cookie"]["value"]).load() == {"a": 1}
    assert engine.store().exists(unknown) is False


# name: (status, code or None for the site's 404, body, content type, headers, SESSIONLENS, DEBUG)
REFUSALS: dict[str, tuple[int, str | None, Any, str, dict[str, str], dict[str, Any], bool]] = {
    "writes-off": (404, None, {"op": "flush"}, "application/json", {}, {"ALLOW_WRITES": False}, True),
    "debug-off": (
        404,
        None,
        {"op": "flush"},
        "application/json",
        {},
        # Reads forced on: writes still follow DEBUG by default.
        {"ENABLED": True, "SHOW_SESSION_CALLBACK": "tests.test_writes.anyone"},
        False,
    ),
    "no-token": (404, None, {"op": "flush"}, "application/json", {}, engines.TOKEN, True),
    "foreign-origin": (
        404,
        None,
        {"op": "flush"},
        "application/json",
        {"Origin": "https://evil.example"},
        {},
        True,
    ),
    "form-encoded": (
        400,
        "unsupported-content-type",
        "op=flush",
        "application/x-www-form-urlencoded",
        {},
        {},
        True,
    ),
    "text-plain": (400, "unsupported-content-type", '{"op": "flush"}', "text/plain", {}, {}, True),
    "multipart": (400, "unsupported-content-type", "--x--", "multipart/form-data; boundary=x", {}, {}, True),
    "not-json": (400, "bad-json", "{op: flush}", "application/json", {}, {}, True),
    "not-an-object": (400, "bad-json", ["flush"], "application/json", {}, {}, True),
    "unknown-op": (400, "unknown-op", {"op": "drop_table"}, "application/json", {}, {}, True),
    "no-op": (400, "unknown-op", {"key": "a"}, "application/json", {}, {}, True),
    "set-without-value": (400, "missing-value", {"op": "set", "key": "a"}, "application/json", {}, {}, True),
    "set-without-key": (400, "missing-value", {"op": "set", "value": 1}, "application/json", {}, {}, True),
    "expiry-without-value": (400, "missing-value", {"op": "set_expiry"}, "application/json", {}, {}, True),
    "extra-field": (400, "bad-value", {"op": "flush", "key": "a"}, "application/json", {}, {}, True),
    "key-not-a-string": (
        400,
        "bad-value",
        {"op": "set", "key": 1, "value": 1},
        "application/json",
        {},
        {},
        True,
    ),
    "json-cannot-store-a-datetime": (
        400,
        "bad-value",
        {"op": "set", "key": "a", "value": {"$py": "datetime", "value": "2024-01-02T03:04:05+00:00"}},
        "application/json",
        {},
        {},
        True,
    ),
    "object-tag": (
        400,
        "bad-value",
        {"op": "set", "key": "a", "value": {"$py": "object", "type": "x.Y", "repr": "<Y>"}},
        "application/json",
        {},
        {},
        True,
    ),
    "bad-date-tag": (
        400,
        "bad-value",
        {"op": "set", "key": "a", "value": {"$py": "decimal", "value": "one"}},
        "application/json",
        {},
        {},
        True,
    ),
    "delete-missing-key": (
        400,
        "no-such-key",
        {"op": "delete", "key": "nope"},
        "application/json",
        {},
        {},
        True,
    ),
    "expiry-garbage": (
        400,
        "bad-value",
        {"op": "set_expiry", "value": "soon"},
        "application/json",
        {},
        {},
        True,
    ),
    "expiry-bool": (400, "bad-value", {"op": "set_expiry", "value": True}, "application/json", {}, {}, True),
    "expiry-float": (400, "bad-value", {"op": "set_expiry", "value": 1.5}, "application/json", {}, {}, True),
    "expiry-overflow": (
        400,
        "bad-value",
        {"op": "set_expiry", "value": 10**30},
        "application/json",
        {},
        {},
        True,
    ),
    "expiry-naive-date": (
        400,
        "bad-value",
        {"op": "set_expiry", "value": "2030-01-01T00:00:00"},
        "application/json",
        {},
        {},
        True,
    ),
}


def test_a_body_over_the_upload_limit_is_refused(
    engine: engines.SessionEngineContract, write: Write, settings: SettingsWrapper
) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    key = engine.save({"a": 1})
    response = write(key, {"op": "set", "key": "a", "value": "x" * 2000})
    assert (response.status_code, response.json()["code"]) == (400, "too-long")
    assert engine.store(key).load() == {"a": 1}


def anyone(request: Any) -> bool:
    return True


@pytest.mark.parametrize("refusal", sorted(REFUSALS))
def test_refused_write_changes_nothing(
    engine: engines.SessionEngineContract, write: Write, settings: SettingsWrapper, refusal: str
) -> None:
    status, code, body, content_type, headers, config, debug = REFUSALS[refusal]
    key = engine.save({"secret_marker": "visible-only-when-allowed"})
    engine.pin_expiry(key)
    before, count = engine.snapshot(key), engine.count()
    settings.SESSIONLENS = config
    settings.DEBUG = debug
    if config.get("TOKEN"):
        headers = {"Origin": EXTENSION, **headers}
    response = write(key, body, content_type=content_type, **headers)
    assert response.status_code == status
    if code is None:  # the site's own 404: nothing says the endpoint exists
        assert response["Content-Type"].startswith("text/html")
        assert b"visible-only-when-allowed" not in response.content
    else:
        answer = response.json()
        assert (answer["ok"], answer["code"]) == (False, code)
        assert answer["message"]
        assert "cookie" not in answer
    engine.assert_no_trace(response, key, before, count)
    assert engine.store(key).load() == {"secret_marker": "visible-only-when-allowed"}


def test_write_without_a_session_is_refused(engine: engines.SessionEngineContract, write: Write) -> None:
    count = engine.count()
    response = write(None, {"op": "set", "key": "a", "value": 1})
    assert (response.status_code, response.json()["code"]) == (400, "missing-session")
    assert engine.count() == count


def test_write_with_the_token(
    engine: engines.SessionEngineContract, write: Write, settings: SettingsWrapper
) -> None:
    settings.SESSIONLENS = engines.TOKEN
    key = engine.save({"a": 1})
    body = ok(write(key, {"op": "set", "key": "a", "value": 2}, **{"X-Sessionlens-Token": "s3cret-token"}))
    assert engine.store(held_key(key, body)).load() == {"a": 2}


def test_writes_are_logged_without_the_value(
    engine: engines.SessionEngineContract, write: Write, caplog: pytest.LogCaptureFixture
) -> None:
    key = engine.save({"a": 1})
    with caplog.at_level(logging.INFO, logger="sessionlens"):
        body = ok(write(key, {"op": "set", "key": "card", "value": "4111-1111-1111-1111"}))
        ok(write(held_key(key, body), {"op": "flush"}))
    messages = [record.getMessage() for record in caplog.records if record.name == "sessionlens"]
    assert messages == ["sessionlens write: op=set key='card'", "sessionlens write: op=flush key=None"]
    assert "4111" not in caplog.text


def test_a_key_cannot_forge_a_log_line(
    engine: engines.SessionEngineContract, write: Write, caplog: pytest.LogCaptureFixture
) -> None:
    key = engine.save({"a": 1})
    with caplog.at_level(logging.INFO, logger="sessionlens"):
        ok(write(key, {"op": "set", "key": "x\nsessionlens write: op=flush", "value": 1}))
    assert [record.getMessage() for record in caplog.records if record.name == "sessionlens"] == [
        "sessionlens write: op=set key='x\\nsessionlens write: op=flush'"
    ]


def test_preflight_names_post_only_when_writes_are_allowed(settings: SettingsWrapper) -> None:
    client = Client(HTTP_HOST="127.0.0.1")
    allowed = client.options(LENS_URL, headers={"Origin": EXTENSION})
    assert allowed.status_code == 204
    assert allowed["Access-Control-Allow-Methods"] == "GET, POST, OPTIONS"
    assert "Content-Type" in allowed["Access-Control-Allow-Headers"]
    settings.SESSIONLENS = {"ALLOW_WRITES": False}
    refused = client.options(LENS_URL, headers={"Origin": EXTENSION})
    assert refused["Access-Control-Allow-Methods"] == "GET, OPTIONS"
    assert "Content-Type" not in refused["Access-Control-Allow-Headers"]


def test_csrf_is_enforced_on_the_rest_of_the_site(write: Write) -> None:
    # Control for the write fixture: its client does enforce CSRF, so a 200 above is csrf_exempt's.
    client = Client(HTTP_HOST="127.0.0.1", enforce_csrf_checks=True)
    assert client.post("/page/", data="{}", content_type="application/json").status_code == 403


@pytest.mark.parametrize(
    ("store", "status", "code"),
    [("tests.opaque_session", 500, "unknown-engine"), ("tests.raising_session", 422, "undecodable")],
)
def test_a_session_that_cannot_be_read_is_not_written(
    write: Write, settings: SettingsWrapper, store: str, status: int, code: str
) -> None:
    helper = engines.TestDbEngine()
    key = helper.save({"a": 1})  # a stock db row, which raising_session reads under the same salt
    before = helper.db_snapshot(key)
    settings.SESSION_ENGINE = store
    response = write(key, {"op": "set", "key": "a", "value": 2})
    assert (response.status_code, response.json()["code"]) == (status, code)
    settings.SESSION_ENGINE = helper.engine
    assert helper.db_snapshot(key) == before
