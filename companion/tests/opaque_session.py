"""A SessionStore that derives from no built-in engine: its load() could do anything."""

from typing import Any

from django.contrib.sessions.backends.base import SessionBase


class SessionStore(SessionBase):
    def load(self) -> dict[str, Any]:
        return {}

    def exists(self, session_key: str | None) -> bool:
        return False
