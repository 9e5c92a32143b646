from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "binhdan.learning"
    label = "learning"
    verbose_name = "Học tập và chứng nhận"
