"""Write the API's OpenAPI document, for the snapshot test (``make openapi``)."""

import json

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Print the OpenAPI document of /api/v1/ (sorted keys), or write it to --output."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="file to write instead of standard output")

    def handle(self, *args, **options):
        from binhdan.config.api import api

        text = json.dumps(api.get_openapi_schema(), ensure_ascii=False, indent=2, sort_keys=True)
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as out:
                out.write(text + "\n")
        else:
            self.stdout.write(text)
