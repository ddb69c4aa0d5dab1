from django.contrib.auth import views as auth_views
from django.urls import path

from . import hostile, views

urlpatterns = [
    path("", views.home, name="home"),
    path("counter/", views.counter, name="counter"),
    path("counter/pop/", views.counter_pop, name="counter-pop"),
    path("counter/shadow/", views.shadow_cookie, name="counter-shadow"),
    path("password/", views.change_password, name="change-password"),
    path("flush/", views.flush, name="flush"),
    path("num-visits/", views.num_visits, name="num-visits"),
    path("cart/", views.cart, name="cart"),
    path("last-draw/", views.last_draw, name="last-draw"),
    path("expiry/", views.expiry, name="expiry"),
    path("messages/", views.flash, name="messages"),
    path("theme/", views.theme, name="theme"),
    path("login/", auth_views.LoginView.as_view(template_name="stories/login.html"), name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("hostile/", hostile.hostile_data, name="hostile-data"),
    path("hostile/bomb/", hostile.plant_bomb, name="hostile-bomb"),
    path("hostile/companion/malformed/", hostile.malformed_companion, name="hostile-companion-malformed"),
    path("hostile/companion/old/", hostile.old_companion, name="hostile-companion-old"),
    path("stories/mismatch/", views.mismatch, name="mismatch"),
    path("stories/partitioned/", views.partitioned, name="partitioned"),
]
