"""kind "signing": signing.dumps/loads, Signer, TimestampSigner, and crafted payloads that carry a
valid signature (base64 quirks, JSON, zlib) — signing.py of each Django version."""

import base64
import math
import struct
import zlib
from collections.abc import Callable
from functools import partial
from typing import Any

import tamper
from django.core import signing
from django.test.utils import override_settings
from vectorlib import (
    DJANGO_TESTS_KEY,
    DROP,
    HAS_FALLBACKS,
    IS_32,
    KEY_A,
    KEY_B,
    KEY_BYTES,
    KEY_C,
    KEY_INSECURE,
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

KIND = "signing"
DUMPS_SALT = "django.core.signing"  # signing.dumps default salt
SIGNER_SALT = "django.core.signing.Signer"  # "%s.%s" % (cls.__module__, cls.__name__)
TS_SIGNER_SALT = "django.core.signing.TimestampSigner"


def loads_reader(value: str, keys: list[Key], salt: str, max_age: int | None = None) -> Callable[[], Any]:
    def read() -> Any:
        with secrets(keys):
            return signing.loads(value, salt=salt, max_age=max_age)

    return read


def dumps(obj: Any, key: Key = KEY_A, salt: str = DUMPS_SALT, compress: bool = False, **settings: Any) -> str:
    with frozen(T0), secrets([key], **settings):
        return signing.dumps(obj, salt=salt, compress=compress)


def object_case(
    name: str,
    value: str,
    keys: list[Key] | None,
    note: str,
    *,
    salt: str = DUMPS_SALT,
    signed_with: Key = KEY_A,
    algorithm: str = "sha256",
    now: float = T0,
    max_age: int | None = None,
    matched: int = 0,
    readable: Outcome | None = None,
    override: dict[str, Any] | None = None,
    django_label: str | None = None,
) -> Case:
    read_keys = keys or [signed_with]
    return Case(
        name=name,
        kind=KIND,
        value=value,
        keys=keys,
        reader=loads_reader(value, read_keys, salt, max_age),
        fmt="signed-object",
        salt=salt,
        algorithm=algorithm,
        serializer="json",
        shape="object",
        note=note,
        now=now,
        matched=matched,
        opts={"salt": salt, "maxAge": max_age},
        readable=readable,
        override=override or {},
        django_label=django_label,
    )


OBJECTS: list[tuple[str, Any, str]] = [
    ("hello_string", "hello", "the worked example of docs/formats.md 2.4"),
    (
        "unicode",
        {
            "emoji": "\U0001f600\U0001f40d",
            "cjk": "\u4f60\u597d\u4e16\u754c",
            "rtl": "\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627",
            "combining": "he\u0301llo",
        },
        "ensure_ascii JSON: astral characters travel as surrogate-pair escapes",
    ),
    ("lone_surrogate", "\ud800x", "Python json writes a lone surrogate escape; the str keeps it"),
    (
        "nested",
        {"a": [1, {"b": [True, False, None]}, []], "c": {"d": {"e": "f"}}, "z": "last"},
        "nested dicts and lists keep their order",
    ),
    ("big_ints", [2**53 + 1, 2**64 + 1, -(2**70), 0, -1], "ints beyond 2^53 must stay exact"),
    ("floats", [1.5, 1e308, 5e-324, -0.0, 1e16, 0.1, 2.0], "float repr text: 1e+308, 5e-324, -0.0, 1e+16"),
    ("float_special", [math.nan, math.inf, -math.inf], "Python json writes NaN/Infinity/-Infinity"),
    ("colon_in_values", {"a:b": "c:d:e", "url": "http://x:80/"}, "':' inside the payload is base64'd away"),
    ("empty_dict", {}, "the smallest object"),
    ("non_string_keys", {1: "a", 2.5: "b", None: "c", False: "d"}, "json.dumps turns keys into strings"),
]


def valid_objects() -> list[Vector]:
    out: list[Vector] = []
    for name, obj, note in OBJECTS:
        value = dumps(obj)
        out.append(build(object_case(name, value, [KEY_A], note)))
    value = dumps({"items": ["a repetitive payload"] * 60}, compress=True)
    out.append(
        build(object_case("compressed", value, [KEY_A], "compress=True and zlib saved bytes: '.' prefix"))
    )
    value = dumps("hi", compress=True)
    out.append(
        build(object_case("compress_not_worth_it", value, [KEY_A], "compress=True but no gain: no '.'"))
    )
    salt = "my.custom.salt"
    value = dumps({"user": 42}, salt=salt)
    out.append(build(object_case("custom_salt", value, [KEY_A], "salt given to dumps/loads", salt=salt)))
    value = dumps("weak", key=KEY_INSECURE)
    out.append(
        build(
            object_case(
                "insecure_key", value, [KEY_INSECURE], "a django-insecure- key", signed_with=KEY_INSECURE
            )
        )
    )
    value = dumps("bytes key", key=KEY_BYTES)
    out.append(
        build(object_case("bytes_key", value, [KEY_BYTES], "SECRET_KEY = b'\\xe7'", signed_with=KEY_BYTES))
    )
    for name in ("hello_string", "nested"):
        value = dumps(dict(OBJECTS_BY_NAME)[name])
        out.append(build(object_case(f"{name}__no_keys", value, None, "decode only: no key given")))
    if IS_32:
        value = dumps({"legacy": True}, DEFAULT_HASHING_ALGORITHM="sha1")
        out.append(
            build(
                object_case(
                    "sha1_default_hashing_algorithm",
                    value,
                    [KEY_A],
                    "3.2 with DEFAULT_HASHING_ALGORITHM='sha1'; read back under sha256 via legacy_algorithm",
                    algorithm="sha1",
                )
            )
        )
        kat = "ImEgc3RyaW5nIFx1MjAyMCI:1k1beT:ZfNhN1kdws7KosUleOvuYroPHEc"
        out.append(
            build(
                object_case(
                    "django_test_dumps_loads_legacy_signature",
                    kat,
                    [DJANGO_TESTS_KEY],
                    "tests/signing/tests.py@3.2 test_dumps_loads_legacy_signature",
                    signed_with=DJANGO_TESTS_KEY,
                    algorithm="sha1",
                )
            )
        )
    if HAS_FALLBACKS:
        value = dumps({"rotated": True})
        out.append(
            build(
                object_case(
                    "fallback_key_1", value, [KEY_B, KEY_A], "SECRET_KEY_FALLBACKS[0] signed", matched=1
                )
            )
        )
        out.append(
            build(
                object_case(
                    "fallback_key_2",
                    value,
                    [KEY_B, KEY_C, KEY_A],
                    "SECRET_KEY_FALLBACKS[1] signed",
                    matched=2,
                )
            )
        )
    return out


OBJECTS_BY_NAME = [(name, obj) for name, obj, _ in OBJECTS]


def max_age_vectors() -> list[Vector]:
    value = dumps({"age": "test"})  # timestamp int(T0) = 1700000000
    ts = int(T0)
    readable = run(loads_reader(value, [KEY_A], DUMPS_SALT), T0)
    cases = [
        ("max_age_ok", ts + 50.5, "age 50.5 < 100"),
        ("max_age_exact_equal_ok", ts + 100.0, "age == max_age is accepted (strictly greater expires)"),
        ("max_age_expired", ts + 100.25, "age 100.25 > 100: SignatureExpired, the payload is still readable"),
        ("future_timestamp_accepted", ts - 1000.0, "negative age is accepted"),
    ]
    return [
        build(object_case(name, value, [KEY_A], note, now=now, max_age=100, readable=readable))
        for name, now, note in cases
    ]


def negative_vectors() -> list[Vector]:
    out: list[Vector] = []
    for base_name, obj, compress in (
        ("hello_string", "hello", False),
        ("compressed", {"k": ["v"] * 80}, True),
    ):
        value = dumps(obj, compress=compress)
        readable = run(loads_reader(value, [KEY_A], DUMPS_SALT), T0)
        damaged = {
            "tampered_payload": (tamper.payload_char(value), "one payload character changed", None),
            "tampered_signature": (tamper.signature_char(value), "one signature character changed", readable),
            "noncanonical_sig_b64": (
                tamper.noncanonical_sig(value),
                "same digest bytes, other text",
                readable,
            ),
            "truncated": (tamper.truncated(value), "last 4 characters cut", None),
            "no_separator": (tamper.no_separator(value), "every ':' removed", None),
        }
        for t_name, fn in tamper.DJANGO_TRANSFORMS.items():
            damaged[f"django_{t_name}"] = (fn(value), f"test_decode_detects_tampering: {t_name}", None)
        for name, (bad, note, rd) in damaged.items():
            out.append(build(object_case(f"{base_name}__{name}", bad, [KEY_A], note, readable=rd)))
        out.append(
            build(object_case(f"{base_name}__wrong_key", value, [KEY_B], "another key", readable=readable))
        )
        out.append(
            build(
                object_case(
                    f"{base_name}__wrong_salt",
                    value,
                    [KEY_A],
                    "another salt",
                    salt="other.salt",
                    readable=readable,
                )
            )
        )
    return out


def signed_payload(payload: str) -> str:
    """A crafted base64 text signed exactly as dumps would sign it (the key holder's view)."""
    with frozen(T0), secrets([KEY_A]):
        return signing.TimestampSigner(salt=DUMPS_SALT).sign(payload)


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def gzip_member(data: bytes) -> bytes:
    """What gzip.compress(data, mtime=0) makes, with a header that does not depend on the interpreter.

    CPython's own header varies by version: 3.11/3.12 let zlib write it (OS byte 3, "Unix"), 3.13
    writes it itself (OS byte 255, "unknown"), so the vector's bytes and signature would change with
    the Python running the generator. RFC 1952: magic, CM=8 (deflate), FLG=0, MTIME=0, XFL=2
    (maximum compression, as compresslevel=9), OS=3; then raw deflate, CRC-32, ISIZE.
    """
    deflater = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = deflater.compress(data) + deflater.flush()
    header = b"\x1f\x8b\x08\x00" + struct.pack("<I", 0) + b"\x02\x03"
    return header + body + struct.pack("<II", zlib.crc32(data), len(data))


def crafted_vectors() -> list[Vector]:
    """Payloads Django never writes but accepts or rejects AFTER the signature check."""
    plain = b64url(b'["???>>>"]')  # contains '_' and '-' in base64url
    assert "_" in plain and "-" in plain
    hello = b64url(b'{"a":"hello"}')
    doc = b'{"zip":"' + b"z" * 200 + b'"}'
    deflater = zlib.compressobj(wbits=-15)
    payloads: list[tuple[str, str, str]] = [
        (
            "crafted_b64_standard_alphabet",
            plain.replace("_", "/").replace("-", "+"),
            "'+' '/' pass urlsafe_b64decode",
        ),
        (
            "crafted_b64_garbage_chars",
            hello[:4] + "!*" + hello[4:] + "$$",
            "non-alphabet characters are dropped",
        ),
        ("crafted_b64_own_padding", hello + "=" * (-len(hello) % 4), "the encoder's own '=' padding"),
        ("crafted_b64_excess_padding", hello + "=====", "extra '=' after the data"),
        ("crafted_b64_one_extra_char", hello + "A" * ((1 - len(hello)) % 4), "data length 1 mod 4"),
        (
            "crafted_b64_bad_padding_after_discard",
            hello[:-1] + "!" * 3,
            "padding wrong once '!' is discarded",
        ),
        (
            "crafted_json_raw_utf8_is_latin1",
            b64url('{"u":"\u00fc\u20ac"}'.encode()),
            "raw UTF-8 read as latin-1",
        ),
        ("crafted_json_bom", b64url(b"\xef\xbb\xbf{}"), "a UTF-8 BOM is not JSON"),
        ("crafted_json_truncated", b64url(b'{"a":'), "not JSON"),
        (
            "crafted_json_whitespace_dupkeys",
            b64url(b' { "a" : 1 , "a" : 2 } '),
            "whitespace ok; last duplicate wins",
        ),
        (
            "crafted_zlib_trailing_garbage",
            "." + b64url(zlib.compress(doc) + b"trailing"),
            "zlib ignores trailing bytes",
        ),
        (
            "crafted_zlib_gzip_container",
            "." + b64url(gzip_member(doc)),
            "gzip is not a zlib stream",
        ),
        ("crafted_zlib_raw_deflate", "." + b64url(deflater.compress(doc) + deflater.flush()), "raw deflate"),
        ("crafted_zlib_truncated", "." + b64url(zlib.compress(doc)[:-6]), "stream cut before its end"),
    ]
    out: list[Vector] = []
    for name, payload, note in payloads:
        out.append(build(object_case(name, signed_payload(payload), [KEY_A], note)))
    bomb = "." + b64url(zlib.compress(b'"' + b"0" * (20 * 1024 * 1024) + b'"', 9))
    out.append(
        build(
            object_case(
                "zlib_bomb_20MiB",
                signed_payload(bomb),
                [KEY_A],
                "signed 20 MiB inflation: Django inflates it all; the core stops at its default cap",
                override={"code": "too-large", "data": DROP, "serializer": DROP, "compressed": True},
            )
        )
    )
    return out


def signer_reader(value: str, key: Key, salt: str | None, timestamp: bool, **kw: Any) -> Callable[[], Any]:
    def read() -> Any:
        with secrets([key]):
            if timestamp:
                return signing.TimestampSigner(key=key, salt=salt).unsign(value, **kw)
            return signing.Signer(key=key, salt=salt, **kw).unsign(value)

    return read


def text_case(
    name: str,
    value: str,
    key: Key,
    salt: str | None,
    timestamp: bool,
    note: str,
    *,
    keys: list[Key] | None = None,
    algorithm: str = "sha256",
    now: float = T0,
    max_age: int | None = None,
    readable: Outcome | None = None,
) -> Case:
    effective = salt or (TS_SIGNER_SALT if timestamp else SIGNER_SALT)
    kw: dict[str, Any] = {"max_age": max_age} if timestamp else {}
    opt_alg = algorithm if algorithm == "sha512" else None  # Django needs it passed; sha1/256 are detected
    return Case(
        name=name,
        kind=KIND,
        value=value,
        keys=keys if keys is not None else [key],
        reader=signer_reader(value, (keys or [key])[0], salt, timestamp, **kw)
        if not opt_alg
        else lambda: signing.Signer(key=key, algorithm=opt_alg).unsign(value),
        fmt="timestamp-signed" if timestamp else "signed",
        salt=effective,
        algorithm=algorithm,
        serializer="text",
        shape="text",
        note=note,
        now=now,
        opts={"salt": effective, "maxAge": max_age, "algorithm": opt_alg},
        readable=readable,
        has_timestamp=timestamp,
    )


def is_also_object(text: str) -> bool:
    """True when the text would also read as a signed object: such values are ambiguous."""
    try:
        signing.JSONSerializer().loads(signing.b64_decode(text.encode()))
    except Exception:
        return False
    return True


def text_vectors() -> list[Vector]:
    out: list[Vector] = []
    examples: list[object] = [
        "q;wjmbk;wkmb",
        "3098247529087",
        "3098247:529:087:",
        "jkw osanteuh ,rcuh nthu aou oauh ,ud du",
    ]
    examples += ["\u2019", 123, 1.23, True]  # test_sign_unsign / test_sign_unsign_non_string
    for i, example in enumerate(examples):
        value = signing.Signer(key=KEY_A).sign(example)  # type: ignore[arg-type]  # non-strings too, as Django tests
        assert not is_also_object(str(example))
        note = "tests/signing test_sign_unsign: Signer value (%s-formatted)"
        out.append(build(text_case(f"signer_example_{i}", value, KEY_A, None, False, note)))
    value = signing.Signer(key=KEY_A, salt="extra-salt").sign("hello")
    out.append(build(text_case("signer_custom_salt", value, KEY_A, "extra-salt", False, "Signer(salt=...)")))
    with frozen(T0):
        for name, text, salt in (
            ("timestamp_signer_hello", "hello", None),
            ("timestamp_signer_email", "user@example.com", None),
            ("timestamp_signer_custom_salt", "hello world", "my-salt"),
        ):
            value = signing.TimestampSigner(key=KEY_A, salt=salt).sign(text)
            out.append(build(text_case(name, value, KEY_A, salt, True, "TimestampSigner value")))
    # Django's known answers, reproduced by running the same calls.
    kat = signing.Signer(key="predictable-secret", algorithm="sha512").sign("hello")
    assert (
        kat == "hello:Usf3uVQOZ9m6uPfVonKR-EBXjPe7bjMbp3_Fq8MfsptgkkM1ojidN0BxYaT5HAEN1VzO9_jVu7R-VkqknHYNvw"
    )
    note = "tests/signing test_custom_algorithm (sha512 KAT)"
    out.append(
        build(
            text_case("django_test_sha512", kat, "predictable-secret", None, False, note, algorithm="sha512")
        )
    )
    kat = signing.Signer(key=KEY_BYTES).sign("foo")
    assert kat == "foo:EE4qGC5MEKyQG5msxYA0sBohAxLC0BJf8uRhemh0BGU"
    note = "tests/signing test_works_with_non_ascii_keys"
    out.append(build(text_case("django_test_non_ascii_bytes_key", kat, KEY_BYTES, None, False, note)))
    with frozen(123456789):
        ts_value = signing.TimestampSigner(key="predictable-key").sign("hello")
    readable = run(signer_reader(ts_value, "predictable-key", None, True), 123456789)
    for max_age in (12, 11, 10):
        note = "tests/signing TestTimestampSigner.test_timestamp_signer at 123456800"
        out.append(
            build(
                text_case(
                    f"django_test_timestamp_signer_max_age_{max_age}",
                    ts_value,
                    "predictable-key",
                    None,
                    True,
                    note,
                    now=123456800,
                    max_age=max_age,
                    readable=readable,
                )
            )
        )
    value = signing.Signer(key=KEY_A).sign("Another string")
    for t_name, fn in tamper.DJANGO_TRANSFORMS.items():
        note = f"tests/signing test_unsign_detects_tampering: {t_name}"
        out.append(build(text_case(f"signer_tampered_{t_name}", fn(value), KEY_A, None, False, note)))
    out.append(build(text_case("signer_wrong_key", value, KEY_A, None, False, "another key", keys=[KEY_B])))
    if IS_32:
        with override_settings(SECRET_KEY=DJANGO_TESTS_KEY):
            kat = "foo:l-EMM5FtewpcHMbKFeQodt3X9z8"
            note = "tests/signing@3.2 test_legacy_signature: sha1 accepted as legacy_algorithm"
            case = text_case(
                "django_test_legacy_signature", kat, DJANGO_TESTS_KEY, None, False, note, algorithm="sha1"
            )
            out.append(build(case))
        value = signing.Signer(key=KEY_A, algorithm="sha1").sign("legacy")
        note = "3.2 Signer(algorithm='sha1'); read by the default Signer"
        out.append(build(text_case("signer_sha1", value, KEY_A, None, False, note, algorithm="sha1")))
    if HAS_FALLBACKS:
        value = signing.Signer(key=KEY_A).sign("rotated")
        note = "tests/signing test_verify_with_non_default_key"
        case = text_case("signer_fallback_key", value, KEY_A, None, False, note, keys=[KEY_B, KEY_C, KEY_A])
        case.reader = lambda: signing.Signer(key=KEY_B, fallback_keys=[KEY_C, KEY_A]).unsign(value)
        case.matched = 2
        out.append(build(case))
    return out


def signer_object_vectors() -> list[Vector]:
    """Signer.sign_object (3.1+): an object signed without a timestamp, `[.]b64:SIG`. No salt in
    the options: the Signer salt is found by verifying, and without a key by the shape alone."""
    out: list[Vector] = []
    objects = [
        ("signer_object", {"user": 1, "cart": [1, 2]}, False, "Signer().sign_object(dict)"),
        (
            "signer_object_compressed",
            {"history": [f"/page/{i % 5}" for i in range(40)]},
            True,
            "Signer().sign_object(dict, compress=True): the '.' prefix",
        ),
    ]
    for name, obj, compress, note in objects:
        value = signing.Signer(key=KEY_A).sign_object(obj, compress=compress)
        with_and_without: list[tuple[list[Key] | None, str]] = [([KEY_A], ""), (None, "__no_keys")]
        for keys, suffix in with_and_without:
            case = Case(
                name=name + suffix,
                kind=KIND,
                value=value,
                keys=keys,
                reader=partial(signing.Signer(key=KEY_A).unsign_object, value),
                fmt="signed-object",
                salt=SIGNER_SALT,
                algorithm="sha256",
                serializer="json",
                shape="object",
                note=note + ("" if keys else "; decode only"),
                has_timestamp=False,
            )
            out.append(build(case))
    return out


def vectors() -> list[Vector]:
    return (
        valid_objects()
        + max_age_vectors()
        + negative_vectors()
        + crafted_vectors()
        + text_vectors()
        + signer_object_vectors()
    )
