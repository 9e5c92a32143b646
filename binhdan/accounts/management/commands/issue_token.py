from django.core.management.base import BaseCommand, CommandError

from binhdan.accounts.models import User
from binhdan.accounts.services import token_issue


class Command(BaseCommand):
    help = "Issue an API token for a user. The token is printed once and stored only hashed."

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
