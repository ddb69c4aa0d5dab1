from django.urls import path, re_path

from . import views

app_name = "sessionlens"
urlpatterns = [
    path("session/", views.session, name="session"),
    # A record's id is new_record_id()'s uuid4 hex; anything else is the site's 404 already here.
    re_path(r"^timeline/(?P<record_id>[0-9a-f]{32})/$", views.timeline, name="timeline"),
]
