"""fixture "panel-values": the values the panel's unit tests show (Session, Decode, Cookies tabs,
the report view), each written by real Django under SECRET_KEY "k" at one signing time.

The pickled ones are built with pickle.dumps of an object whose __reduce__ names os.system; the
generator never unpickles them. Django 4.2 (the last with PickleSerializer) adds the one its own
serializer writes, a datetime beside the payload that runs code.
"""

import datetime
import os
import pickle
from typing import Any

from django.core import signing
from django.test.utils import override_settings
from vectorlib import MAJOR_MINOR, frozen

KEY = "k"
SIGNED_AT = 1_700_000_000  # b62 `1r31eq`: a whole second, so the panel's times read round
SIGNED_COOKIES_SALT = "django.contrib.sessions.backends.signed_cookies"


class RunsCode:
    """Pickles as a call of os.system: what a leaked SECRET_KEY lets anyone sign (docs/formats.md)."""

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return (os.system, ("echo pwned",))


class Pickle2:
    """A session serializer writing pickle protocol 2 (what sites on old Django configured)."""

    def dumps(self, obj: object) -> bytes:
        return pickle.dumps(obj, 2)

    def loads(self, data: bytes) -> object:  # never called: signing.dumps only writes
        raise AssertionError("the generator never unpickles")


def today() -> dict[str, str]:
    from django.contrib.messages.storage.base import Message
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.contrib.sessions.backends.db import SessionStore
    from django.http import HttpRequest
    from django.utils.safestring import mark_safe

    session = {
        "visits": 3,
        "_auth_user_id": "42",
        "_auth_user_backend": "django.contrib.auth.backends.ModelBackend",
        "_auth_user_hash": "a" * 64,
        "html": "<img src=x onerror=alert(1)>",
        "big": 2**70,
        "_session_expiry": 300,
    }
    messages = [Message(20, "Saved!"), Message(40, mark_safe("<b>Oops</b>"), extra_tags="urgent")]
    return {
        "session_cookie": signing.dumps(session, salt=SIGNED_COOKIES_SALT, compress=True),
        "session_cookie_old_key": signing.dumps(
            {"visits": 1}, key="old-key", salt=SIGNED_COOKIES_SALT, compress=True
        ),
        # set_signed_cookie("theme", "dark", salt="themesalt"), the legacy salt every Django reads
        "theme_cookie": signing.get_cookie_signer(salt="theme" + "themesalt").sign("dark"),
        "messages_cookie": CookieStorage(HttpRequest())._encode(messages),  # type: ignore[attr-defined]  # private: what update() writes
        "pickle_rce_cookie": signing.dumps({"x": RunsCode()}, salt=SIGNED_COOKIES_SALT, serializer=Pickle2),
        # a db session's session_data column, as copied from django_session
        "session_data": SessionStore().encode({"visit": 11}),
    }


def pickle_serializer() -> dict[str, str]:
    from django.contrib.sessions.serializers import PickleSerializer  # type: ignore[attr-defined]  # removed in 5.0: only 4.2 gets here

    session = {"when": datetime.datetime(2023, 11, 14, 22, 13, 20), "x": RunsCode()}
    return {
        "pickle_rce_with_datetime_cookie": signing.dumps(
            session, salt=SIGNED_COOKIES_SALT, serializer=PickleSerializer
        )
    }


def fixture() -> dict[str, Any] | None:
    makers = {(4, 2): pickle_serializer, (5, 2): today}
    make = makers.get(MAJOR_MINOR)
    if make is None:
        return None
    with override_settings(SECRET_KEY=KEY), frozen(SIGNED_AT):
        return {"key": KEY, "signedAt": SIGNED_AT, "values": make()}
