from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "binhdan.accounts"
    label = "accounts"
    verbose_name = "Tài khoản"
