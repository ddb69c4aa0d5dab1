"""The access gate: anyone not allowed gets the site's own 404, as if the app were not installed."""

from __future__ import annotations

import functools
import hmac
import ipaddress
from collections.abc import Callable
from fnmatch import fnmatchcase

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers, patch_vary_headers

from .conf import get_config, get_show_session_callback, is_enabled
from .protocol import SESSION_HEADER, TOKEN_HEADER

View = Callable[[HttpRequest], HttpResponse]


def show_session(request: HttpRequest) -> bool:
    """Default SHOW_SESSION_CALLBACK: DEBUG on and the client is an INTERNAL_IP or loopback."""
    if not settings.DEBUG:
        return False
    remote = request.META.get("REMOTE_ADDR") or ""
    if remote in settings.INTERNAL_IPS:
        return True
    try:
        return ipaddress.ip_address(remote).is_loopback
    except ValueError:
        return False


def extension_origin(request: HttpRequest) -> str | None:
    """The request's Origin when it is one of ALLOWED_ORIGINS (the extension pages), else None."""
    origin = request.headers.get("Origin")
    if not origin:
        return None
    patterns = get_config()["ALLOWED_ORIGINS"]
    return origin if any(fnmatchcase(origin, pattern) for pattern in patterns) else None


def _origin_allowed(request: HttpRequest) -> bool:
    # Browsers omit Origin on same-origin GETs and tools like curl never send it; a page of another
    # site always does, so any foreign Origin that is not an extension is refused.
    origin = request.headers.get("Origin")
    if not origin or extension_origin(request):
        return True
    return origin == f"{request.scheme}://{request.get_host()}"


def _token_matches(request: HttpRequest) -> bool:
    token = get_config()["TOKEN"]
    if not token:
        return True
    sent = request.headers.get(TOKEN_HEADER, "")
    return hmac.compare_digest(sent.encode(), str(token).encode())


def is_allowed(request: HttpRequest) -> bool:
    if not is_enabled() or not _origin_allowed(request):
        return False
    if not get_show_session_callback()(request):
        return False
    # A CORS preflight never carries custom headers, so it cannot carry the token either.
    return request.method == "OPTIONS" or _token_matches(request)


def add_cors_headers(request: HttpRequest, response: HttpResponse) -> None:
    origin = extension_origin(request)
    if origin:
        response["Access-Control-Allow-Origin"] = origin
        response["Access-Control-Allow-Methods"] = "GET, OPTIONS"
        response["Access-Control-Allow-Headers"] = f"{SESSION_HEADER}, {TOKEN_HEADER}"
        response["Access-Control-Max-Age"] = "600"


def require_show_session(view: View) -> View:
    """Gate a view: a bare 404 unless allowed; never cached; CORS for extension origins only."""

    @functools.wraps(view)
    def gated(request: HttpRequest) -> HttpResponse:
        allowed = is_allowed(request)
        # SessionMiddleware.process_response returns early when the request has no `session`
        # (it catches AttributeError), so the browsing session can't be saved, re-keyed or
        # re-cookied by this request even with SESSION_SAVE_EVERY_REQUEST or a callback that
        # looked at request.user.
        request.__dict__.pop("session", None)
        if not allowed:
            raise Http404
        response = view(request)
        add_never_cache_headers(response)
        patch_vary_headers(response, ("Origin", SESSION_HEADER, TOKEN_HEADER))
        add_cors_headers(request, response)
        return response

    return gated
