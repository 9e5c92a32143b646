from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "binhdan.notifications"
    label = "notifications"
    verbose_name = "Thông báo"
