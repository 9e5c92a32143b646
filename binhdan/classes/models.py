"""Class sessions, bridge points (điểm cầu) and the honest count of who attended.

Counting rules (docs/architecture.md, "Counting rules"):
- a point's attendance in a session = max(individual check-ins there, its latest headcount);
- unique people = distinct identity keys; a person checks in once per session. The same
  person seen at a second point of the session is not counted twice but flagged
  (``CheckInFlag``) for review.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class SessionKind(models.TextChoices):
    IN_PERSON = "in_person", _("Lớp trực tiếp")
    ONLINE = "online", _("Lớp trực tuyến (nhiều điểm cầu)")


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Đã lên kế hoạch")
    CANCELLED = "cancelled", _("Đã hủy")


class ClassSession(models.Model):
    """A class: in person at one venue, or online and watched at many bridge points.

    We do not stream video: ``stream_url`` points at the existing video platform.
    """

    kind = models.CharField(_("hình thức"), max_length=10, choices=SessionKind.choices)
    title = models.CharField(_("tên buổi học"), max_length=200)
    topics = models.ManyToManyField(
        "curriculum.Topic", blank=True, related_name="sessions", verbose_name=_("chuyên đề")
    )
    area = models.ForeignKey(
        "areas.Area",
        on_delete=models.PROTECT,
        related_name="class_sessions",
        verbose_name=_("đơn vị tổ chức"),
    )
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    starts_at = models.DateTimeField(_("bắt đầu"), db_index=True)
    ends_at = models.DateTimeField(_("kết thúc"))
    venue = models.CharField(_("địa điểm"), max_length=300, blank=True)
    stream_url = models.URLField(_("đường link phát trực tuyến"), blank=True)
    instructor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="taught_sessions",
        verbose_name=_("giảng viên"),
    )
    audience = models.CharField(_("đối tượng"), max_length=300, blank=True)
    description = models.TextField(_("ghi chú"), max_length=5000, blank=True)
    status = models.CharField(
        max_length=10, choices=SessionStatus.choices, default=SessionStatus.PLANNED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("buổi học")
        verbose_name_plural = _("buổi học")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=SessionKind.values), name="session_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class BridgePoint(models.Model):
    """A venue in a village where people gather to watch an online class (điểm cầu)."""

    village = models.ForeignKey(
        "areas.Area", on_delete=models.PROTECT, related_name="bridge_points", verbose_name=_("thôn")
    )
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    name = models.CharField(_("tên điểm cầu"), max_length=200)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    capacity = models.PositiveIntegerField(_("sức chứa (người)"), null=True, blank=True)
    has_screen = models.BooleanField(_("có màn hình/TV"), default=False)
    has_sound = models.BooleanField(_("có loa/âm thanh"), default=False)
    has_connection = models.BooleanField(_("có kết nối Internet"), default=False)
    operators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="operated_points",
        verbose_name=_("người vận hành"),
    )
    self_checkin_code = models.CharField(max_length=24, unique=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("điểm cầu")
        verbose_name_plural = _("điểm cầu")
        ordering = ["area_path", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["village", "name"], name="point_name_unique_in_village"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_ready(self) -> bool:
        return self.has_screen and self.has_sound and self.has_connection


class SessionPoint(models.Model):
    """A bridge point taking part in a session, with its live status and counters.

    ``checkin_count`` is kept current in bulk by the check-in services; ``headcount`` is the
    latest reported count (by the time it was counted, not the order it arrived).
    """

    # No index of its own: session_point_unique (session, point) serves lookups by session,
    # and a second index on session alone let PostgreSQL pick it on stale statistics and
    # filter every point of the session on the check-in path.
    session = models.ForeignKey(
        ClassSession, on_delete=models.CASCADE, related_name="points", db_index=False
    )
    point = models.ForeignKey(BridgePoint, on_delete=models.PROTECT, related_name="sessions")
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    opened_at = models.DateTimeField(null=True, blank=True)
    last_heartbeat_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    checkin_count = models.PositiveIntegerField(default=0)
    headcount = models.PositiveIntegerField(null=True, blank=True)
    headcount_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "point"], name="session_point_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.session_id}/{self.point_id}"

    @property
    def attendance(self) -> int:
        return max(self.checkin_count, self.headcount or 0)


class CheckInMethod(models.TextChoices):
    QR_CARD = "qr_card", _("Quét mã QR thẻ người dân")
    PHONE = "phone", _("Số điện thoại")
    CCCD = "cccd", _("Số CCCD")
    NAME = "name", _("Họ tên, năm sinh, thôn")
    SELF = "self", _("Tự điểm danh bằng mã QR của điểm cầu")
    SHEET = "sheet", _("Nhập từ danh sách giấy")


class CheckIn(models.Model):
    """One person present at one point of one session. Unique per session and person.

    ``identity_key`` is the same HMAC as ``people.Person.identity_key``; ``person`` is set
    when the person is already known; ``village`` is the village typed at the check-in.
    ``checked_in_at`` is when it happened (an offline upload carries it), ``received_at``
    when the server stored it.
    """

    # No index of its own: the (session, identity_key) and (session, point) ones cover it,
    # and every index is paid on each row of a check-in wave.
    session = models.ForeignKey(
        ClassSession, on_delete=models.CASCADE, related_name="checkins", db_index=False
    )
    point = models.ForeignKey(BridgePoint, on_delete=models.PROTECT, related_name="checkins")
    area_path = models.CharField(max_length=120, editable=False)
    identity_key = models.CharField(max_length=64)
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="checkins"
    )
    full_name = models.CharField(max_length=200, blank=True)
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True)
    # The village the person said they live in (name + birth year + village, or a self
    # check-in's choice); None when none was given. No index: nothing reads check-ins by
    # village, and every index is paid on each row of a wave.
    village = models.ForeignKey(
        "areas.Area",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    method = models.CharField(max_length=10, choices=CheckInMethod.choices)
    client_uuid = models.UUIDField(unique=True, default=uuid.uuid4)
    checked_in_at = models.DateTimeField()
    received_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                # identity_key first: the classification of a retried batch looks rows up
                # by key alone, so no stale session statistics can lure the planner into
                # scanning the whole session (measured: 126 ms vs 1 ms at 250,000 rows).
                fields=["identity_key", "session"],
                name="checkin_once_per_session",
            ),
        ]
        indexes = [
            models.Index(fields=["session", "point"], name="checkin_session_point_idx"),
            models.Index(fields=["session", "-received_at"], name="checkin_latest_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.session_id}/{self.point_id}/{self.client_uuid}"


class CheckInFlag(models.Model):
    """The same person reported at a second point of a session: counted once, reviewed."""

    session = models.ForeignKey(ClassSession, on_delete=models.CASCADE, related_name="flags")
    checkin = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="flags")
    other_point = models.ForeignKey(BridgePoint, on_delete=models.CASCADE, related_name="+")
    client_uuid = models.UUIDField(unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.session_id}: {self.checkin_id} → {self.other_point_id}"


class Headcount(models.Model):
    """A point's count of the people in the room (those not checked in one by one too)."""

    session_point = models.ForeignKey(
        SessionPoint, on_delete=models.CASCADE, related_name="headcounts"
    )
    count = models.PositiveIntegerField()
    counted_at = models.DateTimeField()
    client_uuid = models.UUIDField(unique=True, default=uuid.uuid4)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-counted_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(count__lte=100_000), name="headcount_sane"),
        ]

    def __str__(self) -> str:
        return f"{self.session_point_id}: {self.count}"
