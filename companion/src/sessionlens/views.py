from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from .access import require_show_session
from .conf import writes_allowed
from .errors import CompanionError
from .protocol import SESSION_HEADER
from .report import build_report
from .timeline_records import load_record
from .writes import write_session

logger = logging.getLogger("sessionlens")


# csrf_exempt: the extension has no CSRF token to send. A forged cross-site POST is stopped
# instead by the gate's Origin check and by writes.py accepting JSON bodies only (a page cannot
# send one to another origin without a preflight); and the gate's 404 must come before any 403.
@csrf_exempt
@require_show_session
def session(request: HttpRequest) -> HttpResponse:
    """GET: the stored session named by X-Sessionlens-Session as CompanionSession JSON, or without
    one the site alone as CompanionSiteOnly; read-only. POST: a CompanionWrite (writes.py)."""
    if request.method == "OPTIONS":  # CORS preflight; the gate adds the Access-Control-* headers
        return HttpResponse(status=204)
    if request.method == "GET":
        return answer(lambda: build_report(request.headers.get(SESSION_HEADER)), "read")
    if request.method == "POST":
        if not writes_allowed():  # the second gate: refused as if the app were not installed
            raise Http404
        return answer(lambda: write_session(request), "written")
    return HttpResponseNotAllowed(["GET", "POST", "OPTIONS"])


@require_show_session
def timeline(request: HttpRequest, record_id: str) -> HttpResponse:
    """GET: the CompanionTimelineRecord SessionTimelineMiddleware stored under record_id. An unknown
    or expired id is the gate's own 404, so ids cannot be told apart by probing."""
    if request.method == "OPTIONS":  # CORS preflight, as for the session URL
        return HttpResponse(status=204)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET", "OPTIONS"])
    try:
        record = load_record(record_id)
    except Exception:  # a cache outage must not become a 500 page with a traceback
        logger.exception("sessionlens: the timeline record could not be read")
        failure = CompanionError("server-error", "the record could not be read; see the server log", 500)
        return JsonResponse(failure.as_json(), status=failure.status)
    if record is None:
        raise Http404
    return JsonResponse(record)


def answer(build: Callable[[], dict[str, Any]], done: str) -> JsonResponse:
    try:
        return JsonResponse(build())
    except CompanionError as error:
        return JsonResponse(error.as_json(), status=error.status)
    except Exception:
        # A bad session or a storage outage must not become a 500 page with a traceback.
        logger.exception("sessionlens: the session could not be %s", done)
        failure = CompanionError("server-error", f"the session could not be {done}; see the server log", 500)
        return JsonResponse(failure.as_json(), status=failure.status)
