"""The shared shape of spreadsheet import commands (villages, bridge points, and the next).

A subclass names its ``importer``: a function ``(data, filename, scope, dry_run) ->
ImportReport`` (``report.as_dict()`` is what ``--format json`` prints). ``--province``
limits commune matching to one province; without it a name found in several provinces is
settled by the sheet's majority (``matchers.find_communes``).
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from binhdan.areas.models import Area
from binhdan.core.errors import DomainError


class SheetImportCommand(BaseCommand):
    importer = None  # a staticmethod in each subclass

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--province",
            help="Match commune names only in this province (code, e.g. 33). Default: all.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Report, write nothing.")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def _scope(self, province: str | None) -> Area | None:
        if not province:
            return None
        code = province.zfill(2)
        scope = Area.objects.filter(code=code, level=Area.Level.PROVINCE).first()
        if scope is None:
            raise CommandError(f"No province with code {code}: run `binhdan load_areas`?")
        return scope

    def handle(self, *args, file: Path, province: str | None, dry_run: bool, **options):
        as_json = options["format"] == "json"
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        scope = self._scope(province)
        try:
            report = type(self).importer(
                data=file.read_bytes(), filename=file.name, scope=scope, dry_run=dry_run
            )
        except DomainError as exc:
            if as_json:
                failure = {"created": 0, "updated": 0, "unchanged": 0, "warnings": []}
                failure["errors"] = [{"row": 0, "field": "file", "message": exc.message}]
                self.stdout.write(json.dumps(failure, ensure_ascii=False))
                raise SystemExit(1) from exc
            raise CommandError(exc.message) from exc
        summary = report.as_dict()
        if as_json:
            self.stdout.write(json.dumps(summary, ensure_ascii=False))
            return
        prefix = "Dry run (nothing written): " if dry_run else ""
        self.stdout.write(
            f"{prefix}{summary['created']} created, {summary['updated']} updated, "
            f"{summary['unchanged']} unchanged, {len(summary['errors'])} rows not taken."
        )
        for problem in [*summary["errors"], *summary["warnings"]]:
            self.stdout.write(f"  row {problem['row']} [{problem['field']}]: {problem['message']}")
