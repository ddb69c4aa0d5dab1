"""kind "session-cookie"/"session-data": values a hostile site can plant, signed by real Django.

Each is cookie-sized once compressed (signing.dumps(compress=True) deflates the repeated bytes)
and validly signed with KEY_A, so a decoder gets past the signature and must survive the payload:
pickle bombs (huge integers, memo fan-outs), deep nesting, every dangerous pickle shape, terminal
escapes in values and global names, and 3.2's pre-3.1 format with non-ASCII characters.

What Django does is still the oracle: `signing.loads` checks every signature for real; inert
payloads (integers, memo fan-outs, JSON) are then loaded by Django's own serializer and the
outcome recorded. Dangerous pickles are only parsed by pickletools, never loaded. Where the core
deliberately differs from Django (it shows a huge int by its size, refuses a fan-out that Python
shares by reference), `override` names the difference and the note says why.
"""

import _compat_pickle
import json
import pickle
import pickletools
import struct
from collections.abc import Callable
from typing import Any

from django.contrib.sessions.backends import db
from django.contrib.sessions.serializers import JSONSerializer
from django.core import signing
from vectorlib import IS_32, KEY_A, T0, Json, Vector, frozen, options, py_value, secrets, timestamp_of

COOKIE_SALT = "django.contrib.sessions.backends.signed_cookies"
COOKIE_AGE = 1209600
DATA_SALT = "django.contrib.sessions.SessionStore"
DB_STORE = "django.contrib.sessions.backends.db.SessionStore"
# CPython's sys.int_info.default_max_str_digits: int <-> str refuses longer decimal text.
MAX_STR_DIGITS = 4300


class RawBytes:
    """Hands Django's signing the payload bytes untouched, both ways (nothing is unpickled)."""

    def dumps(self, obj: bytes) -> bytes:
        return obj

    def loads(self, data: bytes) -> bytes:
        return data


def sign(payload: bytes, salt: str = COOKIE_SALT) -> str:
    with frozen(T0), secrets([KEY_A]):
        return signing.dumps(payload, salt=salt, serializer=RawBytes, compress=True)


def unsign(value: str, salt: str = COOKIE_SALT) -> bytes:
    """Django's own signature check (and zlib inflation) on the value; raises if it fails."""
    with frozen(T0), secrets([KEY_A]):
        data: bytes = signing.loads(value, salt=salt, serializer=RawBytes, max_age=COOKIE_AGE)
        return data


def frame(body: bytes) -> bytes:
    """A protocol 4 stream: PROTO 4, the opcodes, STOP."""
    return b"\x80\x04" + body + b"."


def sbu(text: str) -> bytes:
    raw = text.encode()
    return b"\x8c" + bytes([len(raw)]) + raw


def session(key: str, value: bytes) -> bytes:
    """{key: <value opcodes>} as pickle.dumps writes a one-key dict."""
    return frame(b"}\x94" + sbu(key) + b"\x94" + value + b"s")


def loaded(make: Callable[[bytes], Any], data: bytes) -> tuple[str, Any]:
    try:
        return "accepted", make(data)
    except Exception as exc:  # the outcome is the data
        return type(exc).__name__, exc


def vector(
    name: str,
    value: str,
    note: str,
    *,
    serializer: str,
    django: str,
    expect: dict[str, Json],
    kind: str = "session-cookie",
    salt: str = COOKIE_SALT,
) -> Vector:
    """A keyed vector whose signature Django verified; `expect` adds the payload's outcome."""
    unsign(value, salt)  # raises unless Django accepts the signature
    base: dict[str, Json] = {
        "verified": True,
        "format": "signed-object",
        "matchedKey": 0,
        "algorithm": "sha256",
        "salt": salt,
        "timestamp": timestamp_of(value),
        "compressed": value.startswith("."),
        "serializer": serializer,
    }
    opts = (
        {"cookieName": "sessionid", "maxAge": COOKIE_AGE}
        if kind == "session-cookie"
        else {"sessionClass": DB_STORE}
    )
    return Vector(name, kind, value, options(kind, [KEY_A], T0, **opts), django, {**base, **expect}, note)


def int_bombs() -> list[Vector]:
    out: list[Vector] = []
    # One LONG4 of 3 MB: Python builds the int (int.from_bytes has no digit limit) but str() of it
    # raises; the core shows it by size instead of spending seconds on 7 million decimal digits.
    huge = b"\x00" * (3 * 1024 * 1024 - 1) + b"\x01"
    payload = session("n", b"\x8b" + struct.pack("<i", len(huge)) + huge)
    outcome, obj = loaded(pickle.loads, payload)
    assert outcome == "accepted" and obj["n"] == 1 << (8 * len(huge) - 8)
    out.append(
        vector(
            "pickle_long4_3MiB",
            sign(payload),
            "a 3 MiB LONG4 int, ~4 KB signed: Django loads it; shown by size, not as 7.5M digits",
            serializer="pickle",
            django="accepted (str() would raise: over sys.int_info.default_max_str_digits)",
            expect={
                "code": None,
                "data": {"t": "dict", "entries": [[py_value("n"), long_marker(len(huge))]]},
            },
        )
    )
    # 3 MiB of bytes (BINBYTES), ~4 KB signed: shown as bytes, hex-encoded in linear time.
    raw = b"\x00" * (3 * 1024 * 1024)
    payload = session("b", b"B" + struct.pack("<I", len(raw)) + raw)
    outcome, obj = loaded(pickle.loads, payload)
    assert outcome == "accepted" and obj == {"b": raw}
    # `data` is left unchecked: its 6 M hex digits would not keep the vector file small.
    note = "a 3 MiB bytes value in a ~4 KB signed pickle: Django loads it"
    out.append(
        vector(
            "pickle_binbytes_3MiB",
            sign(payload),
            note,
            serializer="pickle",
            django=outcome,
            expect={"code": None},
        )
    )
    # Text-form integers: pickle.loads calls int(text), which Python 3.11+ refuses past 4300 digits.
    digits = b"7" * 2_000_000
    texts = {
        "pickle_int_2M_digits": b"(dp0\nS'n'\np1\nI" + digits + b"\ns.",
        "pickle_long_2M_digits": b"(dp0\nS'n'\np1\nL" + digits + b"L\ns.",
        "pickle_put_2M_digits": b"(dp0\nS'n'\np" + digits + b"\nI1\ns.",
        "pickle_get_2M_digits": b"(dp0\nS'n'\np1\ng" + digits + b"\ns.",
    }
    for name, payload in texts.items():
        outcome, exc = loaded(pickle.loads, payload)
        assert outcome == "ValueError", (name, outcome, exc)
        note = "2,000,000 decimal digits in a protocol 0 opcode: pickle.loads raises ValueError"
        out.append(
            vector(
                name, sign(payload), note, serializer="pickle", django=outcome, expect={"code": "bad-pickle"}
            )
        )
    return out


def long_marker(nbytes: int) -> Json:
    """The core's PyValue for an int too large to show (src/core/pickle/index.ts decodeLong)."""
    return {
        "t": "object",
        "cls": f"<int of {nbytes:,} bytes: too large to show>",
        "args": [],
        "state": None,
        "unsafe": False,
    }


def fan_outs() -> list[Vector]:
    out: list[Vector] = []
    # x = [x, x] forty times: Python shares the references (2^40 leaves, a few KB in memory);
    # written out as a tree it cannot fit anywhere, so the core refuses it as too large.
    laughs = b"]q\x00" + b"h\x00h\x00\x86q\x00" * 40
    # The same behind 3 MB of padding (a popped string), which raised the old per-byte budget.
    padding = b"\x8d" + struct.pack("<Q", 3 * 1024 * 1024) + b" " * (3 * 1024 * 1024) + b"0"
    wide = b"]q\x00(" + b"K\x01" * 1000 + b"eq\x01]q\x02(" + b"h\x01" * 1000 + b"e"
    shapes = {
        "pickle_memo_fanout_2e40": frame(laughs),
        "pickle_memo_fanout_2e40_padded_3MiB": frame(padding + laughs),
        "pickle_memo_wide_1000x1000": frame(wide),
    }
    for name, payload in shapes.items():
        outcome, _ = loaded(pickle.loads, payload)
        assert outcome == "accepted", (name, outcome)
        note = "memo references Python shares; as a tree they are past any panel: too-large"
        out.append(
            vector(
                name,
                sign(payload),
                note,
                serializer="pickle",
                django=outcome,
                expect={"code": "too-large", "data": None},
            )
        )
    return out


def deep() -> list[Vector]:
    out: list[Vector] = []
    # 900 levels of {"a": …} around a 3 MB string. Django's json.loads reads it (a few levels
    # short of 1000, what is left of Python's recursion limit gives RecursionError).
    text = '{"a":' * 899 + '{"s":"' + "x" * (3 * 1024 * 1024) + '"}' + "}" * 899
    outcome, _ = loaded(lambda d: JSONSerializer().loads(d), text.encode())
    assert outcome == "accepted"
    value = sign(text.encode())
    out.append(
        vector(
            "json_900_deep_3MiB_string",
            value,
            "900 nested dicts around a 3 MiB string: the CLI's text output must stay linear",
            serializer="json",
            django=outcome,
            expect={"code": None},
        )
    )
    # 1.3 M empty lists in 5 KB: Django's json.loads builds them all; as a tree it is past any
    # panel (Limits.maxNodes, 100,000 values), so the core stops counting there: too-large.
    lists = ("[" + "[]," * 1_300_000 + "[]]").encode()
    outcome, obj = loaded(lambda d: JSONSerializer().loads(d), lists)
    assert outcome == "accepted" and len(obj) == 1_300_001
    note = "1,300,001 empty lists in one JSON array: Django loads them; too many values to show"
    out.append(
        vector(
            "json_1_3M_empty_lists",
            sign(lists),
            note,
            serializer="json",
            django=outcome,
            expect={"code": "too-large", "data": None},
        )
    )
    marks = frame(b"(" * 5000 + b"N" + b"t" * 5000)
    outcome, _ = loaded(pickle.loads, marks)
    assert outcome == "accepted"
    note = "5000 nested MARK/TUPLE, which pickle.loads reads: the core stops at maxDepth 1000"
    out.append(
        vector(
            "pickle_5000_deep",
            sign(marks),
            note,
            serializer="pickle",
            django=outcome,
            expect={"code": "too-deep"},
        )
    )
    return out


# Dangerous shapes: every way a pickle calls something. Never loaded, only read by pickletools.
DANGEROUS: dict[str, bytes] = {
    "global_reduce_p0": b"cos\nsystem\n(S'id'\ntR.",
    "global_reduce_p0_trailing_newline": b"cos\nsystem\n(S'id'\ntR.\n",
    "global_reduce_p0_trailing_garbage": b"cos\nsystem\n(S'id'\ntR.garbage",
    "inst": b"(S'id'\nios\nsystem\n.",
    "obj": b"(cos\nsystem\nS'id'\no.",
    "stack_global_p4": frame(
        sbu("subprocess") + b"\x94" + sbu("getoutput") + b"\x94\x93\x94" + sbu("id") + b"\x85R"
    ),
    "newobj": frame(sbu("subprocess") + sbu("Popen") + b"\x93" + sbu("id") + b"\x85\x81"),
    "newobj_ex": frame(sbu("subprocess") + sbu("Popen") + b"\x93" + sbu("id") + b"\x85}\x92"),
    "build_setstate": frame(sbu("os") + sbu("system") + b"\x93)\x81" + sbu("id") + b"b"),
    "eval": b"c__builtin__\neval\n(S'1+1'\ntR.",
    "exec": b"cbuiltins\nexec\n(S'pass'\ntR.",
    "import_getattr_chain": b"cbuiltins\ngetattr\n(cbuiltins\n__import__\n(S'os'\ntRS'system'\ntR(S'id'\ntR.",
    "reconstructor_unsafe_class": b"ccopy_reg\n_reconstructor\n(cos\nsystem\nc__builtin__\nobject\nNtR.",
    "terminal_escape_global_name": b"cos\x1b]0;pwned\x07\nsystem\x1b[2J\n(S'id'\ntR.",
}


def references(payload: bytes) -> list[str]:
    """The globals pickle.loads would import, in order, as pickletools reads the opcodes (to STOP:
    what follows is ignored by both). Python 2 module names are mapped as the Unpickler's
    fix_imports does (Lib/_compat_pickle.py IMPORT_MAPPING)."""
    refs: list[str] = []
    strings: list[str] = []
    for op, arg, _pos in pickletools.genops(payload):
        if op.name in ("GLOBAL", "INST"):
            module, name = str(arg).split(" ", 1)
        elif op.name == "STACK_GLOBAL":
            module, name = strings[-2], strings[-1]
        else:
            if isinstance(arg, str):
                strings.append(arg)
            continue
        qualname = f"{_compat_pickle.IMPORT_MAPPING.get(module, module)}.{name}"
        if qualname not in refs:
            refs.append(qualname)
    return refs


def dangerous() -> list[Vector]:
    out: list[Vector] = []
    for name, payload in DANGEROUS.items():
        refs = references(payload)
        assert refs, name
        out.append(
            vector(
                f"pickle_unsafe_{name}",
                sign(payload),
                "a signed pickle that runs code under PickleSerializer: flagged, never run",
                serializer="pickle",
                django="signature-accepted; pickle not loaded",
                expect={"code": "unsafe-pickle", "pickle": {"unsafe": True, "references": refs}},
            )
        )
    return out


def terminal() -> list[Vector]:
    """JSON sessions whose values would drive a terminal: the CLI must show them escaped."""
    out: list[Vector] = []
    data = {"msg": "\x1b[2J\x1b[1;1H\u2714 verified", "title": "\x1b]0;owned\x07", "bidi": "\u202eevil\u2066"}
    raw = json.dumps(data, separators=(",", ":")).encode("latin-1")
    outcome, obj = loaded(lambda d: JSONSerializer().loads(d), raw)
    assert outcome == "accepted"
    with frozen(T0), secrets([KEY_A]):
        value = signing.dumps(data, salt=COOKIE_SALT, compress=True)
    note = "screen clear, cursor move, OSC title and bidi overrides in values"
    out.append(
        vector(
            "json_terminal_escapes",
            value,
            note,
            serializer="json",
            django=outcome,
            expect={"code": None, "data": py_value(obj)},
        )
    )
    return out


def legacy_non_ascii() -> list[Vector]:
    """3.2 only: _legacy_decode runs session_data.encode('ascii') before b64decode."""
    if not IS_32:
        return []
    with frozen(T0), secrets([KEY_A], DEFAULT_HASHING_ALGORITHM="sha1"):
        store = db.SessionStore()
        good: str = store._legacy_encode({"cart": [1, 2]})  # type: ignore[attr-defined]
    # base64.b64decode would skip the é (non-alphabet), so only the ASCII step rejects it.
    value = good[:8] + "\u00e9" + good[8:]
    with frozen(T0), secrets([KEY_A]):
        result = db.SessionStore().decode(value)
        try:
            value.encode("ascii")
            raise AssertionError("value must be non-ASCII")
        except UnicodeEncodeError as exc:
            django = f"{type(exc).__name__} -> Session data corrupted (empty session)"
    assert result == {}
    note = "pre-3.1 session_data with a non-ASCII character: Django 3.2 rejects it before the hash"
    expect: dict[str, Json] = {"verified": False, "code": "bad-signature", "format": "legacy-session-data"}
    opts = options("session-data", [KEY_A], T0, sessionClass=DB_STORE)
    return [Vector("legacy_non_ascii", "session-data", value, opts, django, expect, note)]


def vectors() -> list[Vector]:
    return int_bombs() + fan_outs() + deep() + dangerous() + terminal() + legacy_non_ascii()
