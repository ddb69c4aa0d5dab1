from django.apps import AppConfig


class SessionlensConfig(AppConfig):
    name = "sessionlens"
    verbose_name = "Sessionlens"

    def ready(self) -> None:
        from . import checks  # noqa: F401  # registers the system checks
