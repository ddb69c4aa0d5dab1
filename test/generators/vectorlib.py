"""The shared machinery of the vector generator: fixed keys and clock, PyValue conversion,
Django outcome -> ErrorCode mapping, and the Vector record written to test/vectors/*.json.

Nothing here decides what a decoder should say on its own: every `expect` is built from the
object or the exception a real Django call produced (see `run`).
"""

import binascii
import datetime
import decimal
import json
import time
import uuid
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from unittest import mock

import django
from django.core import signing
from django.core.exceptions import SuspiciousOperation
from django.test.utils import override_settings

# Fixed secrets. KEY_A is the "current" SECRET_KEY of most vectors; the others play
# fallbacks, wrong keys and the weak-key warning.
KEY_A = "sessionlens-vectors-key-A-7c1e5b9a2f4d8e3b6a0c9f1d2e7b4a58"
KEY_B = "sessionlens-vectors-key-B-3f9d1c7e5a2b8f4e0d6c1a9b7e3f5d21"
KEY_C = "sessionlens-vectors-key-C-9a4e2d8c6b1f3a7e5c0d9b2f8a6e4c13"
KEY_INSECURE = "django-insecure-0x!v$k3#q^p8w2@z5m&r7t(e1y)u4i9o6a*s+d=f-g_h%j"
KEY_BYTES = b"\xe7"  # Django's own tests/signing test_works_with_non_ascii_keys
DJANGO_TESTS_KEY = "django_tests_secret_key"  # the SECRET_KEY of Django's test settings

# Signing time: a fractional float so the truncation int(time.time()) is exercised.
T0 = 1700000000.75
DJANGO_VERSION = django.get_version()
MAJOR_MINOR = django.VERSION[:2]
HAS_FALLBACKS = MAJOR_MINOR >= (4, 1)  # SECRET_KEY_FALLBACKS (4.1 release notes)
HAS_PICKLE = MAJOR_MINOR < (5, 0)  # PickleSerializer removed in 5.0
IS_32 = MAJOR_MINOR == (3, 2)

Key = str | bytes
Json = Any


@contextmanager
def frozen(now: float) -> Iterator[None]:
    """Django reads the clock only through time.time() (signing.py, http/response.py)."""
    with mock.patch.object(time, "time", return_value=now):
        yield


@contextmanager
def secrets(keys: list[Key], **extra: Any) -> Iterator[None]:
    """SECRET_KEY = keys[0], SECRET_KEY_FALLBACKS = keys[1:] (only where Django has them)."""
    values: dict[str, Any] = {"SECRET_KEY": keys[0], **extra}
    if HAS_FALLBACKS:
        values["SECRET_KEY_FALLBACKS"] = list(keys[1:])
    elif len(keys) > 1:
        raise ValueError(f"Django {DJANGO_VERSION} has no SECRET_KEY_FALLBACKS")
    with override_settings(**values):
        yield


def key_json(key: Key) -> Json:
    return {"hex": key.hex()} if isinstance(key, bytes) else key


def b62_decode(text: str) -> int:
    """Django's own base62: signing.b62_decode (4.0+) or utils.baseconv (<= 3.2)."""
    if hasattr(signing, "b62_decode"):
        return int(signing.b62_decode(text))
    from django.utils import baseconv  # type: ignore[attr-defined]  # removed in 4.0: only 3.2 gets here

    return int(baseconv.base62.decode(text))


def py_value(obj: object) -> Json:
    """The PyValue (src/core/types.ts) of an object a Django deserializer returned."""
    if obj is None:
        return {"t": "none"}
    if isinstance(obj, bool):
        return {"t": "bool", "v": obj}
    if isinstance(obj, int):
        return {"t": "int", "v": str(obj)}
    if isinstance(obj, float):
        return {"t": "float", "v": repr(obj)}
    if isinstance(obj, str):
        return {"t": "str", "v": str(obj)}
    if isinstance(obj, bytes):
        return {"t": "bytes", "v": obj.hex()}
    if isinstance(obj, dict):
        return {"t": "dict", "entries": [[py_value(k), py_value(v)] for k, v in obj.items()]}
    for typ, tag in ((list, "list"), (tuple, "tuple"), (set, "set"), (frozenset, "frozenset")):
        if isinstance(obj, typ):
            return {"t": tag, "items": [py_value(item) for item in obj]}
    if isinstance(obj, datetime.datetime):
        return {"t": "datetime", "v": obj.isoformat()}
    if isinstance(obj, datetime.date):
        return {"t": "date", "v": obj.isoformat()}
    if isinstance(obj, datetime.time):
        return {"t": "time", "v": obj.isoformat()}
    if isinstance(obj, datetime.timedelta):
        return {"t": "timedelta", "v": str(obj)}
    if isinstance(obj, decimal.Decimal):
        return {"t": "decimal", "v": str(obj)}
    if isinstance(obj, uuid.UUID):
        return {"t": "uuid", "v": str(obj)}
    raise TypeError(f"no PyValue for {type(obj).__name__}")


def error_code(exc: BaseException) -> str:
    """The ErrorCode (src/core/types.ts) for the exception Django raised."""
    if isinstance(exc, signing.SignatureExpired):
        return "signature-expired"
    if isinstance(exc, signing.BadSignature):
        # signing.py: BadSignature('No ":" found in value') is a shape error, not a forgery.
        return "malformed" if str(exc).startswith("No ") else "bad-signature"
    if isinstance(exc, SuspiciousOperation):
        return "bad-signature"  # 3.2 _legacy_decode: "Session data corrupted" (hash mismatch)
    if isinstance(exc, binascii.Error):
        return "bad-base64"
    if isinstance(exc, (json.JSONDecodeError, UnicodeDecodeError)):
        return "bad-json"
    if isinstance(exc, zlib.error):
        return "decompress-failed"
    raise TypeError(f"no ErrorCode for {type(exc).__name__}: {exc}") from exc


def outcome_name(exc: BaseException) -> str:
    if isinstance(exc, (binascii.Error, zlib.error)):
        return f"{type(exc).__module__}.{type(exc).__name__}"
    return type(exc).__name__


@dataclass
class Outcome:
    """What one Django reader did: returned `result`, or raised `exc`."""

    result: Any = None
    exc: BaseException | None = None

    @property
    def name(self) -> str:
        return "accepted" if self.exc is None else outcome_name(self.exc)


def run(reader: Callable[[], Any], now: float) -> Outcome:
    with frozen(now):
        try:
            return Outcome(result=reader())
        except Exception as exc:  # the outcome is the data
            return Outcome(exc=exc)


@dataclass
class Vector:
    name: str
    kind: str
    value: str
    options: dict[str, Json]
    django: str
    expect: dict[str, Json]
    note: str
    extra: dict[str, Json] = field(default_factory=dict)

    def to_json(self, group: str) -> Json:
        out: dict[str, Json] = {
            "id": f"{group}/{DJANGO_VERSION}/{self.name}",
            "kind": self.kind,
            "value": self.value,
            "options": self.options,
            "django": self.django,
            "expect": self.expect,
            "note": self.note,
        }
        out.update(self.extra)
        return out


def options(kind: str, keys: list[Key] | None, now: float, **extra: Json) -> dict[str, Json]:
    opts: dict[str, Json] = {"kind": kind}
    if keys:
        opts["keys"] = [key_json(k) for k in keys]
    opts.update({k: v for k, v in extra.items() if v is not None})
    opts["now"] = now
    return opts


def timestamp_of(value: str, sep: str = ":") -> int:
    """The base62 field before the signature, read with Django's own b62 decoder."""
    return b62_decode(value.rsplit(sep, 2)[-2])


@dataclass
class Case:
    """One value, the Django reader that judges it, and what the scenario knows about it.

    `readable` is Django's result for the same payload read correctly (right key and salt):
    a decoder still shows the payload of a value whose signature failed.
    """

    name: str
    kind: str
    value: str
    keys: list[Key] | None
    reader: Callable[[], Any]
    fmt: str
    salt: str
    algorithm: str
    serializer: str
    shape: str  # "object" | "text" | "messages"
    note: str
    now: float = T0
    matched: int = 0
    opts: dict[str, Json] = field(default_factory=dict)
    extra: dict[str, Json] = field(default_factory=dict)
    readable: Outcome | None = None
    has_timestamp: bool = True
    override: dict[str, Json] = field(default_factory=dict)
    django_label: str | None = None
    # False where only the verifying salt tells the format (signed cookies: v2 or legacy).
    format_without_keys: bool = True


def build(case: Case) -> Vector:
    out = run(case.reader, case.now)
    exc = out.exc
    # Every failure but a signature/shape one happens after the signature verified.
    signature_ok = exc is None or error_code(exc) not in ("bad-signature", "malformed")
    # The serializer is only known once the payload loaded (an expired value still loads).
    loaded = exc is None or isinstance(exc, signing.SignatureExpired)
    keyed = bool(case.keys)
    if not keyed and exc is not None:
        raise ValueError(f"{case.name}: decode-only vectors must be values Django accepts")
    expect: dict[str, Json] = {"verified": signature_ok if keyed else None}
    expect["code"] = None if exc is None else error_code(exc)
    if signature_ok:
        if keyed or case.format_without_keys:
            expect["format"] = case.fmt
        if loaded:
            expect["serializer"] = case.serializer
        if keyed:
            expect["matchedKey"] = case.matched
            expect["algorithm"] = case.algorithm
            expect["salt"] = case.salt
        if case.has_timestamp:
            expect["timestamp"] = timestamp_of(case.value)
        if case.shape != "text":
            expect["compressed"] = case.value.startswith(".")
    source = out if exc is None else case.readable
    if source is not None and source.exc is None:
        if case.shape == "object":
            expect["data"] = py_value(source.result)
        elif case.shape == "text":
            expect["text"] = source.result
        else:
            expect.update(messages_expect(source.result))
    for key, val in case.override.items():
        if val is DROP:
            expect.pop(key, None)
        else:
            expect[key] = val
    opts = options(case.kind, case.keys, case.now, **case.opts)
    return Vector(
        case.name, case.kind, case.value, opts, case.django_label or out.name, expect, case.note, case.extra
    )


DROP = object()  # in Case.override: leave this field unchecked
NOT_FINISHED = "__messagesnotfinished__"  # CookieStorage.not_finished


def messages_expect(decoded: list[Any]) -> dict[str, Json]:
    """expect.messages from the list CookieStorage._decode returned (sentinel last, if any)."""
    from django.utils.safestring import SafeData

    not_finished = bool(decoded) and decoded[-1] == NOT_FINISHED
    items = decoded[:-1] if not_finished else decoded
    return {
        "messages": [
            {
                "level": m.level,
                "message": str(m.message),
                "extraTags": m.extra_tags,
                "safe": isinstance(m.message, SafeData),
            }
            for m in items
        ],
        "messagesNotFinished": not_finished,
    }
