from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models


class CustomSession(AbstractBaseSession):
    """A custom session model, as in Django's docs "Extending database-backed session engines"."""

    account_id = models.IntegerField(null=True, db_index=True)

    @classmethod
    def get_session_store_class(cls) -> type:
        from .custom_session import SessionStore

        return SessionStore
