from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand


def ensure_demo_user() -> bool:
    """Create demo/demo if missing; True when created. An existing user's password is only reset
    when it no longer is "demo", so re-running does not log the demo user out (auth hash change)."""
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(username=settings.DEMO_USERNAME)
    if created or not user.check_password(settings.DEMO_PASSWORD):
        user.set_password(settings.DEMO_PASSWORD)
        user.save()
    return created


class Command(BaseCommand):
    help = "Migrate the demo database and create the demo user (demo / demo). Safe to run again."

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        created = ensure_demo_user()
        self.stdout.write(f"demo user {'created' if created else 'ready'}: demo / demo")
