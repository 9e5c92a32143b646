"""The revoke reason the public sees becomes a choice; the staff's free text an internal note."""

from django.db import migrations, models
from django.db.models import Q


def existing_revocations_read_other(apps, schema_editor):
    Certificate = apps.get_model("learning", "Certificate")
    Certificate.objects.filter(revoked_at__isnull=False).update(revoke_reason="other")


REASONS = [
    ("issued_in_error", "Cấp nhầm"),
    ("wrong_person", "Thông tin người được cấp không đúng"),
    ("not_own_work", "Bài kiểm tra không do chính người được cấp làm"),
    ("duplicate", "Trùng với một chứng nhận khác"),
    ("other", "Lý do khác"),
]


class Migration(migrations.Migration):
    dependencies = [("learning", "0001_initial")]

    operations = [
        migrations.RemoveConstraint(model_name="certificate", name="certificate_revoke_has_reason"),
        migrations.RenameField(
            model_name="certificate", old_name="revoke_reason", new_name="revoke_note"
        ),
        migrations.AlterField(
            model_name="certificate",
            name="revoke_note",
            field=models.CharField(blank=True, max_length=300, verbose_name="ghi chú nội bộ"),
        ),
        migrations.AddField(
            model_name="certificate",
            name="revoke_reason",
            field=models.CharField(
                blank=True, choices=REASONS, max_length=20, verbose_name="lý do thu hồi"
            ),
        ),
        migrations.RunPython(existing_revocations_read_other, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="certificate",
            constraint=models.CheckConstraint(
                condition=Q(revoked_at__isnull=True)
                | Q(revoke_reason__in=[value for value, _label in REASONS]),
                name="certificate_revoke_has_reason",
            ),
        ),
    ]
