"""A db SessionStore subclass with a custom decode() that raises, so the model is the db's own."""

from typing import Any

from django.contrib.sessions.backends.db import SessionStore as DBStore


class SessionStore(DBStore):
    @classmethod
    def get_model_class(cls) -> Any:
        from django.contrib.sessions.models import Session

        return Session

    @property
    def key_salt(self) -> str:
        # The rows were written by the stock db store; read them under its salt.
        return "django.contrib.sessions.SessionStore"

    def decode(self, session_data: str | bytes) -> dict[str, Any]:
        raise ValueError("this store's format changed")
