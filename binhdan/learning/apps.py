from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "binhdan.learning"
    label = "learning"
    verbose_name = "Học tập và chứng nhận"

    def ready(self):
        from binhdan.learning.person_merge import move_learning
        from binhdan.people.merging import register_merge_step

        register_merge_step(move_learning)
