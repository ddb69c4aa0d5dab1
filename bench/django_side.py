"""Django's half of `make bench`: makes the values with Django 5.2 and times its own signing.loads.

Started once by bench/decode.bench.ts and kept running, so the two sides can take turns on the same
values in the same run (interleaved rounds, never one side first and the other after):

- first line written: {"python", "django", "key", "cases": {name: {"salt", "values", "data"}}},
  every case 1,000 DISTINCT values made by signing.dumps, with `data` = json.dumps of what
  signing.loads returns for each (separators=(",", ":")), for the TS side to compare against;
- then, per line read: `loads NAME` → the CPU seconds (time.process_time) signing.loads took over
  every value of NAME (one pass, each value once, no exception raised or caught: every value
  verifies). CPU time, not wall time: on a shared machine the wall clock mostly measures the
  other processes; the TS side measures its CPU time the same way.
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections.abc import Callable
from typing import TypedDict

import django
from django.conf import settings
from django.core import signing  # reads settings when called, not imported

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

for line in sys.stdin:
    command, _, name = line.strip().partition(" ")
    if command != "loads":
        raise SystemExit(f"unknown command {line!r}")
    case = cases[name]
    values, salt, loads = case["values"], case["salt"], signing.loads
    start = time.process_time()
    for value in values:
        loads(value, salt=salt)
    print(time.process_time() - start, flush=True)
