import time

from django.core.management.base import BaseCommand, CommandError

from binhdan.curriculum.audio import (
    AudioUnavailable,
    encoder,
    generate_screen_audio,
    synthesiser,
)
from binhdan.curriculum.models import Lesson
from binhdan.curriculum.rendering import split_screens


class Command(BaseCommand):
    help = (
        "Pre-generate read-aloud audio (eSpeak NG, Vietnamese voice) for every screen of every "
        "lesson, stored under UPLOAD_DIR/audio/. Speaks with Debian's espeak-ng when installed, "
        "else with the bundled espeakng-loader library; compressed with opusenc, ffmpeg or lame "
        "when one is installed, else MP3 through lameenc. Screens whose text is unchanged are "
        "skipped; a screen missing its audio also gets it on its first play."
    )

    def add_arguments(self, parser):
        parser.add_argument("--topic", help="only this topic slug")
        parser.add_argument("--force", action="store_true", help="regenerate existing files")

    def handle(self, *args, **options):
        engine = synthesiser()
        if engine is None:
            raise CommandError(
                "No speech engine: install the project's dependencies (pip install "
                "espeakng-loader) or Debian's espeak-ng (apt-get install -y espeak-ng)"
            )
        lessons = Lesson.objects.select_related("topic").order_by("topic__order", "order")
        if options["topic"]:
            lessons = lessons.filter(topic__slug=options["topic"])
        created = kept = total_bytes = 0
        started = time.monotonic()
        for lesson in lessons:
            for screen in split_screens(lesson.body):
                try:
                    result = generate_screen_audio(
                        topic_slug=lesson.topic.slug,
                        lesson_slug=lesson.slug,
                        screen=screen,
                        force=options["force"],
                    )
                except AudioUnavailable as exc:
                    raise CommandError(str(exc)) from exc
                created += result.created
                kept += not result.created
                total_bytes += result.bytes
                if result.created and options["verbosity"] >= 2:
                    self.stdout.write(f"  {result.path} ({result.bytes:,} bytes)")
        fmt = encoder() or "none (WAV)"
        self.stdout.write(
            f"Audio: {created} generated, {kept} already up to date, "
            f"{total_bytes:,} bytes in all (speech: {engine}, compressor: {fmt}, "
            f"{time.monotonic() - started:.1f} s)."
        )
