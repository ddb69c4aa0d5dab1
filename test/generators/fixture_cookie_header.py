"""fixture "cookie-header": which cookie real Django reads when a name repeats.

Each case is a Cookie header in the order browsers send it (RFC 6265 section 5.4: longer paths
first) and what request.COOKIES held for it in a real WSGIRequest, once per Django (one file each).
src/core/cookies/duplicates.test.ts checks the core picks the same cookie.
"""

from typing import Any
from urllib.parse import urlsplit

CASES: list[dict[str, Any]] = [
    {
        "id": "counter-path-and-root",
        "note": "a page set sessionid with Path=/counter/ beside the one SessionMiddleware set at /",
        "url": "http://localhost:8000/counter/",
        "cookies": [
            {"name": "sessionid", "value": "rootkey", "path": "/"},
            {"name": "sessionid", "value": "counterkey", "path": "/counter/"},
        ],
    },
    {
        "id": "three-paths",
        "note": "three nested paths: the shortest one is sent last",
        "url": "http://localhost:8000/a/b/c",
        "cookies": [
            {"name": "sessionid", "value": "ab", "path": "/a/b"},
            {"name": "sessionid", "value": "root", "path": "/"},
            {"name": "sessionid", "value": "a", "path": "/a/"},
            {"name": "csrftoken", "value": "tok", "path": "/"},
        ],
    },
    {
        "id": "no-duplicate",
        "note": "one cookie of the name: nothing to choose",
        "url": "http://localhost:8000/",
        "cookies": [{"name": "sessionid", "value": "only", "path": "/"}],
    },
]


def header(cookies: list[dict[str, str]]) -> str:
    ordered = sorted(cookies, key=lambda c: -len(c["path"]))  # stable, like the browser's sort
    return "; ".join(f"{c['name']}={c['value']}" for c in ordered)


def fixture() -> dict[str, Any]:
    from django.test import RequestFactory

    factory = RequestFactory()
    cases = []
    for case in CASES:
        # Every cookie of a case path-matches its URL: all of them are in the header.
        sent = header(case["cookies"])
        request = factory.get(urlsplit(case["url"]).path, HTTP_COOKIE=sent)
        cases.append({**case, "header": sent, "djangoReads": dict(request.COOKIES)})
    return {"cases": cases}
