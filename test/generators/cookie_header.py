"""Write test/core/fixtures/cookie-header.json: which cookie real Django reads when a name repeats.

    .venv/bin/python test/generators/cookie_header.py > test/core/fixtures/cookie-header.json

Each case is a Cookie header in the order browsers send it (RFC 6265 section 5.4: longer paths
first) and what request.COOKIES held for it in a real WSGIRequest, for every Django in the repo's
venvs (run once per venv and merged: `--merge` adds this Django's answers to an existing file).
src/core/cookies/duplicates.test.ts checks the core picks the same cookie.
"""

import argparse
import json
import sys
from pathlib import Path
from urllib.parse import urlsplit

import django
from django.conf import settings

GENERATOR = "test/generators/cookie_header.py"
CASES = [
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--merge", type=Path, help="an existing output file to add this Django to")
    args = parser.parse_args()
    settings.configure(ALLOWED_HOSTS=["*"])
    django.setup()
    from django.test import RequestFactory

    doc = json.loads(args.merge.read_text()) if args.merge else {"generator": GENERATOR, "cases": CASES}
    factory = RequestFactory()
    version = django.get_version()
    for case in doc["cases"]:
        # Every cookie of a case path-matches its URL: all of them are in the header.
        case["header"] = header(case["cookies"])
        request = factory.get(urlsplit(case["url"]).path, HTTP_COOKIE=case["header"])
        case.setdefault("djangoReads", {})[version] = dict(request.COOKIES)
    json.dump(doc, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
