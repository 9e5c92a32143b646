from django.apps import AppConfig


class CurriculumConfig(AppConfig):
    name = "binhdan.curriculum"
    label = "curriculum"
    verbose_name = "Chuyên đề và bài học"
