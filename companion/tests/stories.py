"""The demo's session stories (demo/stories/views.py), reduced to what the timeline tests drive:
each view changes the session exactly as the Django docs' example does. The POST views are
csrf_exempt: test_timeline_processes.py drives them over plain HTTP, without a form, and CSRF is
not what is under test."""

from __future__ import annotations

from django.contrib.auth import authenticate, get_user_model, login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST


def home(request: HttpRequest) -> HttpResponse:
    """Where login redirects: reads nothing, so SessionMiddleware saves nothing."""
    return HttpResponse("home")


def counter(request: HttpRequest) -> HttpResponse:
    request.session["visits_counter"] = request.session.get("visits_counter", 0) + 1
    return HttpResponse(str(request.session["visits_counter"]))


def counter_pop(request: HttpRequest) -> HttpResponse:
    return HttpResponse(str(request.session.pop("visits_counter", 0)))


@csrf_exempt
@require_POST
def cart_add(request: HttpRequest) -> HttpResponse:
    request.session["cart"] = [*request.session.get("cart", []), request.POST["item"]]
    return HttpResponse("added")


@csrf_exempt
@require_POST
def login_view(request: HttpRequest) -> HttpResponse:
    """As LoginView: login() cycles the key and keeps an anonymous session's data, then redirects."""
    user = authenticate(request, username=request.POST["username"], password=request.POST["password"])
    if user is None:
        return HttpResponse("bad credentials", status=403)
    login(request, user)
    return redirect("/")


@csrf_exempt
@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)  # flushes: the data goes, the cookie is deleted
    return redirect("/")


@csrf_exempt
@require_POST
def expiry(request: HttpRequest) -> HttpResponse:
    request.session.set_expiry(int(request.POST["seconds"]))
    return HttpResponse("set")


@csrf_exempt
@require_POST
def change_password(request: HttpRequest) -> HttpResponse:
    """set_password() without update_session_auth_hash(): the session's auth hash goes stale. Like
    the demo's, it never touches request.user, whose get_user() would flush the stale session."""
    user = get_user_model().objects.get(pk=request.session["_auth_user_id"])
    user.set_password("changed")
    user.save()
    return HttpResponse("changed")
