from __future__ import annotations

import datetime
import json
import math
import re
import uuid
from decimal import Decimal

import pytest

from sessionlens.jsonsafe import MAX_DEPTH, MAX_SAFE_INTEGER, TaggedJson, Untaggable, from_json, to_json


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


@pytest.mark.parametrize(
    "value",
    [
        2**70,
        -(2**60),
        math.inf,
        datetime.datetime(2024, 1, 2, 3, 4, 5, 6, tzinfo=datetime.timezone.utc),
        datetime.date(2024, 2, 29),
        datetime.time(12, 30, 1),
        datetime.timedelta(days=-1, seconds=5, microseconds=7),
        datetime.timedelta(days=3, minutes=5),
        Decimal("-1.10"),
        uuid.UUID(int=1),
        b"\x00\xff",
        (1, (2, [3])),
        {"a", 1},
        frozenset({2}),
        {1: "one", (2, 3): {"nested": None}},
        {"plain": [1, "x", None, True, 0.5]},
    ],
    ids=repr,
)
def test_from_json_inverts_to_json(value: object) -> None:
    assert from_json(json.loads(json.dumps(to_json(value)))) == value


def test_from_json_nan() -> None:
    assert math.isnan(from_json({"$py": "float", "value": "nan"}))


@pytest.mark.parametrize(
    ("tagged", "message"),
    [
        ({"$py": "object", "type": "x.Y", "repr": "<Y>"}, "repr cannot be turned back"),
        ({"$py": "pickle", "value": "x"}, "unknown tag 'pickle'"),
        ({"$py": "int", "value": "12a"}, "int: '12a' is not one"),
        ({"$py": "float", "value": "1.5"}, "float"),
        ({"$py": "timedelta", "value": "soon"}, "timedelta: 'soon' is not one"),
        ({"$py": "decimal", "value": 1}, '"value" must be a str'),
        ({"$py": "set", "items": [[1]]}, "set: "),
        ({"$py": "dict", "entries": [[1]]}, "[key, value] pairs"),
        ({"$py": "dict", "entries": [[[1], 2]]}, "dict: "),
    ],
)
def test_from_json_refuses_with_a_message(tagged: TaggedJson, message: str) -> None:
    with pytest.raises(Untaggable, match=re.escape(message)):
        from_json(tagged)


def test_from_json_refuses_absurd_nesting() -> None:
    deep: TaggedJson = 1
    for _ in range(MAX_DEPTH + 2):
        deep = [deep]
    with pytest.raises(Untaggable, match="nested deeper"):
        from_json(deep)
