"""Community reports of scam numbers, links and accounts, and daily check counts."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ReportKind(models.TextChoices):
    PHONE = "phone", _("Số điện thoại")
    DOMAIN = "domain", _("Đường link / tên miền")
    BANK_ACCOUNT = "bank_account", _("Số tài khoản ngân hàng")
    MESSAGE = "message", _("Nội dung tin nhắn")


class ReportStatus(models.TextChoices):
    PENDING = "pending", _("Chờ duyệt")
    CONFIRMED = "confirmed", _("Đã xác nhận lừa đảo")
    REJECTED = "rejected", _("Không xác nhận")


class ScamReport(models.Model):
    """One person's report. ``value`` is normalised (E.164 phone, registrable domain, digits),
    so reports of the same thing group together. No personal data of the reporter is kept."""

    kind = models.CharField(max_length=20, choices=ReportKind.choices)
    value = models.CharField(max_length=255, db_index=True)
    raw_text = models.TextField(blank=True, max_length=2000)
    note = models.CharField(max_length=500, blank=True)
    area = models.ForeignKey(
        "areas.Area", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    area_path = models.CharField(max_length=120, blank=True, db_index=True)
    status = models.CharField(
        max_length=10, choices=ReportStatus.choices, default=ReportStatus.PENDING, db_index=True
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    client_uuid = models.UUIDField(unique=True, default=uuid.uuid4)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["kind", "value", "status"], name="scamreport_lookup_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ReportKind.values), name="scamreport_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status="pending") | Q(moderated_at__isnull=False),
                name="scamreport_moderation_recorded",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"


class ScamCheckDay(models.Model):
    """How many checks were made a day, per verdict: the message itself is never kept."""

    day = models.DateField()
    verdict = models.CharField(max_length=12)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "verdict"], name="scamcheckday_unique")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.verdict}: {self.count}"


class DomainListKind(models.TextChoices):
    BLOCK = "block", _("Danh sách cảnh báo")
    ALLOW = "allow", _("Danh sách trang tin cậy")


class DomainListSource(models.Model):
    """A list of domains loaded from outside (a national or community block list, a list of
    credible sites), under the name the checker's reasons quote. A new import of the same
    source replaces all of its entries."""

    name = models.CharField(max_length=100, unique=True)
    kind = models.CharField(max_length=5, choices=DomainListKind.choices)
    entry_count = models.PositiveIntegerField(default=0)
    skipped_lines = models.PositiveIntegerField(default=0)
    file_name = models.CharField(max_length=255, blank=True)
    imported_at = models.DateTimeField()
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=DomainListKind.values), name="domainlistsource_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"


class DomainListEntry(models.Model):
    """One registrable domain (IDN decoded, as ``registrable_domain`` gives) of a source."""

    source = models.ForeignKey(DomainListSource, on_delete=models.CASCADE, related_name="entries")
    domain = models.CharField(max_length=253, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "domain"], name="domainlistentry_unique")
        ]

    def __str__(self) -> str:
        return self.domain
