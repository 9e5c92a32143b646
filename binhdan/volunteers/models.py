"""Volunteer teams ("đội hình thanh niên xung kích chuyển đổi số"), their members, and the
support visits they make door to door ("đi từng ngõ, gõ từng nhà")."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Team(models.Model):
    """A commune's team. ``area_path`` is the commune's path (scope filters on it)."""

    commune = models.ForeignKey(
        "areas.Area", on_delete=models.PROTECT, related_name="teams", verbose_name=_("xã/phường")
    )
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    name = models.CharField(_("tên đội hình"), max_length=200)
    name_folded = models.CharField(max_length=200, editable=False)
    villages = models.ManyToManyField(
        "areas.Area", blank=True, related_name="covering_teams", verbose_name=_("thôn phụ trách")
    )
    leader = models.ForeignKey(
        "Volunteer",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("đội trưởng"),
    )
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("đội hình")
        verbose_name_plural = _("đội hình")
        ordering = ["area_path", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "name_folded"], name="volunteers_team_unique_name_in_commune"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Volunteer(models.Model):
    """A member. ``village`` may be unknown yet (the commune has not imported its villages):
    ``village_name`` keeps what the list said so the member is linked when it appears.
    ``area_path`` is the village's path, else the commune's."""

    full_name = models.CharField(_("họ và tên"), max_length=200)
    name_folded = models.CharField(max_length=200, db_index=True, editable=False)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True, db_index=True)
    commune = models.ForeignKey(
        "areas.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("xã/phường")
    )
    village = models.ForeignKey(
        "areas.Area",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("thôn, tổ dân phố"),
    )
    village_name = models.CharField(_("thôn (theo danh sách)"), max_length=200, blank=True)
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    team = models.ForeignKey(
        Team,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name=_("đội hình"),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="volunteer",
        verbose_name=_("tài khoản"),
    )
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("đoàn viên tình nguyện")
        verbose_name_plural = _("đoàn viên tình nguyện")
        ordering = ["area_path", "name_folded"]
        constraints = [
            # One member per (phone, folded name): the same person listed twice counts once.
            models.UniqueConstraint(
                fields=["phone", "name_folded"],
                condition=~Q(phone=""),
                name="volunteers_member_unique_phone_name",
            )
        ]

    def __str__(self) -> str:
        return self.full_name


class ServiceKind(models.Model):
    """What a volunteer helped with. Seeded with the campaign's kinds; staff may add more."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=120)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("loại hỗ trợ")
        verbose_name_plural = _("loại hỗ trợ")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class VisitOutcome(models.TextChoices):
    DONE = "done", _("Đã xong")
    PARTLY = "partly", _("Xong một phần")
    FOLLOW_UP = "follow_up", _("Cần quay lại")


class SupportVisit(models.Model):
    """One visit to one person. ``team`` is the member's team when the visit was made, so
    moving a member keeps their past visits with the team they were in. ``visited_at`` is
    the time on the phone; ``received_at`` when the server stored it."""

    client_uuid = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT, related_name="visits")
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="visits"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="support_visits"
    )
    village = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    visited_at = models.DateTimeField(_("thời điểm hỗ trợ"), db_index=True)
    received_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    services = models.ManyToManyField(ServiceKind, related_name="visits")
    outcome = models.CharField(_("kết quả"), max_length=20, choices=VisitOutcome.choices)
    note = models.CharField(_("ghi chú"), max_length=1000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("lượt hỗ trợ tại nhà")
        verbose_name_plural = _("lượt hỗ trợ tại nhà")
        ordering = ["-visited_at"]
        indexes = [models.Index(fields=["team", "visited_at"])]

    def __str__(self) -> str:
        return f"{self.volunteer_id} → {self.person_id} ({self.visited_at:%Y-%m-%d})"


class TodoSource(models.TextChoices):
    FOLLOW_UP = "follow_up", _("Cần quay lại sau lượt hỗ trợ")
    IMPORTED = "imported", _("Danh sách hộ cần hỗ trợ của xã")
    CHECKIN_REQUEST = "checkin_request", _("Đăng ký nhờ hỗ trợ khi điểm danh")


class TodoItem(models.Model):
    """A person a team still has to help. Open while ``done_at`` is empty."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="todo_items")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    source = models.CharField(max_length=20, choices=TodoSource.choices)
    note = models.CharField(_("ghi chú"), max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("việc cần làm")
        verbose_name_plural = _("việc cần làm")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "person"],
                condition=Q(done_at__isnull=True),
                name="volunteers_one_open_todo_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.team_id}: {self.person_id}"
