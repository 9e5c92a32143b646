from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "binhdan.web"
    label = "web"
