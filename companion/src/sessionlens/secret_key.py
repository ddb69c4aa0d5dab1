"""CompanionSite.secretKey: whether SECRET_KEY fails Django's security.W009; and signedBy, which of the
site's keys signed a stored session. Never a key itself."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import signing

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


def site_keys() -> list[tuple[str, str]]:
    """(Django's name for it, the key): SECRET_KEY, then SECRET_KEY_FALLBACKS in order, the order
    Signer.unsign() tries them."""
    keys = [("SECRET_KEY", settings.SECRET_KEY)]
    fallbacks = getattr(settings, "SECRET_KEY_FALLBACKS", ())
    keys += [(f"SECRET_KEY_FALLBACKS[{n}]", key) for n, key in enumerate(fallbacks)]
    return keys


def signed_by(signed_value: str, salt: str) -> str | None:
    """The name of the first key whose signature signed_value carries, or None (no key of the site's
    signed it). The check signing.loads(salt=salt) makes (SessionBase.decode(), signed_cookies'
    load()), one key at a time so the answer says which: the signature only, nothing deserialized,
    and no max_age (an expired session still names its key)."""
    for name, key in site_keys():
        try:
            signing.TimestampSigner(key=key, salt=salt, fallback_keys=[]).unsign(signed_value)
        except signing.BadSignature:
            continue
        return name
    return None
