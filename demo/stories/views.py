"""The session stories of the Django tutorials and docs, one view each (table in demo/README.md)."""

import datetime
import random
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.models import User
from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.views.decorators.http import require_http_methods, require_POST

CART_ITEMS = ("apple", "pear", "plum")
GAMES = {"dice": ("1", "2", "3", "4", "5", "6"), "coin": ("heads", "tails")}


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "stories/home.html")


def counter(request: HttpRequest) -> HttpResponse:
    """The tutorial counter: a GET that reads visits_counter (default 0), adds 1 and stores it."""
    visits = request.session.get("visits_counter", 0) + 1
    request.session["visits_counter"] = visits
    context = {"visits": visits, "session_cookie_name": settings.SESSION_COOKIE_NAME}
    return render(request, "stories/counter.html", context)


def counter_pop(request: HttpRequest) -> HttpResponse:
    """session.pop() with a default: the key is gone; the next counter visit starts again at 1."""
    old = request.session.pop("visits_counter", 0)
    return render(request, "stories/counter_pop.html", {"old": old})


@require_http_methods(["GET", "POST"])
def flush(request: HttpRequest) -> HttpResponse:
    """session.flush(): the stored session is deleted and the next one gets a new key."""
    if request.method == "POST":
        old_key = request.session.session_key
        request.session.flush()
        return render(request, "stories/flush.html", {"flushed": True, "old_key": old_key})
    return render(request, "stories/flush.html", {"flushed": False})


def num_visits(request: HttpRequest) -> HttpResponse:
    """MDN's LocalLibrary: "You have visited this page N times", under the key num_visits."""
    visits = request.session.get("num_visits", 0) + 1
    request.session["num_visits"] = visits
    return render(request, "stories/num_visits.html", {"visits": visits})


@require_http_methods(["GET", "POST"])
def cart(request: HttpRequest) -> HttpResponse:
    """An anonymous cart: a list in the session that login() keeps (it cycles the key, keeping data,
    when the session had no user) and logout() flushes."""
    items: list[str] = list(request.session.get("cart", []))
    if request.method == "POST":
        item = request.POST.get("item", "")
        if item in CART_ITEMS:
            if request.POST.get("action") == "remove":
                if item in items:
                    items.remove(item)
            else:
                items.append(item)
            request.session["cart"] = items
        return redirect("cart")
    return render(request, "stories/cart.html", {"items": items, "catalogue": CART_ITEMS})


@require_http_methods(["GET", "POST"])
def last_draw(request: HttpRequest) -> HttpResponse:
    """A result stored with an ISO timestamp and an id, ignored after an hour or for another id."""
    game = request.GET.get("game") or request.POST.get("game") or "dice"
    if game not in GAMES:
        game = "dice"
    if request.method == "POST":
        now = timezone.now()
        if request.POST.get("action") == "age":  # pretend the stored draw is two hours old
            record = request.session.get("last_draw")
            if record:
                at = now - datetime.timedelta(hours=2)
                request.session["last_draw"] = {**record, "at": at.isoformat()}
        else:
            result = random.choice(GAMES[game])  # a demo draw, not a secret
            request.session["last_draw"] = {"id": game, "result": result, "at": now.isoformat()}
        return redirect(f"{request.path}?game={game}")
    return render(
        request, "stories/last_draw.html", {"game": game, "games": GAMES, **_draw_status(request, game)}
    )


def _draw_status(request: HttpRequest, game: str) -> dict[str, Any]:
    record = request.session.get("last_draw")
    if not record:
        return {"record": None, "status": "none"}
    at = datetime.datetime.fromisoformat(record["at"])
    age = int((timezone.now() - at).total_seconds())
    ignored_after = at + datetime.timedelta(seconds=settings.LAST_DRAW_MAX_AGE)
    if record.get("id") != game:
        status = "other-id"
    elif age > settings.LAST_DRAW_MAX_AGE:
        status = "too-old"
    else:
        status = "used"
    return {"record": record, "age": age, "ignored_after": ignored_after, "status": status}


@require_http_methods(["GET", "POST"])
def expiry(request: HttpRequest) -> HttpResponse:
    """set_expiry(300), set_expiry(0) and back to the default (SESSION_COOKIE_AGE)."""
    if request.method == "POST":
        choice = request.POST.get("expiry")
        if choice == "300":
            request.session.set_expiry(300)
        elif choice == "0":
            request.session.set_expiry(0)
        else:
            request.session.set_expiry(None)
        # set_expiry(None) on a session with no other data leaves it empty, and an empty session
        # is never saved: keep a marker so the default expiry is visible in the panel too.
        request.session["expiry_choice"] = choice or "default"
        return redirect("expiry")
    session = request.session
    context = {
        "age": session.get_expiry_age(),
        "date": session.get_expiry_date(),
        "at_browser_close": session.get_expire_at_browser_close(),
        "custom": session.get("_session_expiry"),
        "cookie_age": settings.SESSION_COOKIE_AGE,
    }
    return render(request, "stories/expiry.html", context)


@require_http_methods(["GET", "POST"])
def flash(request: HttpRequest) -> HttpResponse:
    """A flash message through the messages framework, stored in the signed "messages" cookie.

    The page the POST redirects to only counts the waiting messages (len() loads them without
    marking the storage used), so the cookie survives the click for the panel to decode; the Show
    link (?show=1) iterates them, which is what consumes them (BaseStorage.__iter__ sets used, and
    CookieStorage then deletes the cookie: django/contrib/messages/storage/base.py).
    """
    if request.method == "POST":
        if request.POST.get("level") == "warning":
            messages.warning(request, "Careful: this warning is waiting in the messages cookie.")
        else:
            messages.success(request, "Saved! This message rode in the messages cookie.")
        return redirect("messages")
    return render(request, "stories/messages.html", {"show": request.GET.get("show") == "1"})


@require_http_methods(["GET", "POST"])
def theme(request: HttpRequest) -> HttpResponse:
    """set_signed_cookie("theme", ..., salt=...) and get_signed_cookie(): verified or refused."""
    salt = settings.THEME_COOKIE_SALT
    if request.method == "POST":
        response = redirect("theme")
        choice = request.POST.get("theme")
        if choice in ("dark", "light"):
            response.set_signed_cookie("theme", choice, salt=salt, samesite="Lax")
        elif choice == "tamper":
            # Swap the value but keep the old timestamp and signature: get_signed_cookie() refuses it.
            value, _, signature = (request.COOKIES.get("theme") or "dark:").partition(":")
            forged = "light" if value == "dark" else "dark"
            response.set_cookie("theme", f"{forged}:{signature}", samesite="Lax")
        return response
    raw = request.COOKIES.get("theme")
    verified = request.get_signed_cookie("theme", default=None, salt=salt)
    return render(request, "stories/theme.html", {"raw": raw, "verified": verified, "salt": salt})


@require_POST
def shadow_cookie(request: HttpRequest) -> HttpResponse:
    """A second session cookie at Path=/counter/, as a page that set it by hand would leave it.

    On /counter/ the browser then sends both (longest path first) and Django keeps the last one of
    a name (django/http/cookie.py parse_cookie): the Path=/ cookie. action=remove deletes it again.
    """
    response = redirect("counter")
    name = settings.SESSION_COOKIE_NAME
    if request.POST.get("action") == "remove":
        response.delete_cookie(name, path="/counter/")
    else:
        response.set_cookie(name, get_random_string(32, VALID_KEY_CHARS), path="/counter/", httponly=True)
    return response


@require_POST
def change_password(request: HttpRequest) -> HttpResponse:
    """set_password() without update_session_auth_hash(): every session of the user is logged out.

    The password stays "demo" (a new salt is enough to change the hash), so logging in again works.
    The page does not touch request.user: get_user() would flush the stale session at once, and
    the panel is meant to see it stale first (the next page the user opens flushes it).
    """
    user_id = request.session.get("_auth_user_id")
    user = User.objects.filter(pk=user_id).first() if user_id is not None else None
    if user is not None:
        user.set_password(settings.DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return render(request, "stories/password_changed.html", {"changed": user is not None})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    """logout() flushes the session: a new key, no data (the cart goes too)."""
    logout(request)
    return redirect("home")


# Cookie stories: what the panel's Cookies tab must catch.
MISMATCH_PATH = "/stories/mismatch/"


@require_http_methods(["GET", "POST"])
def mismatch(request: HttpRequest) -> HttpResponse:
    """A session cookie written by hand, unlike what SESSION_COOKIE_* makes Django write:
    Path=/stories/mismatch/ (SESSION_COOKIE_PATH is "/"), no HttpOnly, SameSite=Strict and twice
    SESSION_COOKIE_AGE. Django still reads it under that path: the panel must say what differs."""
    if request.method == "POST":
        request.session["story"] = "mismatch"
        request.session.save()
        # SessionMiddleware writes its own cookie only for a modified session: this one stays ours.
        request.session.modified = False
        key = request.session.session_key
        assert key is not None, "save() gave the session its key"
        response = redirect("mismatch")
        response.set_cookie(
            settings.SESSION_COOKIE_NAME,
            key,
            max_age=2 * settings.SESSION_COOKIE_AGE,
            path=MISMATCH_PATH,
            httponly=False,
            samesite="Strict",
        )
        return response
    return render(request, "stories/mismatch.html", {"path": MISMATCH_PATH})


def partitioned(request: HttpRequest) -> HttpResponse:
    """A page whose script sets a `Secure; Partitioned` cookie (CHIPS), as an embed would."""
    return render(request, "stories/partitioned.html")
