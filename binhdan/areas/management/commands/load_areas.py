from django.core.management.base import BaseCommand

from binhdan.areas.services import areas_load_official


class Command(BaseCommand):
    help = "Load the 34 provinces and 3,321 communes from the vietnam-provinces package."

    def handle(self, *args, **options):
        report = areas_load_official()
        if report.changed:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Areas loaded: {report.created} created, {report.updated} updated, "
                    f"{report.unchanged} unchanged."
                )
            )
        else:
            self.stdout.write(
                f"Areas already up to date: {report.unchanged} unchanged, nothing to do."
            )
