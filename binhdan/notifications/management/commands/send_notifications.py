import time

from django.core.management.base import BaseCommand

from binhdan.notifications.services import messages_send_due


class Command(BaseCommand):
    help = (
        "Send the queued notifications that are due (reminders of class sessions…), with "
        "retries. --once: one pass and exit (cron); --loop SECONDS: run as a worker."
    )

    def add_arguments(self, parser):
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--once", action="store_true", help="One pass, then exit (default).")
        mode.add_argument("--loop", type=int, metavar="SECONDS", help="Pass every SECONDS.")

    def handle(self, *args, **options):
        interval = options["loop"]
        while True:
            while True:
                result = messages_send_due()
                if result.handled:
                    self.stdout.write(
                        f"sent {result.sent}, to retry {result.retried}, failed {result.failed}, "
                        f"held (no gateway) {result.held}"
                    )
                if result.handled < 100:
                    break
            if not interval:
                return
            time.sleep(max(interval, 1))
