from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse

from .access import require_show_session
from .errors import CompanionError
from .protocol import SESSION_HEADER
from .report import build_report

logger = logging.getLogger("sessionlens")


@require_show_session
def session(request: HttpRequest) -> HttpResponse:
    """The stored session named by X-Sessionlens-Session as CompanionSession JSON, or without one
    the site alone as CompanionSiteOnly. Read-only."""
    if request.method == "OPTIONS":  # CORS preflight; the gate adds the Access-Control-* headers
        return HttpResponse(status=204)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET", "OPTIONS"])
    try:
        return JsonResponse(build_report(request.headers.get(SESSION_HEADER)))
    except CompanionError as error:
        return JsonResponse(error.as_json(), status=error.status)
    except Exception:
        # A bad session or a storage outage must not become a 500 page with a traceback.
        logger.exception("sessionlens could not read the session")
        failure = CompanionError("server-error", "the session could not be read; see the server log", 500)
        return JsonResponse(failure.as_json(), status=failure.status)
