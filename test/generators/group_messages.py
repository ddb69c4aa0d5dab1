"""kind "messages": contrib.messages CookieStorage, driven through a real HttpRequest/HttpResponse;
on 3.2 also the <=3.0 `hash$json` and the 3.1 `json:ts:sig` formats it still reads."""

import hashlib
from collections.abc import Callable
from typing import Any

import tamper
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage, MessageEncoder, MessageSerializer
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.utils.safestring import mark_safe
from vectorlib import (
    HAS_FALLBACKS,
    IS_32,
    KEY_A,
    KEY_B,
    KEY_C,
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

KIND = "messages"
SALT = "django.contrib.messages"  # CookieStorage.key_salt
Item = tuple[int, str, str | None]


def cookie_of(response: HttpResponse) -> dict[str, str]:
    morsel = response.cookies[CookieStorage.cookie_name]
    return {
        "value": morsel.value,
        "wire_value": morsel.coded_value,
        "set_cookie_header": morsel.OutputString(),
    }


def store(items: list[Item], key: Key = KEY_A) -> dict[str, str]:
    """storage.add(...) then storage.update(response), as MessageMiddleware does."""
    with frozen(T0), secrets([key]):
        storage = CookieStorage(HttpRequest())
        storage.level = 1  # keep DEBUG and custom low levels
        for level, message, tags in items:
            storage.add(level, message, extra_tags=tags)
        response = HttpResponse()
        storage.update(response)
        return cookie_of(response)


def set_raw(value: str) -> dict[str, str]:
    response = HttpResponse()
    response.set_cookie(CookieStorage.cookie_name, value)
    return cookie_of(response)


def reader(value: str, keys: list[Key], legacy: bool = False) -> Callable[[], Any]:
    """CookieStorage._decode returns None on any failure; the signer call gives the reason
    (3.2's _legacy_decode just returns None on a hash mismatch)."""

    def read() -> Any:
        with secrets(keys):
            request = HttpRequest()
            request.COOKIES[CookieStorage.cookie_name] = value
            storage = CookieStorage(request)
            decoded = storage._decode(value)  # type: ignore[attr-defined]  # private: what the middleware calls
            if decoded is None:
                if not legacy:
                    storage.signer.unsign_object(value, serializer=MessageSerializer)  # type: ignore[attr-defined]  # 3.1+, unstubbed
                raise signing.BadSignature("_decode returned None: legacy hash mismatch")
            return decoded

    return read


def case(
    name: str,
    cookie: dict[str, str],
    keys: list[Key] | None,
    note: str,
    *,
    value: str | None = None,
    fmt: str = "signed-object",
    matched: int = 0,
    readable: Outcome | None = None,
) -> Case:
    text = value if value is not None else cookie["value"]
    legacy = fmt == "messages-legacy-hash"
    return Case(
        name=name,
        kind=KIND,
        value=text,
        keys=keys,
        reader=reader(text, keys or [KEY_A], legacy),
        fmt=fmt,
        salt=SALT,
        algorithm="sha1" if legacy else "sha256",
        serializer="json",
        shape="messages",
        note=note,
        matched=matched,
        opts={"cookieName": CookieStorage.cookie_name},
        extra={k: v for k, v in cookie.items() if k != "value"} if value is None else {},
        readable=readable,
        has_timestamp=not legacy,
    )


LEVELS: list[Item] = [
    (constants.DEBUG, "debug", None),
    (constants.INFO, "info", None),
    (constants.SUCCESS, "saved", None),
    (constants.WARNING, "careful", None),
    (constants.ERROR, "failed", None),
    (35, "custom level 35", None),
]
EXTRA_TAGS: list[Item] = [(constants.INFO, "empty tags", ""), (constants.INFO, "no tags", None)]
EXTRA_TAGS += [(constants.INFO, "some tags", "some tags")]
SAFE: list[Item] = [
    (constants.INFO, mark_safe("<b>Hello Django!</b>"), None),
    (constants.INFO, "<b>not safe</b>", None),
]


def overflow_items() -> list[Item]:
    """Incompressible messages past max_cookie_size (2048): the oldest are dropped and the
    not_finished sentinel is stored last."""
    return [(constants.INFO, hashlib.sha256(b"%d" % i).hexdigest() * 2, None) for i in range(40)]


def vectors() -> list[Vector]:
    out: list[Vector] = []
    levels = store(LEVELS)
    valid = [
        ("levels", levels, "DEBUG..ERROR and a custom level"),
        ("extra_tags", store(EXTRA_TAGS), "tests/messages_tests test_extra_tags: '', None, 'some tags'"),
        ("safedata", store(SAFE), "test_safedata: mark_safe survives as is_safedata=1"),
        (
            "unicode",
            store([(constants.INFO, "caf\u00e9 \U0001f600 \u4f60\u597d \u05e9\u05dc\u05d5\u05dd", None)]),
            "non-ASCII",
        ),
        ("compressed", store([(constants.INFO, "Saved.", None)] * 30), "sign_object(compress=True)"),
        ("not_finished", store(overflow_items()), "test_max_cookie_length: sentinel last"),
    ]
    for name, cookie, note in valid:
        out.append(build(case(name, cookie, [KEY_A], note)))
    out.append(build(case("levels__no_keys", levels, None, "decode only")))
    readable = run(reader(levels["value"], [KEY_A]), T0)
    out.append(build(case("wrong_key", levels, [KEY_B], "another SECRET_KEY", readable=readable)))
    tampered = tamper.signature_char(levels["value"])
    note = "one signature character changed"
    out.append(build(case("tampered_signature", levels, [KEY_A], note, value=tampered, readable=readable)))
    out.append(
        build(
            case(
                "tampered_payload",
                levels,
                [KEY_A],
                "one payload character changed",
                value=tamper.payload_char(levels["value"]),
            )
        )
    )
    if HAS_FALLBACKS:
        note = "SECRET_KEY_FALLBACKS[1] signed (b'django.http.cookies' + key)"
        out.append(build(case("fallback_key_2", levels, [KEY_B, KEY_C, KEY_A], note, matched=2)))
    if IS_32:
        out += legacy_vectors()
    return out


def legacy_vectors() -> list[Vector]:
    """What <=3.0 and 3.1 wrote, made with 3.2's own pieces (tests/messages_tests@3.2
    test_legacy_hash_decode and test_legacy_encode_decode), read by 3.2's _decode."""
    out: list[Vector] = []
    messages = [Message(constants.INFO, "Saved."), Message(constants.ERROR, "Failed", extra_tags="urgent")]
    value = MessageEncoder(separators=(",", ":")).encode(messages)
    with frozen(T0), secrets([KEY_A]):
        storage = CookieStorage(HttpRequest())
        hashed = f"{storage._legacy_hash(value)}${value}"  # type: ignore[attr-defined]  # 3.2 only
        signed_json = storage.signer.sign(value)  # type: ignore[attr-defined]  # 3.1+, unstubbed
    cookie = set_raw(hashed)
    note = "<=3.0: sha1 hexdigest '$' raw JSON; the wire value is quoted with octal escapes"
    out.append(build(case("format_legacy_hash", cookie, [KEY_A], note, fmt="messages-legacy-hash")))
    readable = run(reader(hashed, [KEY_A], legacy=True), T0)
    bad = ("1" if hashed[0] == "0" else "0") + hashed[1:]
    note = "one hex digit of the legacy hash changed"
    out.append(
        build(
            case(
                "format_legacy_hash__tampered",
                cookie,
                [KEY_A],
                note,
                value=bad,
                fmt="messages-legacy-hash",
                readable=readable,
            )
        )
    )
    note = "3.1: get_cookie_signer(salt).sign(json) -> json:ts:sig"
    out.append(
        build(case("format_3_1_signed_json", set_raw(signed_json), [KEY_A], note, fmt="messages-signed-json"))
    )
    return out
