"""CompanionSite.secretKey: whether SECRET_KEY fails Django's security.W009, never the key itself."""

from __future__ import annotations

from typing import Any

from django.conf import settings

# The rules of security.W009, read from Django rather than copied.
from django.core.checks.security.base import (
    SECRET_KEY_INSECURE_PREFIX,
    SECRET_KEY_MIN_LENGTH,
    SECRET_KEY_MIN_UNIQUE_CHARACTERS,
)


def secret_key_info() -> dict[str, Any]:
    key = str(settings.SECRET_KEY)
    weak = (
        key.startswith(SECRET_KEY_INSECURE_PREFIX)
        or len(key) < SECRET_KEY_MIN_LENGTH
        or len(set(key)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS
    )
    return {"looksWeak": weak, "fallbacks": len(getattr(settings, "SECRET_KEY_FALLBACKS", ()))}
