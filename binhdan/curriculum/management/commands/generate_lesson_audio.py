from django.core.management.base import BaseCommand, CommandError

from binhdan.curriculum.audio import encoder, espeak_binary, generate_screen_audio
from binhdan.curriculum.models import Lesson
from binhdan.curriculum.rendering import split_screens


class Command(BaseCommand):
    help = (
        "Pre-generate read-aloud audio (espeak-ng, Vietnamese voice) for every screen of every "
        "lesson, stored under UPLOAD_DIR/audio/. Compressed with opusenc, ffmpeg or lame when "
        "one is installed, WAV otherwise. Screens whose text is unchanged are skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("--topic", help="only this topic slug")
        parser.add_argument("--force", action="store_true", help="regenerate existing files")

    def handle(self, *args, **options):
        if espeak_binary() is None:
            raise CommandError("espeak-ng is not installed: apt-get install -y espeak-ng")
        lessons = Lesson.objects.select_related("topic").order_by("topic__order", "order")
        if options["topic"]:
            lessons = lessons.filter(topic__slug=options["topic"])
        created = kept = total_bytes = 0
        for lesson in lessons:
            for screen in split_screens(lesson.body):
                result = generate_screen_audio(
                    topic_slug=lesson.topic.slug,
                    lesson_slug=lesson.slug,
                    screen=screen,
                    force=options["force"],
                )
                created += result.created
                kept += not result.created
                total_bytes += result.bytes
                if result.created and options["verbosity"] >= 2:
                    self.stdout.write(f"  {result.path} ({result.bytes:,} bytes)")
        fmt = encoder() or "none (WAV)"
        self.stdout.write(
            f"Audio: {created} generated, {kept} already up to date, "
            f"{total_bytes:,} bytes in all (compressor: {fmt})."
        )
