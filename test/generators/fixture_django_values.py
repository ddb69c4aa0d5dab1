"""fixture "django-values": single values real Django wrote for the core's unit tests
(decode.test.ts, sign.test.ts, zlib.test.ts), where one named value reads better than a vector
file: messages, signed cookies, session_data of a nested store class, a session cookie, and zlib
streams (intact, with trailing bytes, truncated, gzip and raw containers, a large one).

Made under Django's own test SECRET_KEY at T0. Django 3.2 adds the formats it alone writes
(messages' legacy hash, pre-3.1 session_data); 5.2 the v2 signed-cookie salt.
"""

import json
import zlib
from typing import Any
from unittest import mock

from django.contrib.sessions.backends.db import SessionStore
from django.core import signing
from django.test.utils import override_settings
from vectorlib import DJANGO_TESTS_KEY, IS_32, MAJOR_MINOR, T0, frozen

SIGNED_COOKIES_SALT = "django.contrib.sessions.backends.signed_cookies"


class Outer:
    """A store class nested in another: its key salt is its __qualname__, dots and all."""

    class InnerStore(SessionStore):
        pass


def django_values() -> dict[str, str]:
    from django.contrib.messages.storage.base import Message
    from django.contrib.messages.storage.cookie import CookieStorage, MessageEncoder
    from django.utils.safestring import mark_safe

    out: dict[str, str] = {}
    messages = [Message(20, "hello"), Message(40, mark_safe("<b>x</b>"), extra_tags="tag")]
    storage = CookieStorage(mock.Mock())
    out["messages"] = storage._encode([*messages, CookieStorage.not_finished])  # type: ignore[attr-defined]  # private: what update() writes
    signer = signing.get_cookie_signer(salt="name" + "pepper")
    out["signed_cookie_legacy"] = signer.sign("v:1")
    if hasattr(signing, "_cookie_signer_salt"):
        v2 = signing.get_cookie_signer(salt=signing._cookie_signer_salt("name", "pepper"))
        out["signed_cookie_v2"] = v2.sign("v:1")
    store = Outer.InnerStore()
    out["session_data_nested"] = store.encode({"a": 1})
    if IS_32:
        encoded = json.dumps(
            [*messages, CookieStorage.not_finished], separators=(",", ":"), cls=MessageEncoder
        )
        out["messages_legacy"] = storage._legacy_hash(encoded) + "$" + encoded  # type: ignore[attr-defined]  # 3.2 only
        out["session_data_legacy_nested"] = store._legacy_encode({"a": 1})  # type: ignore[attr-defined]  # 3.2 only
        out["session_data_legacy"] = SessionStore()._legacy_encode({"a": 1})  # type: ignore[attr-defined]  # 3.2 only
    session = {"_auth_user_id": "42", "big": "x" * 200}
    out["session_cookie"] = signing.dumps(session, compress=True, salt=SIGNED_COOKIES_SALT)
    return out


def zlib_streams() -> dict[str, str]:
    """Hex of zlib.compress and zlib.compressobj output (no Django: the streams its dumps inflates)."""
    data = b'{"a":1}'
    plain = zlib.compress(data)
    gzip = zlib.compressobj(wbits=31)
    raw = zlib.compressobj(wbits=-15)
    big = zlib.compressobj(level=9)
    return {
        "zlib_ok": plain.hex(),
        "zlib_trailing": (plain + b"junk").hex(),
        "zlib_truncated": plain[:-2].hex(),
        # gzip's header records no mtime or name here (zlib.compressobj writes zeros): stable bytes.
        "gzip": (gzip.compress(data) + gzip.flush()).hex(),
        "raw": (raw.compress(data) + raw.flush()).hex(),
        "big": (big.compress(bytes(range(256)) * 300 + b"abc" * 5000) + big.flush()).hex(),
    }


def fixture() -> dict[str, Any] | None:
    """Written under 3.2 (its legacy formats) and 5.2 (today's); 4.2 adds nothing either lacks."""
    if MAJOR_MINOR == (4, 2):
        return None
    with override_settings(SECRET_KEY=DJANGO_TESTS_KEY), frozen(T0):
        values = django_values()
    if not IS_32:
        values.update(zlib_streams())
    return {"secret_key": DJANGO_TESTS_KEY, "now": T0, "values": values}
