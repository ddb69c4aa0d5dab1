import pickle
from typing import Any


class PickleSerializer:
    """Django's PickleSerializer (removed in 5.0): lets sessions hold what JSON cannot, so the
    suite can prove the companion tags datetimes, non-str keys and sets instead of dropping them."""

    def dumps(self, obj: Any) -> bytes:
        return pickle.dumps(obj, pickle.HIGHEST_PROTOCOL)

    def loads(self, data: bytes) -> Any:
        return pickle.loads(data)
