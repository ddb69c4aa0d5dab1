"""`make bench`, companion: its endpoint beside a bare Django view returning {} on the same site.

One Django 5.2 site (the repository's .venv) with the companion installed; per session engine a
logged-in session is saved through the engine's own SessionStore, then, in interleaved rounds
(the order rotating), the same WSGI handler serves N requests to each of:

- `GET /__sessionlens__/session/` with X-Sessionlens-Session (the extension's request), and
- `GET /bare/`, a view returning JsonResponse({}), through the same middleware, same headers.

CPU time (time.process_time) per request, medians of the rounds; the ratio is printed against
issue 14's target (at most 2x). Then one endpoint request is checked for writes: the SQL it ran
(CaptureQueriesContext; no INSERT/UPDATE/DELETE), the cache entry's expiry (LocMemCache keeps it
in `_expire_info`), the session file's mtime, and the answer's own session data unchanged.

Test client, not a socket: both paths share the handler, so what differs is only the view. Beside
each ratio, the endpoint with resolve_user() stubbed (timed in the same rounds): what the answer costs
apart from get_user()'s ORM query, which a bare view never makes.
"""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from unittest import mock

import django
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "companion" / "src"))
WORK = Path(tempfile.mkdtemp(prefix="sessionlens-companion-bench-"))

settings.configure(
    SECRET_KEY="bench-companion-" + "q7W" * 14,
    DEBUG=True,
    ALLOWED_HOSTS=["127.0.0.1"],
    USE_TZ=True,
    INSTALLED_APPS=[
        "django.contrib.auth",
        "django.contrib.contenttypes",
        "django.contrib.sessions",
        "django.contrib.messages",
        "sessionlens",
    ],
    MIDDLEWARE=[
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
    ],
    ROOT_URLCONF=__name__,
    DATABASES={
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(WORK / "db.sqlite3"),
        }
    },
    CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
    SESSION_FILE_PATH=str(WORK),
    PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    DEFAULT_AUTO_FIELD="django.db.models.AutoField",
)
django.setup()

# Imported after settings.configure()/django.setup(): models and the test client read them at import.
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpRequest, JsonResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.urls import include, path  # noqa: E402
from sessionlens.users import resolve_user  # noqa: E402


def bare(request: HttpRequest) -> JsonResponse:
    return JsonResponse({})


# What `floor` reads, set per engine by measure(): the session row's key (db, whose data is only in
# the table) and the user's pk.
FLOOR: dict[str, object] = {}


def floor(request: HttpRequest) -> JsonResponse:
    """A bare view making the reads the endpoint cannot do without, through the same ORM calls.

    The session row as stores._read_db reads it (db) and the user as ModelBackend's
    get_user() fetches it: what any endpoint naming the session's user costs before it does anything
    else. The companion's own work is the endpoint's time over this one's.
    """
    from django.contrib.sessions.models import Session

    if FLOOR.get("session_key") is not None:
        rows = Session.objects.filter(session_key=FLOOR["session_key"])
        list(rows.values_list("session_data", "expire_date")[:1])
    User._default_manager.get(pk=FLOOR["user_pk"])
    return JsonResponse({})


urlpatterns = [
    path("__sessionlens__/", include("sessionlens.urls")),
    path("bare/", bare),
    path("floor/", floor),
]

ENGINES = ["db", "cached_db", "cache", "file", "signed_cookies"]
REQUESTS = 200
ROUNDS = 7
TARGET = 2.0
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def login(engine: str, user: User) -> str:
    """A session as login() leaves it, saved by the engine's own store; the key the cookie holds."""
    from importlib import import_module

    store = import_module(f"django.contrib.sessions.backends.{engine}").SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store["cart"] = [1, 2, 3]
    store.save()
    # signed_cookies: the cookie is the data; the others: the key into the store.
    return store.session_key or ""


def per_request(client: Client, url: str, headers: dict[str, str]) -> float:
    start = time.process_time()
    for _ in range(REQUESTS):
        response = client.get(url, headers=headers)
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code} {response.content[:200]!r}")
    return (time.process_time() - start) / REQUESTS


def per_request_without_user(client: Client, headers: dict[str, str]) -> float:
    """The endpoint with resolve_user() answering "nobody" without a query: what all the rest costs."""
    anonymous = resolve_user({})
    with mock.patch("sessionlens.report.resolve_user", lambda data: anonymous):
        return per_request(client, "/__sessionlens__/session/", headers)


def storage_state(engine: str, key: str) -> dict[str, object]:
    """What a read must leave as it was: the cache entry's expiry, the file's mtime, the db row."""
    state: dict[str, object] = {}
    if engine in ("cache", "cached_db"):
        from django.contrib.sessions.backends.cache import KEY_PREFIX

        prefix = "django.contrib.sessions.cached_db" if engine == "cached_db" else KEY_PREFIX
        made = cache.make_key(prefix + key)
        state["cache expiry"] = cache._expire_info.get(made)  # type: ignore[attr-defined]
    if engine == "file":
        state["file mtime"] = os.stat(WORK / f"sessionid{key}").st_mtime_ns
    if engine in ("db", "cached_db"):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT session_data, expire_date FROM django_session WHERE session_key = %s",
                [key],
            )
            state["db row"] = cursor.fetchone()
    return state


def main() -> None:
    call_command("migrate", verbosity=0)
    user = User.objects.create_user("bench", password="x")
    client = Client(HTTP_HOST="127.0.0.1")
    print(
        "\ncompanion endpoint vs a bare Django view returning {} "
        f"(same site, same middleware, test client), {REQUESTS} requests x {ROUNDS} interleaved rounds, "
        "median CPU per request; "
        f"Python {platform.python_version()}, Django {django.get_version()}"
    )
    print(
        f"{'engine':<16}{'endpoint µs':>12}{'bare µs':>9}{'queries':>9}{'writes':>8}{'no user':>10}"
        f"{'floor':>8}   ratio (target ≤ {TARGET}x), without the user; floor/bare, endpoint/floor"
    )
    print("-" * 110)
    for engine in ENGINES:
        # override_settings, not an assignment: its setting_changed is what a cached report listens to.
        with override_settings(SESSION_ENGINE=f"django.contrib.sessions.backends.{engine}"):
            measure(engine, user, client)
    print(
        "writes: INSERT/UPDATE/DELETE the read ran; the cache expiry, file mtime, db row are compared too.\n"
        "no user: the endpoint again with resolve_user() stubbed to answer nobody, in the same rounds:\n"
        "what everything but get_user()'s ORM query costs (db/cached_db still read the session row, whose\n"
        "encoded data holds the user id, so no join fetches both). A bare {} view makes no query.\n"
        "floor: a bare view making only the reads the endpoint cannot skip, through the same ORM calls\n"
        "(the db session row, the user as ModelBackend.get_user() fetches it): floor/bare is\n"
        "what those reads alone cost against {}; endpoint/floor is the companion's own work on top.\n"
        "Through the test client (no socket): a server's HTTP parsing and socket I/O would add the same\n"
        "to both sides, so these ratios are the strict end."
    )


def measure(engine: str, user: User, client: Client) -> None:
    """One engine: the read checked for writes, then the endpoint and the bare view in turns."""
    key = login(engine, user)
    headers = {"X-Sessionlens-Session": key}
    # cached_db's session is in the cache: reading its row too is the companion's choice (the row's
    # expire_date, the key that signed it), not a read it cannot skip.
    FLOOR["session_key"] = key if engine == "db" else None
    FLOOR["user_pk"] = user.pk
    # Writes while reading: checked on a request of its own, before and after state compared.
    before = storage_state(engine, key)
    with CaptureQueriesContext(connection) as queries:
        answer = client.get("/__sessionlens__/session/", headers=headers)
    body = answer.json() if answer.status_code == 200 else {}
    if body.get("exists") is not True or not (body.get("user") or {}).get("authenticated"):
        raise SystemExit(
            f"{engine}: the endpoint did not find the logged-in session: {answer.content[:300]!r}"
        )
    after = storage_state(engine, key)
    # Read now: connection.queries is a bounded deque, and the timed rounds below rotate it.
    ran = [q["sql"] for q in queries.captured_queries]
    writes = [sql for sql in ran if sql.lstrip().upper().startswith(WRITES)]
    changed = [name for name in before if before[name] != after[name]]
    endpoint: list[float] = []
    plain: list[float] = []
    no_user: list[float] = []
    floor_: list[float] = []
    turns: list[tuple[list[float], Callable[[], float]]] = [
        (endpoint, lambda: per_request(client, "/__sessionlens__/session/", headers)),
        (plain, lambda: per_request(client, "/bare/", headers)),
        (no_user, lambda: per_request_without_user(client, headers)),
        (floor_, lambda: per_request(client, "/floor/", headers)),
    ]
    for round_ in range(ROUNDS + 1):
        for k in range(len(turns)):
            timings, timed = turns[(k + round_) % len(turns)]
            timings.append(timed())
        if round_ == 0:  # warm-up, not counted
            for timings, _ in turns:
                timings.clear()
    ours, theirs = statistics.median(endpoint), statistics.median(plain)
    rest = statistics.median(no_user)
    reads = statistics.median(floor_)
    ratio = ours / theirs
    verdict = "met" if ratio <= TARGET else "MISSED"
    note = f"; CHANGED by the read: {', '.join(changed)}" if changed else ""
    print(
        f"{engine:<16}{ours * 1e6:>12.0f}{theirs * 1e6:>9.0f}{len(ran):>9}{len(writes):>8}"
        f"{rest * 1e6:>10.0f}{reads * 1e6:>8.0f}   {ratio:.2f}x ({verdict}), {rest / theirs:.2f}x; "
        f"{reads / theirs:.2f}x, {ours / reads:.2f}x{note}"
    )


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(WORK, ignore_errors=True)
