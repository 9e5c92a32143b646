from django.apps import AppConfig


class AreasConfig(AppConfig):
    name = "binhdan.areas"
    label = "areas"
    verbose_name = "Địa bàn"
