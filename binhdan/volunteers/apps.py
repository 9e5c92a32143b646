from django.apps import AppConfig


class VolunteersConfig(AppConfig):
    name = "binhdan.volunteers"
    label = "volunteers"
    verbose_name = "Đội hình tình nguyện"
