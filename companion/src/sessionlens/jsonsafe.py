"""Session values as JSON, tagging with ``$py`` whatever JSON cannot carry (see TaggedJson in
src/core/companion.ts). Nothing is dropped: an unknown object still arrives as its type and repr."""

from __future__ import annotations

import datetime
import decimal
import math
import reprlib
import uuid
from collections.abc import Callable
from typing import Any, Final, TypeAlias

from django.utils.dateparse import parse_duration

TaggedJson: TypeAlias = bool | int | float | str | list["TaggedJson"] | dict[str, "TaggedJson"] | None

# JavaScript numbers are doubles: integers past 2**53 lose digits in JSON.parse.
MAX_SAFE_INTEGER: Final = 2**53 - 1
MAX_DEPTH: Final = 64
_repr = reprlib.Repr()
_repr.maxstring = 200
_repr.maxother = 200


def to_json(value: Any, depth: int = 0) -> TaggedJson:
    if depth > MAX_DEPTH:
        return _object(value)
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value if abs(value) <= MAX_SAFE_INTEGER else {"$py": "int", "value": str(value)}
    if isinstance(value, float):
        if math.isfinite(value):
            return value
        return {"$py": "float", "value": "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")}
    # datetime before date: datetime is a date subclass.
    if isinstance(value, datetime.datetime):
        return {"$py": "datetime", "value": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"$py": "date", "value": value.isoformat()}
    if isinstance(value, datetime.time):
        return {"$py": "time", "value": value.isoformat()}
    if isinstance(value, datetime.timedelta):
        return {"$py": "timedelta", "value": str(value)}
    if isinstance(value, decimal.Decimal):
        return {"$py": "decimal", "value": str(value)}
    if isinstance(value, uuid.UUID):
        return {"$py": "uuid", "value": str(value)}
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"$py": "bytes", "value": bytes(value).hex()}
    if isinstance(value, list):
        return [to_json(item, depth + 1) for item in value]
    if isinstance(value, (tuple, set, frozenset)):
        kind = "tuple" if isinstance(value, tuple) else "frozenset" if isinstance(value, frozenset) else "set"
        return {"$py": kind, "items": [to_json(item, depth + 1) for item in value]}
    if isinstance(value, dict):
        return dict_to_json(value, depth)
    return _object(value)


def dict_to_json(value: dict[Any, Any], depth: int = 0) -> TaggedJson:
    # A plain object only when every key is a str and none could be mistaken for the tag itself.
    if all(isinstance(key, str) for key in value) and "$py" not in value:
        return {key: to_json(item, depth + 1) for key, item in value.items()}
    return {
        "$py": "dict",
        "entries": [[to_json(k, depth + 1), to_json(v, depth + 1)] for k, v in value.items()],
    }


def _object(value: Any) -> TaggedJson:
    cls = type(value)
    return {"$py": "object", "type": f"{cls.__module__}.{cls.__qualname__}", "repr": _repr.repr(value)}


class Untaggable(ValueError):
    """A tagged value that names no Python value the companion can rebuild."""


def from_json(value: TaggedJson, depth: int = 0) -> Any:
    """The inverse of to_json for what a write may carry: every tag except "object", whose repr
    cannot be turned back into the object."""
    if depth > MAX_DEPTH:
        raise Untaggable(f"nested deeper than {MAX_DEPTH}")
    if isinstance(value, list):
        return [from_json(item, depth + 1) for item in value]
    if not isinstance(value, dict):
        return value
    if "$py" not in value:
        return {key: from_json(item, depth + 1) for key, item in value.items()}
    tag = value["$py"]
    try:
        if tag in _ITEMS:
            items = [from_json(item, depth + 1) for item in _field(value, "items", list)]
            return _ITEMS[tag](items)
        if tag == "dict":
            entries = _field(value, "entries", list)
            if not all(isinstance(entry, list) and len(entry) == 2 for entry in entries):
                raise Untaggable('"entries" must be [key, value] pairs')
            return {from_json(k, depth + 1): from_json(v, depth + 1) for k, v in entries}
        if tag in _SCALARS:
            return _SCALARS[tag](_field(value, "value", str))
    except TypeError as error:  # an unhashable set item or dict key
        raise Untaggable(f"{tag}: {error}") from error
    if tag == "object":
        raise Untaggable("an object's repr cannot be turned back into the object; set its fields instead")
    raise Untaggable(f"unknown tag {tag!r}")


def _field(value: dict[str, TaggedJson], name: str, kind: type) -> Any:
    found = value.get(name)
    if not isinstance(found, kind):
        raise Untaggable(f'{value["$py"]}: "{name}" must be a {kind.__name__}')
    return found


def _parsed(name: str, parse: Callable[[str], Any]) -> Callable[[str], Any]:
    def parse_or_refuse(text: str) -> Any:
        try:
            parsed = parse(text)
        except (ValueError, ArithmeticError) as error:
            raise Untaggable(f"{name}: {text!r} is not one ({error})") from error
        if parsed is None:  # django.utils.dateparse answers None for what it cannot read
            raise Untaggable(f"{name}: {text!r} is not one")
        return parsed

    return parse_or_refuse


def _float(text: str) -> float:
    if text not in ("nan", "inf", "-inf"):
        raise ValueError('only "nan", "inf" and "-inf" are tagged')
    return float(text)


_ITEMS: Final[dict[str, Callable[[list[Any]], Any]]] = {"tuple": tuple, "set": set, "frozenset": frozenset}
# Each parser reads what the matching branch of to_json writes (isoformat(), str(), hex()).
_SCALARS: Final[dict[str, Callable[[str], Any]]] = {
    "int": _parsed("int", int),
    "float": _parsed("float", _float),
    "datetime": _parsed("datetime", datetime.datetime.fromisoformat),
    "date": _parsed("date", datetime.date.fromisoformat),
    "time": _parsed("time", datetime.time.fromisoformat),
    "timedelta": _parsed("timedelta", parse_duration),  # reads str(timedelta): "1 day, 2:03:04"
    "decimal": _parsed("decimal", decimal.Decimal),
    "uuid": _parsed("uuid", uuid.UUID),
    "bytes": _parsed("bytes", bytes.fromhex),
}
