from django.urls import include, path

urlpatterns = [
    path("__sessionlens__/", include("sessionlens.urls")),
    path("", include("stories.urls")),
]
