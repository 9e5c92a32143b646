from django.core.management.base import BaseCommand, CommandError

from binhdan.accounts.models import User
from binhdan.accounts.services import token_issue


class Command(BaseCommand):
    help = (
        "Issue a personal API token acting as a user (with all their roles), valid "
        "BINHDAN_TOKEN_DAYS days. Printed once, stored only hashed. A bridge point's device "
        "token is issued on the point's page instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="command line", help="What the token is for.")

    def handle(self, *args, **options):
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No user named {options['username']!r}.")
        issued = token_issue(actor=None, user=user, name=options["name"])
        self.stderr.write(f"Token {issued.token.name!r} for {user.username} (shown once):")
        self.stdout.write(issued.raw)
