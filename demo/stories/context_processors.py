import json
from typing import Any

from django.conf import settings
from django.http import HttpRequest


def session_view(request: HttpRequest) -> dict[str, Any]:
    """What every page shows: the session as the view left it, so each click's effect is visible."""
    session = request.session
    return {
        "demo_engine": settings.DEMO_ENGINE,
        "session_engine": settings.SESSION_ENGINE,
        "session_key": session.session_key,
        "session_json": json.dumps(dict(session.items()), indent=2, sort_keys=True, default=str),
    }
