import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from binhdan.areas.models import Area
from binhdan.classes.point_import import point_import
from binhdan.core.errors import DomainError


class Command(BaseCommand):
    help = (
        "Import bridge points (điểm cầu) from a CSV or XLSX file: commune, village, point "
        "name, address, capacity, operator (phone or username), screen/sound/connection "
        "(có/không/x). Re-running it creates nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--province",
            help="Match commune names only in this province (code, e.g. 33). Default: all.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Report, write nothing.")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, **options):
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        scope = None
        if options["province"]:
            code = options["province"].zfill(2)
            scope = Area.objects.filter(code=code, level=Area.Level.PROVINCE).first()
            if scope is None:
                raise CommandError(f"No province with code {code}: run `binhdan load_areas`?")
        try:
            report = point_import(
                data=path.read_bytes(),
                filename=path.name,
                scope=scope,
                dry_run=options["dry_run"],
            )
        except DomainError as exc:
            if options["format"] == "json":
                self.stdout.write(
                    json.dumps(
                        {
                            "created": 0,
                            "updated": 0,
                            "unchanged": 0,
                            "errors": [{"row": 0, "field": "file", "message": exc.message}],
                            "warnings": [],
                        },
                        ensure_ascii=False,
                    )
                )
                raise SystemExit(1) from exc
            raise CommandError(exc.message) from exc
        summary = report.as_dict()
        if options["format"] == "json":
            self.stdout.write(json.dumps(summary, ensure_ascii=False))
            return
        prefix = "Dry run (nothing written): " if options["dry_run"] else ""
        self.stdout.write(
            f"{prefix}{summary['created']} created, {summary['updated']} updated, "
            f"{summary['unchanged']} unchanged, {len(summary['errors'])} rows not taken."
        )
        for error in summary["errors"]:
            self.stdout.write(f"  row {error['row']} [{error['field']}]: {error['message']}")
        for warning in summary["warnings"]:
            self.stdout.write(f"  row {warning['row']} [{warning['field']}]: {warning['message']}")
