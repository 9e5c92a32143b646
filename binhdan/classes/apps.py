from django.apps import AppConfig


class ClassesConfig(AppConfig):
    name = "binhdan.classes"
    label = "classes"
    verbose_name = "Lớp học và điểm cầu"

    def ready(self):
        from binhdan.classes.person_merge import move_checkins
        from binhdan.people.merging import register_merge_step

        register_merge_step(move_checkins)
