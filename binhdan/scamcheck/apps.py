from django.apps import AppConfig


class ScamcheckConfig(AppConfig):
    name = "binhdan.scamcheck"
    label = "scamcheck"
    verbose_name = "Kiểm tra lừa đảo"
