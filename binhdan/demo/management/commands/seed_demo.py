from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from binhdan.demo.generator import DEMO_PASSWORD, demo_logins, seed_demo


class Command(BaseCommand):
    help = (
        "Build a SYNTHETIC Hưng Yên demo (real communes; invented villages, users and "
        "people). Runs once per database; later runs only print the logins."
    )

    def add_arguments(self, parser):
        parser.add_argument("--province", default=settings.BINHDAN_DEMO_PROVINCE_CODE)
        parser.add_argument("--quiet-logins", action="store_true")

    def handle(self, *args, **options):
        try:
            created, figures = seed_demo(province_code=options["province"])
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        if created:
            self.stdout.write(
                self.style.SUCCESS(
                    "Synthetic demo data created (not real people or villages): "
                    f"{figures['communes']} communes, {figures['villages']} villages, "
                    f"{figures['people']} people."
                )
            )
        else:
            self.stdout.write("Synthetic demo data already loaded: reusing it.")
        if options["quiet_logins"]:
            return
        self.stdout.write("")
        self.stdout.write("Demo logins (synthetic accounts), password for all: " + DEMO_PASSWORD)
        for login in demo_logins():
            self.stdout.write(f"  {login.username:<12} {login.role} · {login.area}")
