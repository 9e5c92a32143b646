"""Users, their scoped role grants, and API tokens."""

import datetime as dt

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A staff member, operator or volunteer. Citizens are ``people.Person``, not users."""

    full_name = models.CharField(_("họ và tên"), max_length=200, blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username


class Role(models.TextChoices):
    PROVINCE_ADMIN = "province_admin", _("Quản trị tỉnh (Tỉnh đoàn)")
    COMMUNE_OFFICER = "commune_officer", _("Cán bộ Đoàn xã/phường")
    OPERATOR = "operator", _("Người vận hành điểm cầu")
    TEAM_LEADER = "team_leader", _("Đội trưởng đội hình")
    VOLUNTEER = "volunteer", _("Đoàn viên tình nguyện")
    INSTRUCTOR = "instructor", _("Giảng viên / biên soạn")


class RoleGrant(models.Model):
    """A role over an area and its whole subtree."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="grants"
    )
    area = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="grants")
    role = models.CharField(max_length=20, choices=Role.choices)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "area", "role"], name="grant_unique"),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="grant_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.area}"


def token_default_expiry():
    """Now plus ``BINHDAN_TOKEN_DAYS``: when a token issued now stops working."""
    return timezone.now() + dt.timedelta(days=settings.BINHDAN_TOKEN_DAYS)


class ApiToken(models.Model):
    """A personal or device token for the API. Only a SHA-256 of the secret is stored.

    A personal token acts as its ``user`` with all their roles. A device token (one with a
    ``bridge_point``) belongs to the manager who issued it and is bound to that point: it
    may only call the check-in endpoints, only for that point (docs/operations.md, "Tokens").
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("tên"), max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(_("hết hạn"), default=token_default_expiry)
    # A string reference: accounts must not import the classes app.
    bridge_point = models.ForeignKey(
        "classes.BridgePoint",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="device_tokens",
        verbose_name=_("điểm cầu"),
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and not self.is_expired

    @property
    def is_device(self) -> bool:
        return self.bridge_point_id is not None
