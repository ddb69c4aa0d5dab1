"""Session values as JSON, tagging with ``$py`` whatever JSON cannot carry (see TaggedJson in
src/core/companion.ts). Nothing is dropped: an unknown object still arrives as its type and repr."""

from __future__ import annotations

import datetime
import decimal
import math
import reprlib
import uuid
from typing import Any, Final, TypeAlias

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
