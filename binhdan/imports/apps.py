from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "binhdan.imports"
    label = "imports"
    verbose_name = "Nhập dữ liệu từ bảng tính"
