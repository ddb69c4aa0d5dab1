from django.urls import path

from . import views

app_name = "sessionlens"
urlpatterns = [
    path("session/", views.session, name="session"),
]
