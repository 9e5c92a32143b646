from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "binhdan.people"
    label = "people"
    verbose_name = "Người dân"
