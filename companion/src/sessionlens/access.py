"""The access gate: anyone not allowed gets the site's own 404, as if the app were not installed."""

from __future__ import annotations

import functools
import hmac
import ipaddress
import re
from collections.abc import Callable
from fnmatch import fnmatchcase

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.http.request import split_domain_port, validate_host
from django.utils.cache import add_never_cache_headers, patch_vary_headers

from .conf import get_config, get_show_session_callback, is_enabled, writes_allowed
from .protocol import SESSION_HEADER, TOKEN_HEADER

View = Callable[..., HttpResponse]


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


# An Origin as browsers serialise it (RFC 6454): scheme "://" host [":" port], nothing after.
_ORIGIN = re.compile(r"([a-z][a-z0-9+.-]*)://([a-z0-9.-]+|\[[0-9a-f:.]+\])(:[0-9]{1,5})?", re.IGNORECASE)
# An ALLOWED_ORIGINS entry: a scheme, then an fnmatch pattern for the host and port alone.
_ORIGIN_PATTERN = re.compile(r"([a-z][a-z0-9+.-]*)://([a-z0-9.*?\[\]:-]+)", re.IGNORECASE)


def origin_pattern_parts(pattern: str) -> tuple[str, str] | None:
    """(scheme, host pattern) of an ALLOWED_ORIGINS entry; None when it is not one (E001)."""
    match = _ORIGIN_PATTERN.fullmatch(pattern)
    return None if match is None else (match[1].lower(), match[2])


def _origin_matches(origin: str, pattern: str) -> bool:
    # Matched by parts, not as one string: "chrome-extension://*" as a whole-string fnmatch would
    # also match "chrome-extension://x/../../evil", and a host pattern must never reach a path.
    found, parts = _ORIGIN.fullmatch(origin), origin_pattern_parts(pattern)
    if found is None or parts is None:
        return False
    scheme, host_pattern = parts
    return found[1].lower() == scheme and fnmatchcase(found[2] + (found[3] or ""), host_pattern)


def extension_origin(request: HttpRequest) -> str | None:
    """The request's Origin when it is one of ALLOWED_ORIGINS (the extension pages), else None."""
    origin = request.headers.get("Origin")
    if not origin:
        return None
    patterns = get_config()["ALLOWED_ORIGINS"]
    return origin if any(_origin_matches(origin, pattern) for pattern in patterns) else None


def _host_allowed(request: HttpRequest) -> bool:
    """The Host names this machine: loopback, an INTERNAL_IPS address, or SESSIONLENS["ALLOWED_HOSTS"].

    Whatever ALLOWED_HOSTS says: with ALLOWED_HOSTS = ["*"], a page at evil.example whose DNS
    answer is rebound to 127.0.0.1 reaches the development server with Host evil.example, and
    its own Origin then looks same-origin. Django's own DEBUG default, ".localhost", is kept.
    """
    # The Host the client sent and, with USE_X_FORWARDED_HOST, the one get_host() believes: a page
    # can send X-Forwarded-Host itself, so both must name this machine.
    believed = request.get_host()  # DisallowedHost (a 400, as on any page) unless in ALLOWED_HOSTS
    return all(_names_this_machine(name) for name in {believed, request.META.get("HTTP_HOST") or believed})


def _names_this_machine(host: str) -> bool:
    domain, _port = split_domain_port(host)
    if not domain:
        return False
    if validate_host(domain, [".localhost", *get_config()["ALLOWED_HOSTS"]]):
        return True
    address = domain[1:-1] if domain.startswith("[") else domain  # an IPv6 literal keeps its brackets
    if address in settings.INTERNAL_IPS:
        return True
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


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
    # WSGI (PEP 3333) and Django's ASGI handler hand header bytes over as latin-1 text: encoding
    # back to latin-1 recovers the bytes sent, which a UTF-8 client wrote for a non-ASCII token.
    try:
        sent = request.headers.get(TOKEN_HEADER, "").encode("latin-1")
    except UnicodeEncodeError:  # not from a real server: no byte string it could have been
        return False
    # Constant time in the matching prefix (it still reveals the token's length, as Django's
    # constant_time_compare does).
    return hmac.compare_digest(sent, str(token).encode("utf-8"))


def shows_session(request: HttpRequest) -> bool:
    """Whether this client may see its session: the gate without the token, which only the
    extension's own requests carry (the timeline middleware asks this of the site's pages)."""
    if not is_enabled() or not _host_allowed(request) or not _origin_allowed(request):
        return False
    return bool(get_show_session_callback()(request))


def is_allowed(request: HttpRequest) -> bool:
    if not shows_session(request):
        return False
    if request.method == "OPTIONS":
        # A CORS preflight never carries custom headers, so it cannot carry the token: with a TOKEN
        # set it is refused like any request without it, or its 204 would tell a page the endpoint
        # exists. The extension's own requests, made with the site's host permission, need none.
        return not get_config()["TOKEN"]
    return _token_matches(request)


def add_cors_headers(request: HttpRequest, response: HttpResponse) -> None:
    origin = extension_origin(request)
    if origin:
        response["Access-Control-Allow-Origin"] = origin
        # POST with a JSON body (writes.py) only where writes are allowed, so a preflight for a
        # write the server would refuse already fails in the browser.
        writes = writes_allowed()
        response["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS" if writes else "GET, OPTIONS"
        headers = f"{SESSION_HEADER}, {TOKEN_HEADER}" + (", Content-Type" if writes else "")
        response["Access-Control-Allow-Headers"] = headers
        response["Access-Control-Max-Age"] = "600"


def require_show_session(view: View) -> View:
    """Gate a view: a bare 404 unless allowed; never cached; CORS for extension origins only."""

    @functools.wraps(view)
    def gated(request: HttpRequest, **url_kwargs: str) -> HttpResponse:
        allowed = is_allowed(request)
        # SessionMiddleware.process_response returns early when the request has no `session`
        # (it catches AttributeError), so the browsing session can't be saved, re-keyed or
        # re-cookied by this request even with SESSION_SAVE_EVERY_REQUEST or a callback that
        # looked at request.user.
        request.__dict__.pop("session", None)
        if not allowed:
            raise Http404
        response = view(request, **url_kwargs)
        add_never_cache_headers(response)
        patch_vary_headers(response, ("Origin", SESSION_HEADER, TOKEN_HEADER))
        add_cors_headers(request, response)
        return response

    return gated
