"""A custom SessionStore subclass: SESSION_ENGINE = "tests.custom_session"."""

from typing import Any

from django.contrib.sessions.backends.db import SessionStore as DBStore


class SessionStore(DBStore):
    @classmethod
    def get_model_class(cls) -> Any:
        from .models import CustomSession

        return CustomSession

    def create_model_instance(self, data: dict[str, Any]) -> Any:
        instance = super().create_model_instance(data)
        instance.account_id = data.get("account_id")  # type: ignore[attr-defined]  # CustomSession's field
        return instance
