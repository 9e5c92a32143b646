import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from binhdan.curriculum.loader import KINDS, curriculum_load, default_content_dir

LABELS = {"topic": "topics", "lesson": "lessons", "quiz": "quizzes", "question": "questions"}


class Command(BaseCommand):
    help = (
        "Load the curriculum files (content/topics/…) into the database. Idempotent: "
        "topics by slug, lessons by (topic, slug), questions by key; a topic with an error "
        "is skipped whole and reported with its file."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--content-dir",
            type=Path,
            default=None,
            help="folder holding topics/ (default: settings.BINHDAN_CONTENT_DIR or content/)",
        )
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, **options):
        content_dir = options["content_dir"] or default_content_dir()
        if not (content_dir / "topics").is_dir():
            raise CommandError(f"No topics/ folder in {content_dir}")
        report = curriculum_load(content_dir=content_dir)
        if options["format"] == "json":
            self.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False))
        else:
            self._write_text(report, content_dir)
        if report.errors:
            raise CommandError(f"{len(report.errors)} error(s); those topics were not loaded.")

    def _write_text(self, report, content_dir) -> None:
        self.stdout.write(f"Curriculum from {content_dir}")
        for kind in KINDS:
            counts = report.counts[kind]
            parts = [f"{counts[a]} {a}" for a in ("created", "updated", "unchanged")]
            if counts["deactivated"]:
                parts.append(f"{counts['deactivated']} deactivated")
            self.stdout.write(f"  {LABELS[kind]:<10} " + ", ".join(parts))
        for error in report.errors:
            self.stderr.write(f"ERROR {error}")
        if not report.changed and not report.errors:
            self.stdout.write(
                self.style.SUCCESS("Nothing changed: the database matches the files.")
            )
        elif report.changed:
            self.stdout.write(self.style.SUCCESS("Curriculum updated."))
