"""Django's half of the benchmark: makes the values and times Django's own signing.loads on them.

Prints one JSON object: {"values": {name: value}, "django": {name: loads_per_second},
"djangoKeysPerSecond": n}. Called by bench/decode.bench.ts.
"""

from __future__ import annotations

import json
import sys
import timeit

from django.conf import settings

KEY = "bench-secret-key-" + "k9Z" * 14
settings.configure(SECRET_KEY=KEY)

from django.core import signing

SESSION_SALT = "django.contrib.sessions.backends.signed_cookies"
session = {
    "_auth_user_id": "42",
    "_auth_user_backend": "django.contrib.auth.backends.ModelBackend",
    "_auth_user_hash": "f" * 64,
    "cart": list(range(50)),
}
values = {
    "small signing.dumps": (signing.dumps({"user": 1}), {}),
    "signed_cookies session (compressed)": (
        signing.dumps(session, salt=SESSION_SALT, compress=True),
        {"salt": SESSION_SALT},
    ),
}


def per_second(fn: object, seconds: float = 0.5) -> float:
    timer = timeit.Timer(fn)  # type: ignore[arg-type]
    n, elapsed = timer.autorange()
    runs = max(1, int(n * seconds / elapsed))
    return runs / timer.timeit(runs)


def keys_per_second(value: str, candidates: int) -> float:
    wrong = [f"wrong-key-{i}" for i in range(candidates)]

    def hunt() -> None:
        for key in wrong:
            try:
                signing.loads(value, key=key)
            except signing.BadSignature:
                pass

    return candidates * per_second(hunt, 1.0)


out = {
    "python": sys.version.split()[0],
    "key": KEY,
    "values": {name: value for name, (value, _) in values.items()},
    "salts": {
        name: kwargs.get("salt", "django.core.signing")
        for name, (_, kwargs) in values.items()
    },
    "django": {
        name: per_second(lambda v=value, kw=kwargs: signing.loads(v, **kw))
        for name, (value, kwargs) in values.items()
    },
    "djangoKeysPerSecond": keys_per_second(values["small signing.dumps"][0], 200),
}
print(json.dumps(out))
