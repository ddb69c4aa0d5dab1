"""``manage.py sessionlens show|decode``: the companion from a shell on the server.

``show`` prints the report the endpoint would answer, for when the endpoint is off (DEBUG off on a
server) or no browser is at hand. ``decode`` reads a ``signing.dumps`` value (a signed_cookies
session, a token) with the site's own SECRET_KEY and SECRET_KEY_FALLBACKS. Whoever can run
manage.py can read the settings anyway, so neither is gated; neither prints a key.
"""

from __future__ import annotations

import json
import zlib
from typing import Any

from django.core import signing
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ...errors import CompanionError
from ...jsonsafe import to_json
from ...report import build_report
from ...secret_key import site_keys

# signing.dumps()'s default salt, and the one signed_cookies.SessionStore passes to signing.loads.
DUMPS_SALT = "django.core.signing"
SESSION_COOKIE_SALT = "django.contrib.sessions.backends.signed_cookies"


class Command(BaseCommand):
    help = "Show a stored session as the Sessionlens endpoint reports it, or decode a signed value."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="show|decode")
        show = actions.add_parser("show", help="the endpoint's JSON report for one session key")
        show.add_argument(
            "session_key", help="the session cookie's value (for signed_cookies, the whole cookie)"
        )
        decode = actions.add_parser("decode", help="verify and read a signed value with the site's keys")
        decode.add_argument("value", help="a signed value, e.g. a signed_cookies session cookie")
        decode.add_argument(
            "--salt",
            help=f"the salt it was signed with (default: try {DUMPS_SALT!r}, then {SESSION_COOKIE_SALT!r})",
        )
        decode.add_argument("--max-age", type=int, help="refuse a signature older than this many seconds")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "show":
            self.show(options["session_key"])
        else:
            self.decode(options["value"], options["salt"], options["max_age"])

    def show(self, session_key: str) -> None:
        try:
            report = build_report(session_key)
        except CompanionError as error:
            raise CommandError(f"{error.code}: {error.message}") from error
        self.stdout.write(json.dumps(report, indent=2, ensure_ascii=False))

    def decode(self, value: str, salt: str | None, max_age: int | None) -> None:
        keys = site_keys()
        salts = [salt] if salt is not None else [DUMPS_SALT, SESSION_COOKIE_SALT]
        expired: signing.SignatureExpired | None = None
        for candidate in salts:
            for name, key in keys:
                try:
                    # One key at a time (no fallbacks), to say which one signed it.
                    data = signing.loads(value, key=key, salt=candidate, max_age=max_age, fallback_keys=[])
                except signing.SignatureExpired as error:
                    expired = error
                    continue
                except signing.BadSignature:
                    continue
                except (ValueError, zlib.error) as error:  # base64, JSON or zlib, after a good signature
                    raise CommandError(
                        f"signed by {name} with salt {candidate!r}, but unreadable: {error}"
                    ) from error
                self.stdout.write(f"verified by {name}, salt {candidate!r}")
                self.stdout.write(json.dumps(to_json(data), indent=2, ensure_ascii=False))
                return
        if expired is not None:
            raise CommandError(f"the signature is valid but expired: {expired}")
        tried = ", ".join(repr(s) for s in salts)
        raise CommandError(
            f"bad signature: neither SECRET_KEY nor its {len(keys) - 1} fallback(s) signed this "
            f"with salt {tried}"
        )
