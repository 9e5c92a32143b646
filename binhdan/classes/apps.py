from django.apps import AppConfig


class ClassesConfig(AppConfig):
    name = "binhdan.classes"
    label = "classes"
    verbose_name = "Lớp học và điểm cầu"
