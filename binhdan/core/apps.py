from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "binhdan.core"
    label = "core"
