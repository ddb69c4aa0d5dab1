"""kinds "session-cookie" (signed_cookies backend) and "session-data" (db/file/cache/cached_db
`session_data`, including 3.2's pre-3.1 legacy format and PickleSerializer sessions)."""

import base64
import datetime
import decimal
import logging
import pickletools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import import_module
from io import StringIO
from typing import Any

import tamper
from django.contrib.auth.models import User
from django.contrib.sessions.backends import db, signed_cookies
from django.contrib.sessions.backends.base import SessionBase
from django.core import signing
from django.core.exceptions import SuspiciousOperation
from vectorlib import (
    DJANGO_TESTS_KEY,
    DROP,
    HAS_FALLBACKS,
    HAS_PICKLE,
    IS_32,
    KEY_A,
    KEY_B,
    KEY_C,
    MAJOR_MINOR,
    T0,
    Case,
    Key,
    Outcome,
    Vector,
    build,
    frozen,
    run,
    secrets,
)

COOKIE_SALT = "django.contrib.sessions.backends.signed_cookies"
COOKIE_AGE = 1209600  # global_settings.SESSION_COOKIE_AGE
STORES = {
    "db": "django.contrib.sessions.backends.db.SessionStore",
    "file": "django.contrib.sessions.backends.file.SessionStore",
    "cache": "django.contrib.sessions.backends.cache.SessionStore",
    "cached_db": "django.contrib.sessions.backends.cached_db.SessionStore",
}
PICKLE = "django.contrib.sessions.serializers.PickleSerializer"
JSON = "django.contrib.sessions.serializers.JSONSerializer"


class CustomSessionStore(db.SessionStore):
    """A project's own store: its __qualname__ changes the salt (base.py key_salt)."""


CustomSessionStore.__module__ = "myproject.sessions"
CUSTOM_PATH = "myproject.sessions.CustomSessionStore"


def store_class(path: str) -> type[SessionBase]:
    if path == CUSTOM_PATH:
        return CustomSessionStore
    module, name = path.rsplit(".", 1)
    cls: type[SessionBase] = getattr(import_module(module), name)
    return cls


def auth_session() -> dict[str, Any]:
    """What auth.login() stores, with a real (unsaved) user's get_session_auth_hash()."""
    user = User(pk=42, username="ada", password="pbkdf2_sha256$600000$fixedsalt$Zm9vYmFyYmF6cXV4")
    return {
        "_auth_user_id": str(user.pk),
        "_auth_user_backend": "django.contrib.auth.backends.ModelBackend",
        "_auth_user_hash": user.get_session_auth_hash(),
    }


def pickle_session() -> dict[str, Any]:
    return {
        "when": datetime.datetime(2030, 1, 2, 3, 4, 5, 678901, tzinfo=datetime.timezone.utc),
        "naive": datetime.datetime(2031, 6, 15, 8, 30, 5),
        "day": datetime.date(2030, 1, 1),
        "at": datetime.time(12, 30),
        "span": datetime.timedelta(days=1, hours=2),
        "price": decimal.Decimal("19.99"),
        "ids": {1, 2, 3},
        "frozen": frozenset({7}),
        "raw": b"\x00\xffbytes",
        "pair": (1, "two"),
        "big": 2**70,
        "_session_expiry": datetime.datetime(2030, 1, 1, 12, 0, tzinfo=datetime.timezone.utc),
    }


# Never loaded: built from opcodes, signed, and only disassembled by pickletools here.
UNSAFE_PICKLES = {
    "pickle_unsafe_os_system": b"cos\nsystem\n(S'echo pwned'\ntR.",
    "pickle_unsafe_stack_global_subprocess": (
        b"\x80\x04\x8c\nsubprocess\x94\x8c\tgetoutput\x94\x93\x94\x8c\necho pwned\x94\x85\x94R\x94."
    ),
}


class RawBytes:
    """A serializer that hands Django's signing the pickle bytes untouched, both ways."""

    def dumps(self, obj: bytes) -> bytes:
        return obj

    def loads(self, data: bytes) -> bytes:
        return data


def assert_inert(data: bytes) -> None:
    pickletools.dis(data, out=StringIO())  # parses opcodes; never executes


@contextmanager
def caught_security_log() -> Iterator[list[logging.LogRecord]]:
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    logger = logging.getLogger("django.security")
    handler = Keep()
    logger.addHandler(handler)
    try:
        yield records
    finally:
        logger.removeHandler(handler)


# --- session-cookie ---------------------------------------------------------------------


def make_cookie(data: dict[str, Any], key: Key = KEY_A, serializer: str = JSON) -> str:
    with frozen(T0), secrets([key], SESSION_SERIALIZER=serializer):
        store = signed_cookies.SessionStore()
        store.update(data)
        store.save()
        return str(store.session_key)


def cookie_reader(value: str, keys: list[Key], serializer: str = JSON) -> Callable[[], Any]:
    """signed_cookies.SessionStore.load(): signing.loads with max_age=SESSION_COOKIE_AGE; on any
    error it returns {} (a new session), so the inner call gives the reason."""

    def read() -> Any:
        with secrets(keys, SESSION_SERIALIZER=serializer):
            store = signed_cookies.SessionStore(session_key=value)
            public = store.load()
            inner = signing.loads(value, serializer=store.serializer, salt=COOKIE_SALT, max_age=COOKIE_AGE)
            assert public == inner
            return inner

    return read


def cookie_case(
    name: str,
    value: str,
    keys: list[Key] | None,
    note: str,
    *,
    serializer: str = JSON,
    now: float = T0,
    matched: int = 0,
    readable: Outcome | None = None,
    signed_with: Key = KEY_A,
    override: dict[str, Any] | None = None,
    django_label: str | None = None,
) -> Case:
    return Case(
        name=name,
        kind="session-cookie",
        value=value,
        keys=keys,
        reader=cookie_reader(value, keys or [signed_with], serializer),
        fmt="signed-object",
        salt=COOKIE_SALT,
        algorithm="sha256",
        serializer="pickle" if serializer == PICKLE else "json",
        shape="object",
        note=note,
        now=now,
        matched=matched,
        opts={"cookieName": "sessionid", "maxAge": COOKIE_AGE},
        readable=readable,
        override=override or {},
        django_label=django_label,
    )


def cookie_vectors() -> list[Vector]:
    out: list[Vector] = []
    basic = make_cookie({"cart": [1, 2], "theme": "dark"})
    valid: list[tuple[str, str, str]] = [
        ("basic", basic, "SESSION_ENGINE signed_cookies: signing.dumps(compress=True)"),
        ("auth_login", make_cookie(auth_session()), "_auth_user_id/_backend/_hash as auth.login() writes"),
        ("empty_session", make_cookie({}), "an empty session still makes a cookie"),
        ("expiry_seconds", make_cookie({"_session_expiry": 3600, "x": 1}), "set_expiry(3600)"),
        ("compressed", make_cookie({"history": [f"/page/{i % 5}" for i in range(80)]}), "'.' prefix"),
    ]
    if MAJOR_MINOR >= (4, 1):
        with frozen(T0):
            store = signed_cookies.SessionStore()
            store.set_expiry(datetime.datetime(2030, 1, 1, 12, 0, tzinfo=datetime.timezone.utc))
            note = "4.1+ stores set_expiry(datetime) as isoformat()"
            valid.append(("expiry_datetime_iso", make_cookie(dict(store.items())), note))
    for name, value, note in valid:
        out.append(build(cookie_case(name, value, [KEY_A], note)))
    out.append(build(cookie_case("basic__no_keys", basic, None, "decode only")))
    readable = run(cookie_reader(basic, [KEY_A]), T0)
    note = "age SESSION_COOKIE_AGE + 1: load() starts a new session"
    out.append(
        build(cookie_case("expired", basic, [KEY_A], note, now=int(T0) + COOKIE_AGE + 1, readable=readable))
    )
    note = "age == SESSION_COOKIE_AGE is still accepted"
    out.append(build(cookie_case("age_exact_equal_ok", basic, [KEY_A], note, now=int(T0) + COOKIE_AGE)))
    out.append(build(cookie_case("wrong_key", basic, [KEY_B], "another SECRET_KEY", readable=readable)))
    note = "one signature character changed"
    out.append(
        build(
            cookie_case("tampered_signature", tamper.signature_char(basic), [KEY_A], note, readable=readable)
        )
    )
    note = "one payload character changed"
    out.append(build(cookie_case("tampered_payload", tamper.payload_char(basic), [KEY_A], note)))
    session_data = make_data(STORES["db"], {"cart": [1, 2]})
    note = "a db session_data string is signed with another salt"
    out.append(build(cookie_case("db_session_data_as_cookie", session_data, [KEY_A], note)))
    if HAS_FALLBACKS:
        note = "SECRET_KEY_FALLBACKS[1] signed"
        out.append(build(cookie_case("fallback_key_2", basic, [KEY_B, KEY_C, KEY_A], note, matched=2)))
    if HAS_PICKLE:
        value = make_cookie(pickle_session(), serializer=PICKLE)
        note = "PickleSerializer: datetimes, sets, bytes, Decimal"
        out.append(build(cookie_case("pickle_types", value, [KEY_A], note, serializer=PICKLE)))
        for name, payload in UNSAFE_PICKLES.items():
            value = sign_raw(payload, COOKIE_SALT)
            out.append(build(unsafe_case(cookie_case, name, value, COOKIE_SALT)))
    return out


def sign_raw(payload: bytes, salt: str) -> str:
    assert_inert(payload)
    with frozen(T0), secrets([KEY_A]):
        return signing.dumps(payload, salt=salt, serializer=RawBytes, compress=True)


def unsafe_case(make: Callable[..., Case], name: str, value: str, salt: str) -> Case:
    """Django's signature check runs for real; the pickle is handed back as bytes, never loaded."""
    note = "malicious pickle signed with the key: PickleSerializer would execute it"
    case: Case = make(
        name, value, [KEY_A], note, serializer=PICKLE, django_label="signature-accepted; pickle not loaded"
    )

    def read() -> Any:
        with secrets([KEY_A]):
            return signing.loads(value, salt=salt, serializer=RawBytes)

    case.reader = read
    case.override = {"code": "unsafe-pickle", "data": DROP}
    return case


# --- session-data ---------------------------------------------------------------------------


def make_data(
    path: str, data: dict[str, Any], key: Key = KEY_A, serializer: str = JSON, **settings: Any
) -> str:
    with frozen(T0), secrets([key], SESSION_SERIALIZER=serializer, **settings):
        return str(store_class(path)().encode(data))


def data_reader(
    value: str, path: str, keys: list[Key], serializer: str = JSON, legacy: bool = False
) -> Callable[[], Any]:
    """SessionBase.decode(): signing.loads with the class salt, NO max_age; {} on any error. On 3.2
    a failure is retried as the pre-3.1 format, whose hash mismatch is logged as SuspiciousSession."""

    def read() -> Any:
        with secrets(keys, SESSION_SERIALIZER=serializer), caught_security_log() as logs:
            store = store_class(path)()
            public = store.decode(value)
            try:
                inner = signing.loads(value, salt=store.key_salt, serializer=store.serializer)
            except Exception:
                if legacy and public:
                    return public
                if legacy and logs:
                    raise SuspiciousOperation(logs[0].getMessage()) from None
                raise
            assert public == inner
            return inner

    return read


def data_case(
    name: str,
    value: str,
    keys: list[Key] | None,
    note: str,
    *,
    path: str = STORES["db"],
    serializer: str = JSON,
    legacy: bool = False,
    algorithm: str = "sha256",
    matched: int = 0,
    readable: Outcome | None = None,
    signed_with: Key = KEY_A,
    override: dict[str, Any] | None = None,
    django_label: str | None = None,
) -> Case:
    cls = store_class(path)
    salt = (
        f"django.contrib.sessions{cls.__name__}" if legacy else f"django.contrib.sessions.{cls.__qualname__}"
    )
    return Case(
        name=name,
        kind="session-data",
        value=value,
        keys=keys,
        reader=data_reader(value, path, keys or [signed_with], serializer, legacy),
        fmt="legacy-session-data" if legacy else "signed-object",
        salt=salt,
        algorithm="sha1" if legacy else algorithm,
        serializer="pickle" if serializer == PICKLE else "json",
        shape="object",
        note=note,
        matched=matched,
        opts={"sessionClass": path},
        readable=readable,
        has_timestamp=not legacy,
        override=override or {},
        django_label=django_label,
    )


def data_vectors() -> list[Vector]:
    out: list[Vector] = []
    for backend, path in STORES.items():
        value = make_data(path, {"cart": [1, 2], "backend": backend})
        out.append(
            build(
                data_case(f"{backend}_basic", value, [KEY_A], f"{backend} SessionStore().encode()", path=path)
            )
        )
    basic = make_data(STORES["db"], {"cart": [1, 2], "backend": "db"})
    readable = run(data_reader(basic, STORES["db"], [KEY_A]), T0)
    more: list[tuple[str, str, str]] = [
        ("auth_login", make_data(STORES["db"], auth_session()), "auth.login() keys"),
        ("empty_session", make_data(STORES["db"], {}), "encode({})"),
        ("expiry_seconds", make_data(STORES["db"], {"_session_expiry": 0}), "set_expiry(0): browser close"),
    ]
    for name, value, note in more:
        out.append(build(data_case(name, value, [KEY_A], note)))
    value = make_data(CUSTOM_PATH, {"custom": True})
    note = "class CustomSessionStore(db.SessionStore): salt django.contrib.sessions.CustomSessionStore"
    out.append(build(data_case("custom_subclass", value, [KEY_A], note, path=CUSTOM_PATH)))
    note = "a CustomSessionStore value read as the stock SessionStore (salt differs)"
    out.append(build(data_case("custom_subclass__as_stock_class", value, [KEY_A], note)))
    out.append(build(data_case("basic__no_keys", basic, None, "decode only")))
    out.append(build(data_case("wrong_key", basic, [KEY_B], "another SECRET_KEY", readable=readable)))
    note = "one signature character changed"
    out.append(
        build(data_case("tampered_signature", tamper.signature_char(basic), [KEY_A], note, readable=readable))
    )
    note = "a signed_cookies session is signed with another salt"
    out.append(build(data_case("session_cookie_as_data", make_cookie({"a": 1}), [KEY_A], note)))
    if not IS_32:
        # tests/sessions_tests test_decode_failure_logged_to_security (3.2 retries it as legacy).
        # Its other value, b64("flaskdj:alkdjf"), has no ':' and so is read as the pre-3.1
        # format by a decoder for every version, unlike 4.0+ Django: left out.
        note = "test_decode_failure_logged_to_security"
        out.append(
            build(
                data_case("django_test_decode_failure_bad_encoded_value", "bad:encoded:value", [KEY_A], note)
            )
        )
    if HAS_FALLBACKS:
        out.append(
            build(data_case("fallback_key_1", basic, [KEY_B, KEY_A], "SECRET_KEY_FALLBACKS[0]", matched=1))
        )
    if IS_32:
        out += legacy_vectors()
    if HAS_PICKLE:
        value = make_data(STORES["db"], pickle_session(), serializer=PICKLE)
        note = "PickleSerializer: datetimes, sets, bytes, Decimal"
        out.append(build(data_case("pickle_types", value, [KEY_A], note, serializer=PICKLE)))
        for name, payload in UNSAFE_PICKLES.items():
            value = sign_raw(payload, "django.contrib.sessions.SessionStore")
            out.append(build(unsafe_case(data_case, name, value, "django.contrib.sessions.SessionStore")))
    return out


def legacy_vectors() -> list[Vector]:
    """3.2 only: _legacy_encode under DEFAULT_HASHING_ALGORITHM='sha1', read by decode()."""
    out: list[Vector] = []
    data = {"cart": [1, 2], "legacy": True}
    value = make_data(STORES["db"], data, DEFAULT_HASHING_ALGORITHM="sha1")
    readable = run(data_reader(value, STORES["db"], [KEY_A], legacy=True), T0)
    note = "pre-3.1 format: b64std(sha1hex ':' json), via 3.2's _legacy_encode"
    out.append(build(data_case("legacy_basic", value, [KEY_A], note, legacy=True)))
    raw = base64.b64decode(value)
    hash_, serialized = raw.split(b":", 1)
    upper = base64.b64encode(hash_.upper() + b":" + serialized).decode("ascii")
    note = "hex digests are compared as lower-case text"
    out.append(
        build(data_case("legacy_basic__uppercase_hex", upper, [KEY_A], note, legacy=True, readable=readable))
    )
    wrapped = base64.encodebytes(raw).decode("ascii")
    note = "b64decode ignores the newlines of MIME wrapping"
    out.append(build(data_case("legacy_basic__mime_wrapped", wrapped, [KEY_A], note, legacy=True)))
    out.append(
        build(
            data_case(
                "legacy_basic__wrong_key", value, [KEY_B], "another key", legacy=True, readable=readable
            )
        )
    )
    value = make_data(CUSTOM_PATH, {"custom": True}, DEFAULT_HASHING_ALGORITHM="sha1")
    note = "legacy salt uses __name__ with no dot: django.contrib.sessionsCustomSessionStore"
    out.append(
        build(data_case("legacy_custom_class_salt", value, [KEY_A], note, legacy=True, path=CUSTOM_PATH))
    )
    kat = "OWUzNTNmNWQxNTBjOWExZmM4MmQ3NzNhMDRmMjU4NmYwNDUyNGI2NDp7ImEgdGVzdCBrZXkiOiJhIHRlc3QgdmFsdWUifQ=="
    note = "tests/sessions_tests@3.2 test_decode_legacy"
    case = data_case("django_test_decode_legacy", kat, [DJANGO_TESTS_KEY], note, legacy=True)
    out.append(build(case))
    with frozen(T0), secrets([KEY_A]):
        store = db.SessionStore()
        signer = signing.TimestampSigner(salt=store.key_salt, algorithm="sha1")
        value = signer.sign_object({"a": 1}, serializer=store.serializer, compress=True)
    note = "new format signed with sha1, as 3.1.0 wrote under DEFAULT_HASHING_ALGORITHM='sha1'"
    out.append(build(data_case("new_format_sha1_like_3_1_0", value, [KEY_A], note, algorithm="sha1")))
    return out
