from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from . import stories


def touch_session(request: HttpRequest) -> HttpResponse:
    """A page of the site itself, to compare its 404 with the gate's."""
    return HttpResponse("ok")


urlpatterns = [
    path("__sessionlens__/", include("sessionlens.urls")),
    path("page/", touch_session),
    path("", stories.home),
    path("counter/", stories.counter),
    path("counter/pop/", stories.counter_pop),
    path("cart/", stories.cart_add),
    path("login/", stories.login_view),
    path("logout/", stories.logout_view),
    path("expiry/", stories.expiry),
    path("password/", stories.change_password),
]
