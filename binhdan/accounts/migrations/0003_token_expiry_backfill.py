# Data of 0002, in a migration of its own: on PostgreSQL, rows updated in the transaction
# that added the bridge_point foreign key would block the index Django creates at its end
# ("cannot CREATE INDEX … because it has pending trigger events").

import datetime as dt

from django.db import migrations
from django.utils import timezone

EXISTING_TOKEN_DAYS = 180


def expire_and_unmint(apps, schema_editor):
    """Existing tokens expire 180 days after they were issued. A token someone minted for
    another user (it acts as that user, which is what this change ends) is revoked."""
    ApiToken = apps.get_model("accounts", "ApiToken")
    tokens = ApiToken.objects.using(schema_editor.connection.alias)
    now = timezone.now()
    for pk, created_at, user_id, created_by_id in tokens.values_list(
        "pk", "created_at", "user_id", "created_by_id"
    ):
        tokens.filter(pk=pk).update(
            expires_at=created_at + dt.timedelta(days=EXISTING_TOKEN_DAYS)
        )
        if created_by_id is not None and created_by_id != user_id:
            tokens.filter(pk=pk, revoked_at__isnull=True).update(revoked_at=now)


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_token_expiry_and_point'),
    ]

    operations = [
        migrations.RunPython(expire_and_unmint, migrations.RunPython.noop),
    ]
