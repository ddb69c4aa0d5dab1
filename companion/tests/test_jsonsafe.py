from __future__ import annotations

import datetime
import json
import math
import uuid

import pytest

from sessionlens.jsonsafe import MAX_SAFE_INTEGER, to_json


class Opaque:
    def __repr__(self) -> str:
        return "<Opaque>"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (MAX_SAFE_INTEGER, MAX_SAFE_INTEGER),
        (MAX_SAFE_INTEGER + 1, {"$py": "int", "value": "9007199254740992"}),
        (-(2**60), {"$py": "int", "value": str(-(2**60))}),
        (True, True),
        (math.nan, {"$py": "float", "value": "nan"}),
        (-math.inf, {"$py": "float", "value": "-inf"}),
        (datetime.date(2024, 2, 29), {"$py": "date", "value": "2024-02-29"}),
        (datetime.time(12, 30), {"$py": "time", "value": "12:30:00"}),
        (datetime.timedelta(minutes=5), {"$py": "timedelta", "value": "0:05:00"}),
        (uuid.UUID(int=1), {"$py": "uuid", "value": "00000000-0000-0000-0000-000000000001"}),
        (frozenset([1]), {"$py": "frozenset", "items": [1]}),
        ({"$py": "looks like a tag"}, {"$py": "dict", "entries": [["$py", "looks like a tag"]]}),
        ([{1: [b"\x01"]}], [{"$py": "dict", "entries": [[1, [{"$py": "bytes", "value": "01"}]]]}]),
        (Opaque(), {"$py": "object", "type": "tests.test_jsonsafe.Opaque", "repr": "<Opaque>"}),
    ],
)
def test_to_json(value: object, expected: object) -> None:
    assert to_json(value) == expected
    json.dumps(to_json(value), allow_nan=False)  # always strict JSON


def test_long_reprs_are_truncated() -> None:
    tagged = to_json(Opaque.__new__(type("Big", (), {"__repr__": lambda self: "x" * 10_000})))
    assert isinstance(tagged, dict)
    assert len(str(tagged["repr"])) <= 200


def test_deep_nesting_stops() -> None:
    deep: list[object] = []
    for _ in range(200):
        deep = [deep]
    json.dumps(to_json(deep))
