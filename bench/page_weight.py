"""Weigh the citizen pages: HTML plus every local CSS, JS, image and font they load.

    .venv/bin/python bench/page_weight.py

Builds a throw-away SQLite database (areas, the curriculum from ``content/``, the synthetic
demo), walks a citizen's path with Django's test client (topic list, a topic, a lesson
screen, the quiz start, the identification form, a question, the certificate verify page,
the scam check) and weighs each page: the HTML as served and each asset it references, raw
and gzip-compressed (what a proxy or whitenoise sends to a browser that accepts gzip).
Assets shared by every page are cached after the first page; ``first_visit_gzip`` counts them,
``html_gzip`` is what each further page costs.

Prints a table, then one JSON line: {"pages": {name: {"url", "html", "html_gzip", "assets",
"assets_gzip", "first_visit", "first_visit_gzip"}}, "max_first_visit_gzip",
"max_html_gzip"}.
"""

import gzip
import io
import json
import os
import re
import secrets
import sys
import tempfile
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

ASSET = re.compile(r'(?:src|href)="/static/([^"?#]+)')
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


def setup_django(var_dir: str) -> None:
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("REDIS_URL", None)
    os.environ["BINHDAN_VAR_DIR"] = var_dir
    os.environ["BINHDAN_IDENTITY_KEY"] = "page-weight-bench-" + secrets.token_urlsafe(32)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "binhdan.config.settings")
    import django

    django.setup()


def seed() -> None:
    from django.core.management import call_command

    quiet = io.StringIO()
    call_command("migrate", verbosity=0, stdout=quiet)
    call_command("load_areas", verbosity=0, stdout=quiet)
    call_command("load_curriculum", verbosity=0, stdout=quiet)
    call_command("seed_demo", "--quiet-logins", verbosity=0, stdout=quiet)


def asset_bytes(name: str) -> bytes | None:
    from django.contrib.staticfiles import finders

    found = finders.find(name)
    return Path(found).read_bytes() if found else None


def assets_of(html: str) -> dict[str, bytes]:
    """Local assets the page references, and the fonts and images their CSS references."""
    assets: dict[str, bytes] = {}
    pending = list(ASSET.findall(html))
    while pending:
        name = pending.pop()
        if name in assets:
            continue
        data = asset_bytes(name)
        if data is None:
            raise SystemExit(f"the page references /static/{name}, which does not exist")
        assets[name] = data
        if name.endswith(".css"):
            base = name.rsplit("/", 1)[0] if "/" in name else ""
            for ref in CSS_URL.findall(data.decode("utf-8", "replace")):
                if ref.startswith(("data:", "http:", "https:", "//")):
                    continue
                ref = ref.removeprefix("/static/")
                pending.append(ref if ref.startswith(base) or not base else f"{base}/{ref}")
    return assets


def weigh(html: bytes, seen: set[str]) -> dict:
    assets = assets_of(html.decode())
    new = {name: data for name, data in assets.items() if name not in seen}
    seen.update(assets)
    html_gzip = len(gzip.compress(html, 9))
    assets_raw = sum(len(d) for d in assets.values())
    assets_gzip = sum(len(gzip.compress(d, 9)) for d in assets.values())
    return {
        "html": len(html),
        "html_gzip": html_gzip,
        "assets": assets_raw,
        "assets_gzip": assets_gzip,
        "first_visit": len(html) + assets_raw,
        "first_visit_gzip": html_gzip + assets_gzip,
        "new_assets": sorted(new),
    }


def citizen_pages() -> list[tuple[str, str]]:
    """(name, url) along a citizen's path; the learner and certificate are made as a user
    would make them, through the services."""
    from django.test import Client
    from django.urls import reverse

    from binhdan.areas.models import Area
    from binhdan.curriculum.models import Topic
    from binhdan.learning import services

    topic = Topic.objects.first()
    lesson = topic.lessons.first()
    quiz = topic.quiz
    village = Area.objects.filter(level=Area.Level.VILLAGE).order_by("pk").first()
    person = services.learner_identify(
        actor=None, village=village, full_name="Nguyễn Văn Thử", birth_year=1958, phone=""
    )
    attempt = services.attempt_start(quiz=quiz, person=person)
    for question in quiz.questions.filter(is_active=True):
        correct = question.choices.get(is_correct=True)
        services.attempt_answer(attempt=attempt, question_id=question.pk, choice_id=correct.pk)
    attempt.refresh_from_db()
    certificate = attempt.certificate

    pages = [
        ("home", reverse("web:home")),
        ("topic_list", reverse("curriculum:topic_list")),
        ("topic", reverse("curriculum:topic", args=[topic.slug])),
        ("lesson", reverse("curriculum:lesson", args=[topic.slug, lesson.slug])),
        ("quiz_start", reverse("learning:quiz", args=[topic.slug])),
        ("identify", reverse("learning:identify")),
        ("scam_check", reverse("scamcheck:check")),
        ("certificate_verify", reverse("learning:certificate_verify", args=[certificate.code])),
    ]
    client = Client(HTTP_HOST="127.0.0.1")
    results = []
    for name, url in pages:
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{name}: GET {url} answered {response.status_code}")
        results.append((name, url, response.content))

    # A question screen needs an identified learner with an attempt under way.
    session = client.session
    session["learner_person_id"] = person.pk
    session.save()
    start = reverse("learning:quiz", args=[topic.slug])
    response = client.post(start, {"client_uuid": str(uuid.uuid4())}, follow=True)
    if response.status_code != 200 or b'name="choice"' not in response.content:
        raise SystemExit("the quiz did not show a question after starting")
    results.append(("quiz_question", response.request["PATH_INFO"], response.content))
    return results


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="binhdan-weight-") as var_dir:
        setup_django(var_dir)
        seed()
        seen: set[str] = set()
        report = {}
        print(f"{'page':<20} {'html':>8} {'gzip':>7} {'+assets':>9} {'gzip':>7}  new assets")
        for name, url, html in citizen_pages():
            figures = weigh(html, seen)
            new = figures.pop("new_assets")
            report[name] = {"url": url, **figures}
            print(
                f"{name:<20} {figures['html']:>8,} {figures['html_gzip']:>7,} "
                f"{figures['first_visit']:>9,} {figures['first_visit_gzip']:>7,}  "
                f"{', '.join(new) or '-'}"
            )
        print(
            json.dumps(
                {
                    "pages": report,
                    "max_first_visit_gzip": max(p["first_visit_gzip"] for p in report.values()),
                    "max_html_gzip": max(p["html_gzip"] for p in report.values()),
                }
            )
        )


if __name__ == "__main__":
    main()
