"""kind "signed-cookie": HttpResponse.set_signed_cookie / HttpRequest.get_signed_cookie, with the
legacy name+salt scheme (3.2, 4.2) and the v2 scheme of 5.2.15+ (CVE-2026-6873)."""

from collections.abc import Callable
from typing import Any

import tamper
from django.core import signing
from django.http import HttpRequest, HttpResponse
from vectorlib import (
    HAS_FALLBACKS,
    KEY_A,
    KEY_B,
    KEY_BYTES,
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

KIND = "signed-cookie"
HAS_V2 = hasattr(signing, "_cookie_signer_salt")  # signing.py@5.2.19:109


def django_salt(name: str, salt: str, legacy: bool) -> str:
    if HAS_V2 and not legacy:
        return str(signing._cookie_signer_salt(name, salt))  # type: ignore[attr-defined]  # 5.2.15+, private
    return name + salt


def set_signed(
    name: str, value: Any, salt: str = "", key: Key = KEY_A, now: float = T0, **kw: Any
) -> dict[str, str]:
    """The cookie as a real HttpResponse sets it: unquoted value, wire value, Set-Cookie header."""
    with frozen(now), secrets([key]):
        response = HttpResponse()
        response.set_signed_cookie(name, value, salt=salt, **kw)
        morsel = response.cookies[name]
        return {
            "value": morsel.value,
            "wire_value": morsel.coded_value,
            "set_cookie_header": morsel.OutputString(),
        }


def sign_legacy(name: str, value: str, salt: str = "") -> dict[str, str]:
    """5.2.15+ still reads cookies signed with the pre-fix salt (SIGNED_COOKIE_LEGACY_SALT_FALLBACK)."""
    with frozen(T0), secrets([KEY_A]):
        signed = signing.get_cookie_signer(
            salt=signing._cookie_signer_legacy_salt(name, salt)  # type: ignore[attr-defined]  # 5.2.15+, private
        ).sign(value)
        response = HttpResponse()
        response.set_cookie(name, signed)
        morsel = response.cookies[name]
        return {
            "value": morsel.value,
            "wire_value": morsel.coded_value,
            "set_cookie_header": morsel.OutputString(),
        }


def reader(name: str, value: str, salt: str, keys: list[Key], max_age: int | None) -> Callable[[], Any]:
    def read() -> Any:
        with secrets(keys):
            request = HttpRequest()
            request.COOKIES[name] = value
            return request.get_signed_cookie(name, salt=salt, max_age=max_age)

    return read


def case(
    name: str,
    cookie: dict[str, str],
    cookie_name: str,
    salt: str,
    keys: list[Key] | None,
    note: str,
    *,
    value: str | None = None,
    legacy: bool = not HAS_V2,
    now: float = T0,
    max_age: int | None = None,
    matched: int = 0,
    readable: Outcome | None = None,
    signed_with: Key = KEY_A,
) -> Case:
    text = value if value is not None else cookie["value"]
    extra = {k: v for k, v in cookie.items() if k != "value"} if value is None else {}
    return Case(
        name=name,
        kind=KIND,
        value=text,
        keys=keys,
        reader=reader(cookie_name, text, salt, keys or [signed_with], max_age),
        fmt="signed-cookie-legacy" if legacy else "signed-cookie-v2",
        salt=django_salt(cookie_name, salt, legacy),
        algorithm="sha256",
        serializer="text",
        shape="text",
        note=note,
        now=now,
        matched=matched,
        opts={"cookieName": cookie_name, "salt": salt, "maxAge": max_age},
        extra=extra,
        readable=readable,
        format_without_keys=False,
    )


def vectors() -> list[Vector]:
    out: list[Vector] = []
    basic = set_signed("color", "blue")
    salted = set_signed("color", "blue", salt="prefs")
    valid = [
        ("basic", basic, "color", "", "set_signed_cookie('color', 'blue')"),
        ("with_salt", salted, "color", "prefs", "tests/signed_cookies_tests test_can_use_salt"),
        ("int_value", set_signed("count", 42), "count", "", "%s-formatted: 42 -> '42'"),
        (
            "needs_quoting",
            set_signed("note", 'hello world; "q" \u00e9,\\'),
            "note",
            "",
            "SimpleCookie quotes the wire value; the signature is over the unquoted text",
        ),
        (
            "cookie_max_age_attribute",
            set_signed("c", "hello", max_age=100),
            "c",
            "",
            "test_set_signed_cookie_max_age_argument: Max-Age is a cookie attribute, not the signature",
        ),
    ]
    for name, cookie, cookie_name, salt, note in valid:
        out.append(build(case(name, cookie, cookie_name, salt, [KEY_A], note)))
    binary = set_signed("c", "hello", key=KEY_BYTES)
    note = "test_signed_cookies_with_binary_key (SECRET_KEY = b'\\xe7')"
    out.append(
        build(case("django_test_binary_key", binary, "c", "", [KEY_BYTES], note, signed_with=KEY_BYTES))
    )
    out.append(build(case("basic__no_keys", basic, "color", "", None, "decode only")))
    readable = run(reader("color", basic["value"], "", [KEY_A], None), T0)
    out.append(build(case("wrong_key", basic, "color", "", [KEY_B], "another SECRET_KEY", readable=readable)))
    out.append(build(case("wrong_salt", salted, "color", "other", [KEY_A], "another salt")))
    out.append(build(case("wrong_cookie_name", basic, "colour", "", [KEY_A], "the name is part of the salt")))
    tampered = basic["value"][:-2] + "$$"
    note = "test_detects_tampering: last 2 characters -> '$$'"
    out.append(
        build(case("django_test_detects_tampering", basic, "color", "", [KEY_A], note, value=tampered))
    )
    note = "one signature character changed (non-canonical base64 of the same digest)"
    out.append(
        build(
            case(
                "noncanonical_sig_b64",
                basic,
                "color",
                "",
                [KEY_A],
                note,
                value=tamper.noncanonical_sig(basic["value"]),
            )
        )
    )
    # tests/signed_cookies_tests test_max_age_argument: signed at 123456789, read at 123456800.
    old = set_signed("c", "hello", now=123456789)
    old_readable = run(reader("c", old["value"], "", [KEY_A], None), 123456789)
    for max_age in (11, 10):
        note = "test_max_age_argument: age 11"
        out.append(
            build(
                case(
                    f"django_test_max_age_{max_age}",
                    old,
                    "c",
                    "",
                    [KEY_A],
                    note,
                    now=123456800,
                    max_age=max_age,
                    readable=old_readable,
                )
            )
        )
    # CVE-2026-6873: ('ab', 'c') and ('a', 'bc') share the legacy salt 'abc'.
    source = set_signed("ab", "admin", salt="c")
    note = "set as ('ab','c'), read as ('a','bc'): accepted where the legacy salt is written"
    out.append(build(case("collision_source_ab_c__as_a_bc", source, "a", "bc", [KEY_A], note)))
    if HAS_V2:
        legacy = sign_legacy("color", "blue")
        note = "a pre-5.2.15 cookie: read through SIGNED_COOKIE_LEGACY_SALT_FALLBACK (default True)"
        out.append(build(case("legacy_salt_cookie", legacy, "color", "", [KEY_A], note, legacy=True)))
        legacy = sign_legacy("ab", "admin", "c")
        note = "a legacy ('ab','c') cookie read as ('a','bc'): the fallback keeps the collision"
        out.append(
            build(case("legacy_collision_ab_c__as_a_bc", legacy, "a", "bc", [KEY_A], note, legacy=True))
        )
    if HAS_FALLBACKS:
        note = "SECRET_KEY_FALLBACKS[1] signed (b'django.http.cookies' + key)"
        out.append(build(case("fallback_key_2", basic, "color", "", [KEY_B, KEY_C, KEY_A], note, matched=2)))
    return out
