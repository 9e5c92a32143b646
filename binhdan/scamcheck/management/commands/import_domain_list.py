import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from binhdan.core.errors import DomainError
from binhdan.scamcheck.domain_lists import domain_list_import


class Command(BaseCommand):
    help = (
        "Load a domain list from outside: `binhdan import_domain_list FILE --kind block|allow "
        "--source NAME [--format json]`. Plain lists (a domain or URL a line, # comments), "
        "hosts-file lines, ||domain^ rules and CSV with a domain column are read; every "
        "domain becomes its registrable domain, once. A new import of the same source "
        "replaces its entries in one transaction. Unreadable lines are reported with their "
        "line numbers and the rest is loaded."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--kind", choices=["block", "allow"], required=True)
        parser.add_argument(
            "--source", required=True, help="Name shown in the checker's reasons, e.g. 'NCSC'."
        )
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, **options):
        path: Path = options["file"]
        as_json = options["format"] == "json"
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            report = domain_list_import(
                data=path.read_bytes(),
                source=options["source"],
                kind=options["kind"],
                file_name=path.name,
            )
        except DomainError as exc:
            if as_json:
                failure = {
                    "source": options["source"],
                    "kind": options["kind"],
                    "loaded": 0,
                    "error": {"code": exc.code, "message": exc.message},
                    "errors": [],
                }
                self.stdout.write(json.dumps(failure, ensure_ascii=False))
                raise SystemExit(1) from exc
            raise CommandError(f"{exc.code}: {exc.message}") from exc
        summary = report.as_dict()
        if as_json:
            self.stdout.write(json.dumps(summary, ensure_ascii=False))
            return
        self.stdout.write(
            f"{summary['loaded']} domains loaded into '{summary['source']}' ({summary['kind']}), "
            f"replacing {summary['replaced']}; {summary['duplicates']} repeated, "
            f"{len(summary['errors'])} lines not taken."
        )
        for problem in summary["errors"]:
            self.stdout.write(f"  line {problem['line']}: {problem['message']}")
