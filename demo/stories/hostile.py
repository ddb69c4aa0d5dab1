"""What a hostile or broken site can put in front of the panel (issue 13), one view each: hostile
strings in the session, a planted sessionid built to exhaust a decoder, and companion answers
outside the protocol. The panel must render all of it as text and stay responsive."""

import json
import struct
from typing import Any

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST
from sessionlens.protocol import PROTOCOL
from sessionlens.views import session as companion_session

XSS = "<img src=x onerror=alert(1)>"
HOSTILE_DATA: dict[str, Any] = {
    "xss": XSS,
    "<script>alert(2)</script>": "a hostile key",
    "bidi": "invoice\u202efdp.exe",  # RIGHT-TO-LEFT OVERRIDE: shows as "invoiceexe.pdf"
    "terminal": "\x1b[2J\x1b[1;1H✔ verified",
    "huge": "A" * 1_000_000,
    "deep": {},  # filled below: 50 levels of {"next": …}
}
_level: dict[str, Any] = HOSTILE_DATA["deep"]
for _ in range(50):
    _level["next"] = {}
    _level = _level["next"]
_level["bottom"] = XSS

# The session cookie's salt (django/contrib/sessions/backends/signed_cookies.py).
SIGNED_COOKIES_SALT = "django.contrib.sessions.backends.signed_cookies"
# One LONG4 integer of this many bytes: ~6 million decimal digits, ~3.4 KB once compressed and
# signed, so it fits in a cookie. Turned into text digit by digit it froze decoders for seconds.
BOMB_INT_BYTES = 2_500_000


def long4_bomb() -> bytes:
    """A protocol-2 pickle holding one huge int: PROTO 2, LONG4 <n> <bytes>, STOP."""
    return b"\x80\x02\x8b" + struct.pack("<i", BOMB_INT_BYTES) + b"\x01" * BOMB_INT_BYTES + b"."


class _RawPickle:
    """A signing serializer that hands over prepared pickle bytes (signing.dumps calls .dumps())."""

    def dumps(self, obj: bytes) -> bytes:
        return obj

    def loads(self, data: bytes) -> Any:  # never used: the demo never reads the bomb back
        raise signing.BadSignature("not readable by design")


def bomb_cookie() -> str:
    """The bomb as a signed_cookies session, signed by Django with the demo's SECRET_KEY."""
    return signing.dumps(long4_bomb(), salt=SIGNED_COOKIES_SALT, serializer=_RawPickle, compress=True)


@require_http_methods(["GET", "POST"])
def hostile_data(request: HttpRequest) -> HttpResponse:
    """Stores hostile strings in the session: markup, a bidi override, escapes, 1 MB, deep nesting."""
    if request.method == "POST":
        request.session.update(HOSTILE_DATA)
        return redirect("hostile-data")
    return render(request, "stories/hostile.html", {"stored": "xss" in request.session})


@require_POST
def plant_bomb(request: HttpRequest) -> HttpResponse:
    """Sets the signed LONG4 bomb as the site's own sessionid. The answer is a bare page that never
    touches request.session: SessionMiddleware would delete a cookie naming no stored session."""
    value = bomb_cookie()
    response = HttpResponse(
        f'<!doctype html><title>Bomb planted</title><p id="bomb-planted" data-length="{len(value)}">'
        f"A signed {len(value)}-character {settings.SESSION_COOKIE_NAME} is set. "
        f'Open the panel; then <a id="bomb-clear" href="/flush/">flush</a>.</p>'
    )
    response.set_cookie(settings.SESSION_COOKIE_NAME, value, samesite="Lax", httponly=True)
    return response


def malformed_companion(request: HttpRequest) -> HttpResponse:
    """The companion's real answer with nulls where a string and an object belong (`engine`,
    `user`), as a broken companion sent them in the issue. Point the panel's companion path here."""
    response = companion_session(request)
    answer = json.loads(response.content)
    if answer.get("ok") and answer.get("kind") == "session":
        answer.update(engine=None, user=None)
    return JsonResponse(answer, status=response.status_code)


def old_companion(request: HttpRequest) -> JsonResponse:
    """An answer from a companion one protocol behind the panel: the panel says which side to upgrade."""
    return JsonResponse({"protocol": PROTOCOL - 1, "ok": True})
