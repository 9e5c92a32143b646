import secrets

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Prepare a local install: create var/ and, once, the identity key file "
        "(var/identity.key). Back that file up: without it no CCCD can be matched again."
    )

    def handle(self, *args, **options):
        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file = settings.IDENTITY_KEY_FILE
        if key_file.exists():
            self.stdout.write(f"Identity key kept: {key_file}")
            return
        key_file.touch(mode=0o600)
        key_file.write_text(secrets.token_urlsafe(48) + "\n", encoding="ascii")
        self.stdout.write(
            self.style.WARNING(
                f"Created the identity key {key_file}. Back it up with the database: "
                "losing it means every known person is counted again."
            )
        )
