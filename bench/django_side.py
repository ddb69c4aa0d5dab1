"""Django's half of `make bench`: makes the values with Django 5.2 and times its own signing.loads.

Started once by bench/decode.bench.ts and kept running, so the two sides can take turns on the same
values in the same run (interleaved rounds, never one side first and the other after):

- first line written: {"python", "django", "key", "cases": {name: {"salt", "values", "data"}}},
  every case 1,000 DISTINCT values made by signing.dumps, with `data` = json.dumps of what
  signing.loads returns for each (separators=(",", ":")), for the TS side to compare against;
- then, per line read: `loads NAME` → the CPU seconds (time.process_time) signing.loads took over
  every value of NAME (one pass, each value once, no exception raised or caught: every value
  verifies); `phases NAME` → {step: CPU seconds} for each step of it alone (see phases()).
  CPU time, not wall time: on a shared machine the wall clock mostly measures the
  other processes; the TS side measures its CPU time the same way.
"""

from __future__ import annotations

import json
import random
import sys
import time
import zlib
from collections.abc import Callable
from typing import TypedDict

import django
from django.conf import settings
from django.core import signing  # reads settings when called, not imported
from django.core.signing import b64_decode, b64_encode
from django.utils.crypto import constant_time_compare, salted_hmac

KEY = "bench-secret-key-" + "k9Z" * 14
settings.configure(SECRET_KEY=KEY)

SESSION_SALT = "django.contrib.sessions.backends.signed_cookies"
COUNT = 1000
rng = random.Random(14)


def token(n: int) -> str:
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(n))


def session(i: int) -> dict[str, object]:
    """What login() leaves in a session (and CSRF_USE_SESSIONS' token), plus a little site state."""
    return {
        "_auth_user_id": str(1000 + i),
        "_auth_user_backend": "django.contrib.auth.backends.ModelBackend",
        "_auth_user_hash": f"{rng.getrandbits(256):064x}",
        "_session_expiry": 1209600,
        "_csrftoken": token(32),
        "cart": [rng.randrange(1, 10_000) for _ in range(rng.randrange(2, 6))],
    }


def big(i: int, items: int) -> dict[str, object]:
    """A session that fills a cookie: the auth keys, then cart lines and recently viewed pages."""
    d = session(i)
    d["cart"] = [
        {
            "sku": token(8),
            "qty": rng.randrange(1, 9),
            "gift": rng.random() < 0.2,
            "note": token(rng.randrange(0, 24)),
        }
        for _ in range(items)
    ]
    d["recent"] = [f"/products/{token(12)}/" for _ in range(items)]
    d["flags"] = {"beta": True, "theme": rng.choice(["dark", "light", None])}
    return d


class Case(TypedDict):
    """One case as the TS side reads it from the first line."""

    salt: str
    values: list[str]
    data: list[str]
    medianLength: int


def make(
    name: str,
    build: Callable[[int], object],
    salt: str,
    compress: bool,
    size: int,
    all_compressed: bool = False,
) -> Case:
    values: list[str] = []
    data: list[str] = []
    seen: set[str] = set()
    while len(values) < COUNT:
        value = signing.dumps(build(len(values)), salt=salt, compress=compress)
        if value in seen:
            continue
        seen.add(value)
        values.append(value)
        data.append(json.dumps(signing.loads(value, salt=salt), separators=(",", ":")))
    lengths = sorted(len(v) for v in values)
    median = lengths[len(lengths) // 2]
    assert abs(median - size) < size * 0.15, f"{name}: median length {median}, meant ~{size}"
    if all_compressed:
        assert all(v.startswith(".") for v in values), f"{name}: Django did not compress every value"
    return {"salt": salt, "values": values, "data": data, "medianLength": median}


cases = {
    "small session (~330 B)": make("small", session, SESSION_SALT, True, 330),
    "4 KB session (compressed)": make(
        "compressed",
        lambda i: big(i, 100),
        SESSION_SALT,
        True,
        4096,
        all_compressed=True,
    ),
    "4 KB signing.dumps (plain)": make("plain", lambda i: big(i, 31), "django.core.signing", False, 4096),
}

print(
    json.dumps(
        {
            "python": sys.version.split()[0],
            "django": django.get_version(),
            "key": KEY,
            "cases": cases,
        }
    ),
    flush=True,
)


def phases(case: Case) -> dict[str, float]:
    """CPU seconds of each step signing.loads takes, over every value of the case, each step alone.

    The steps as TimestampSigner.unsign_object runs them (signing.py): the signature check
    (salted_hmac, b64_encode, constant_time_compare), b64_decode, zlib.decompress for a `.` value,
    and JSONSerializer.loads (json.loads of the latin-1 text); what is left of signing.loads is the
    splitting, the timestamp and the calls between them.
    """
    key_salt = case["salt"] + "signer"
    signed_parts = [value.rsplit(":", 1) for value in case["values"]]
    payloads = [signed.rsplit(":", 1)[0] for signed, _ in signed_parts]
    encoded = [payload.removeprefix(".").encode() for payload in payloads]
    raw = [b64_decode(data) for data in encoded]
    flags = [payload.startswith(".") for payload in payloads]
    compressed = [data for data, flag in zip(raw, flags, strict=True) if flag]
    serialized = [zlib.decompress(data) if flag else data for data, flag in zip(raw, flags, strict=True)]

    # Each step's results are dropped as they come, as signing.loads drops its intermediates:
    # keeping a thousand parsed sessions alive would bill Python's GC to json.loads.
    def signature() -> None:
        for signed, expected in signed_parts:
            constant_time_compare(expected, b64_encode(salted_hmac(key_salt, signed).digest()).decode())

    def b64() -> None:
        for data in encoded:
            b64_decode(data)

    def inflate() -> None:
        for data in compressed:
            zlib.decompress(data)

    def loads_json() -> None:
        for data in serialized:
            json.loads(data.decode("latin-1"))

    seconds: dict[str, float] = {}
    for step, run in [
        ("signature", signature),
        ("b64_decode", b64),
        ("zlib.decompress", inflate),
        ("json.loads", loads_json),
    ]:
        start = time.process_time()
        run()
        seconds[step] = time.process_time() - start
    return seconds


for line in sys.stdin:
    command, _, name = line.strip().partition(" ")
    case = cases[name]
    if command == "phases":
        print(json.dumps(phases(case)), flush=True)
        continue
    if command != "loads":
        raise SystemExit(f"unknown command {line!r}")
    values, salt, loads = case["values"], case["salt"], signing.loads
    start = time.process_time()
    for value in values:
        loads(value, salt=salt)
    print(time.process_time() - start, flush=True)
