from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def touch_session(request: HttpRequest) -> HttpResponse:
    """A page of the site itself, to compare its 404 with the gate's."""
    return HttpResponse("ok")


urlpatterns = [
    path("__sessionlens__/", include("sessionlens.urls")),
    path("page/", touch_session),
]
