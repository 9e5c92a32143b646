from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "binhdan.core"
    label = "core"

    def ready(self):
        from binhdan.core import checks  # noqa: F401  (registers the system checks)
