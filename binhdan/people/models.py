"""Citizens reached by the campaign."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ELDERLY_AGE = 60  # Luật Người cao tuổi 2009: from 60 years of age


class HouseholdStatus(models.TextChoices):
    NONE = "", _("Không ghi nhận")
    POOR = "poor", _("Hộ nghèo")
    NEAR_POOR = "near_poor", _("Hộ cận nghèo")


class Person(models.Model):
    """A citizen. ``identity_key`` (an HMAC) de-duplicates; the CCCD itself is never stored.

    Sensitive flags (disability, poor household) exist only with a recorded consent:
    the database refuses them otherwise.
    """

    full_name = models.CharField(_("họ và tên"), max_length=200)
    # Lower case, without diacritics ("pham" finds "Phạm"); kept by the services.
    name_folded = models.CharField(max_length=200, db_index=True, editable=False, default="")
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    village = models.ForeignKey(
        "areas.Area", on_delete=models.PROTECT, related_name="people", verbose_name=_("thôn")
    )
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True, db_index=True)
    identity_key = models.CharField(max_length=64, unique=True)
    cccd_last4 = models.CharField(max_length=4, blank=True)
    has_disability = models.BooleanField(_("người khuyết tật"), default=False)
    household_status = models.CharField(
        _("hộ nghèo/cận nghèo"), max_length=10, choices=HouseholdStatus.choices, blank=True
    )
    sensitive_consent_at = models.DateTimeField(null=True, blank=True)
    sensitive_consent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    client_uuid = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    # Set when staff merged this record into another one of the same person: the row stays
    # so its identity key still leads to that person, but it is listed nowhere.
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_records"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("người dân")
        verbose_name_plural = _("người dân")
        ordering = ["full_name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sensitive_consent_at__isnull=False)
                | (Q(has_disability=False) & Q(household_status="")),
                name="person_sensitive_needs_consent",
            ),
            models.CheckConstraint(
                condition=Q(birth_year__isnull=True)
                | (Q(birth_year__gte=1900) & Q(birth_year__lte=2100)),
                name="person_birth_year_range",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def age(self) -> int | None:
        if self.birth_year is None:
            return None
        return timezone.localdate().year - self.birth_year

    @property
    def is_elderly(self) -> bool:
        """Derived from the birth year, never stored."""
        return self.age is not None and self.age >= ELDERLY_AGE
