import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from binhdan.scamcheck.checker import CheckerInputError
from binhdan.scamcheck.services import scam_check_answer


class Command(BaseCommand):
    help = (
        'Check a message: `binhdan scamcheck "text"`, or a JSON Lines file with a "text" field '
        "per line (`--jsonl FILE`, `-` for stdin): one result per line, in order, same schema "
        "as POST /api/v1/scamcheck (lesson links are paths on the site)."
    )

    def add_arguments(self, parser):
        parser.add_argument("text", nargs="?")
        parser.add_argument("--jsonl", help="JSON Lines file with a 'text' field per line")

    def handle(self, *args, **options):
        if bool(options["text"]) == bool(options["jsonl"]):
            raise CommandError('Give either a text or --jsonl FILE (use "-" for stdin).')
        if options["text"]:
            self.stdout.write(json.dumps(self._check(options["text"]), ensure_ascii=False))
            return
        if options["jsonl"] == "-":
            self._answer_lines(sys.stdin)
            return
        path = Path(options["jsonl"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        with path.open(encoding="utf-8") as source:
            self._answer_lines(source)

    def _answer_lines(self, source) -> None:
        for number, line in enumerate(source, start=1):
            if not line.strip():
                continue
            try:
                text = json.loads(line)["text"]
                if not isinstance(text, str):
                    raise TypeError
            except (ValueError, KeyError, TypeError):
                answer = {
                    "error": {
                        "code": "bad_line",
                        "message": f"line {number}: not a JSON object with a string 'text'",
                    }
                }
            else:
                answer = self._check(text)
            self.stdout.write(json.dumps(answer, ensure_ascii=False))

    def _check(self, text: str) -> dict:
        try:
            return scam_check_answer(text=text, count=False)
        except CheckerInputError as exc:
            return {"error": {"code": exc.code, "message": exc.message_vi}}
