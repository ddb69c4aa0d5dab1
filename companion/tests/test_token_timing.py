"""The token check's time must not depend on how much of a guess matches.

What can honestly be proven here, on a shared machine: (1) by design, the check is
hmac.compare_digest over the UTF-8 bytes of both sides, which the standard library documents as
constant time in the contents; (2) by measurement, the whole gate takes the same time for a guess
wrong at its first byte as for one wrong at its last, within a generous bound. (2) cannot see a
memcmp-sized difference (nanoseconds, far below a request's noise); it catches leaks the size of a
Python-level early-exit loop, and the control below shows it does catch one, so the bound is not
one that cannot fail."""

from __future__ import annotations

import hmac
import string
import time
from typing import Any

import pytest
from django.test import RequestFactory

from sessionlens import access

from .conftest import LENS_URL

TOKEN = (string.ascii_letters * 5000)[: 256 * 1024]  # long, so any per-byte cost adds up
EARLY = "#" + TOKEN[1:]  # wrong at the first byte
LATE = TOKEN[:-1] + "#"  # right up to the last byte
REPEATS = 15


@pytest.fixture(autouse=True)
def token_set(settings: Any) -> None:
    settings.SESSIONLENS = {"TOKEN": TOKEN}


def gate(guess: str) -> bool:
    request = RequestFactory().get(LENS_URL, headers={"X-Sessionlens-Token": guess}, HTTP_HOST="127.0.0.1")
    return access.is_allowed(request)


def fastest(guess: str) -> float:
    """The least time of a few runs: the run the fewest other processes interrupted."""
    best = float("inf")
    for _ in range(REPEATS):
        start = time.perf_counter()
        gate(guess)
        best = min(best, time.perf_counter() - start)
    return best


def late_over_early() -> float:
    fastest(EARLY), fastest(LATE)  # warm up (imports, caches)
    return fastest(LATE) / fastest(EARLY)


def test_the_comparison_is_compare_digest_on_utf8_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[Any, Any]] = []
    real = hmac.compare_digest

    def spy(a: Any, b: Any) -> bool:
        seen.append((a, b))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    assert gate(TOKEN) is True
    assert gate(LATE) is False
    assert seen == [(TOKEN.encode(), TOKEN.encode()), (LATE.encode(), TOKEN.encode())]


def test_gate_time_does_not_follow_the_matching_prefix() -> None:
    ratio = late_over_early()
    assert 0.5 < ratio < 2, f"a guess right up to its last byte took {ratio:.2f}x one wrong at the first"


def test_control_a_leaky_comparison_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same measurement with an early-exit comparison swapped in: it must fail the bound above."""

    def leaky(a: bytes, b: bytes) -> bool:
        return len(a) == len(b) and all(x == y for x, y in zip(a, b, strict=True))

    monkeypatch.setattr(hmac, "compare_digest", leaky)
    assert late_over_early() > 2
