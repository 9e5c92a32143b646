"""Planning writes: sessions, their bridge points, bridge points themselves, reminders.

Every function takes keyword-only arguments, checks the actor's scope with
``require_permission`` and raises ``binhdan.core.errors`` exceptions with a Vietnamese
message, a stable ``code`` and ``details={"field": ...}``.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from binhdan.accounts.models import Role, RoleGrant, User
from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import require_permission
from binhdan.areas.models import Area
from binhdan.classes import point_codes
from binhdan.classes.models import (
    BridgePoint,
    CheckIn,
    ClassSession,
    SessionKind,
    SessionPoint,
    SessionStatus,
)
from binhdan.core.errors import Conflict, InvalidInput
from binhdan.core.text import clean
from binhdan.notifications.models import Channel
from binhdan.notifications.services import message_queue, messages_cancel

SESSION_AREA_LEVELS = {
    SessionKind.ONLINE: {Area.Level.PROVINCE, Area.Level.COMMUNE},
    SessionKind.IN_PERSON: {Area.Level.COMMUNE, Area.Level.VILLAGE},
}
MAX_SESSION_HOURS = 12


def _invalid(message: str, *, field: str, code: str) -> InvalidInput:
    return InvalidInput(message, code=code, details={"field": field})


# --- sessions ----------------------------------------------------------------------------


@dataclass
class SessionData:
    """What a planner fills in; the same shape for create and edit."""

    kind: str
    title: str
    area: Area
    starts_at: dt.datetime
    ends_at: dt.datetime
    topics: Sequence = ()
    venue: str = ""
    stream_url: str = ""
    instructor: User | None = None
    audience: str = ""
    description: str = ""


def _validate_session(data: SessionData) -> None:
    if data.kind not in SessionKind.values:
        raise _invalid(_("Hãy chọn hình thức lớp học."), field="kind", code="kind_invalid")
    if not clean(data.title):
        raise _invalid(_("Hãy nhập tên buổi học."), field="title", code="title_required")
    if data.area.level not in SESSION_AREA_LEVELS[data.kind]:
        message = (
            _("Lớp trực tuyến do tỉnh hoặc xã/phường tổ chức: hãy chọn tỉnh hoặc một xã/phường.")
            if data.kind == SessionKind.ONLINE
            else _("Lớp trực tiếp tổ chức ở một xã/phường hoặc một thôn/tổ dân phố.")
        )
        raise _invalid(message, field="area", code="area_level")
    if data.starts_at is None:
        raise _invalid(_("Hãy nhập giờ bắt đầu."), field="starts_at", code="starts_required")
    if data.ends_at is None:
        raise _invalid(_("Hãy nhập giờ kết thúc."), field="ends_at", code="ends_required")
    if data.ends_at <= data.starts_at:
        raise _invalid(
            _("Giờ kết thúc phải sau giờ bắt đầu."), field="ends_at", code="ends_before_start"
        )
    if data.ends_at - data.starts_at > dt.timedelta(hours=MAX_SESSION_HOURS):
        raise _invalid(
            _("Một buổi học dài tối đa %(h)s giờ. Hãy kiểm tra ngày kết thúc.")
            % {"h": MAX_SESSION_HOURS},
            field="ends_at",
            code="session_too_long",
        )
    if data.kind == SessionKind.IN_PERSON and not clean(data.venue):
        raise _invalid(
            _("Lớp trực tiếp cần địa điểm (ví dụ: Nhà văn hóa thôn Đông)."),
            field="venue",
            code="venue_required",
        )
    if data.stream_url:
        parts = urlsplit(data.stream_url)
        if parts.scheme not in {"http", "https"} or not parts.netloc:
            raise _invalid(
                _("Đường link phát trực tuyến phải bắt đầu bằng https://"),
                field="stream_url",
                code="stream_url_invalid",
            )
    if (
        data.instructor is not None
        and not RoleGrant.objects.filter(user=data.instructor, role=Role.INSTRUCTOR).exists()
    ):
        raise _invalid(
            _("Người được chọn không có vai trò giảng viên."),
            field="instructor",
            code="instructor_role",
        )


def _apply(session: ClassSession, data: SessionData) -> None:
    session.kind = data.kind
    session.title = clean(data.title)
    session.area = data.area
    session.area_path = data.area.path
    session.starts_at = data.starts_at
    session.ends_at = data.ends_at
    session.venue = clean(data.venue)
    session.stream_url = data.stream_url.strip() if data.kind == SessionKind.ONLINE else ""
    session.instructor = data.instructor
    session.audience = clean(data.audience)
    session.description = (data.description or "").strip()


def _default_points(session: ClassSession) -> list[BridgePoint]:
    """The points a new session covers: every active point of an online session's area;
    for an in-person class in a village, its one active point when it has exactly one."""
    points = BridgePoint.objects.filter(is_active=True, area_path__startswith=session.area_path)
    if session.kind == SessionKind.ONLINE:
        return list(points)
    if session.area.level == Area.Level.VILLAGE:
        found = list(points[:2])
        return found if len(found) == 1 else []
    return []


def _bulk_add_points(session: ClassSession, points: Iterable[BridgePoint]) -> int:
    rows = [SessionPoint(session=session, point=p, area_path=p.area_path) for p in points]
    SessionPoint.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    return len(rows)


@transaction.atomic
def session_create(*, actor: User | None, data: SessionData) -> ClassSession:
    """Plan a session; an online one covers every active bridge point of its area."""
    if actor is not None:
        require_permission(user=actor, action=Action.SESSION_MANAGE, area=data.area)
    _validate_session(data)
    session = ClassSession(created_by=actor)
    _apply(session, data)
    session.save()
    session.topics.set(list(data.topics))
    _bulk_add_points(session, _default_points(session))
    transaction.on_commit(lambda: session_reminders_queue(session=session))
    return session


def _require_manage(actor: User | None, session: ClassSession) -> None:
    if actor is not None:
        require_permission(user=actor, action=Action.SESSION_MANAGE, area=session.area)


def _require_planned(session: ClassSession) -> None:
    if session.status == SessionStatus.CANCELLED:
        raise Conflict(
            _("Buổi học đã bị hủy: không sửa được."),
            code="session_cancelled",
            details={"field": "status"},
        )


@transaction.atomic
def session_update(*, actor: User | None, session: ClassSession, data: SessionData) -> ClassSession:
    """Edit a planned session. Its points stay as they are (staff add/remove them)."""
    session = ClassSession.objects.select_for_update().get(pk=session.pk)
    _require_manage(actor, session)
    if actor is not None:
        require_permission(user=actor, action=Action.SESSION_MANAGE, area=data.area)
    _require_planned(session)
    if data.kind != session.kind and session.checkins.exists():
        raise _invalid(
            _("Buổi học đã có người điểm danh: không đổi được hình thức."),
            field="kind",
            code="kind_locked",
        )
    moved = data.starts_at != session.starts_at
    _validate_session(data)
    _apply(session, data)
    session.save()
    session.topics.set(list(data.topics))
    if moved:
        # The old reminders were for the old time: queue new ones.
        prefix = _reminder_prefix(session)

        def requeue():
            messages_cancel(dedupe_prefix=prefix)
            session_reminders_queue(session=session)

        transaction.on_commit(requeue)
    return session


@transaction.atomic
def session_cancel(*, actor: User | None, session: ClassSession) -> ClassSession:
    session = ClassSession.objects.select_for_update().get(pk=session.pk)
    _require_manage(actor, session)
    if session.status != SessionStatus.CANCELLED and session.checkins.exists():
        raise Conflict(
            _("Buổi học đã có người điểm danh: không hủy được (số liệu đã ghi nhận)."),
            code="session_has_checkins",
            details={"field": "status"},
        )
    if session.status != SessionStatus.CANCELLED:
        session.status = SessionStatus.CANCELLED
        session.save(update_fields=["status", "updated_at"])
        prefix = _reminder_prefix(session)
        transaction.on_commit(lambda: messages_cancel(dedupe_prefix=prefix))
    return session


def _point_in_session_area(session: ClassSession, point: BridgePoint) -> None:
    if not point.area_path.startswith(session.area_path):
        raise _invalid(
            _("Điểm cầu “%(point)s” không thuộc địa bàn tổ chức buổi học.") % {"point": point.name},
            field="point",
            code="point_outside_session_area",
        )


@transaction.atomic
def session_point_add(
    *, actor: User | None, session: ClassSession, point: BridgePoint
) -> tuple[SessionPoint, bool]:
    """Add a bridge point to a session (idempotent). A commune officer may add the points
    of their commune to a province session."""
    if actor is not None:
        require_permission(user=actor, action=Action.SESSION_MANAGE, area=point.village)
    _require_planned(session)
    _point_in_session_area(session, point)
    if not point.is_active:
        raise _invalid(_("Điểm cầu này đã ngừng hoạt động."), field="point", code="point_inactive")
    session_point, created = SessionPoint.objects.get_or_create(
        session=session, point=point, defaults={"area_path": point.area_path}
    )
    if created:
        transaction.on_commit(lambda: session_reminders_queue(session=session))
    return session_point, created


@transaction.atomic
def session_point_remove(*, actor: User | None, session: ClassSession, point: BridgePoint) -> None:
    """Take a point out of a session; refused once people have checked in there."""
    if actor is not None:
        require_permission(user=actor, action=Action.SESSION_MANAGE, area=point.village)
    session_point = (
        SessionPoint.objects.select_for_update().filter(session=session, point=point).first()
    )
    if session_point is None:
        return
    if (
        CheckIn.objects.filter(session=session, point=point).exists()
        or session_point.headcounts.exists()
    ):
        raise Conflict(
            _(
                "Điểm cầu “%(point)s” đã có người điểm danh trong buổi này: không bỏ ra được "
                "(số liệu phải truy được về điểm cầu)."
            )
            % {"point": point.name},
            code="point_has_checkins",
            details={"field": "point"},
        )
    session_point.delete()


@dataclass
class PointChoice:
    """What ``session_points_choose`` did: points added, removed, and those it refused
    with the reason (a person reads it)."""

    added: list[BridgePoint] = field(default_factory=list)
    removed: list[BridgePoint] = field(default_factory=list)
    refused: list[tuple[BridgePoint, str]] = field(default_factory=list)


@transaction.atomic
def session_points_choose(
    *,
    actor: User | None,
    session: ClassSession,
    add: Iterable[BridgePoint] = (),
    remove: Iterable[BridgePoint] = (),
) -> PointChoice:
    """Add and take out many bridge points of a session at once (idempotent).

    The rules of one point at a time hold for each: the actor manages the point's village,
    an added point is active and inside the session's area, a point where people have
    checked in (or a headcount was reported) stays. Refused points are reported, the others
    are done; one reminder run for the added ones.
    """
    session = ClassSession.objects.select_for_update().get(pk=session.pk)
    _require_planned(session)
    add, remove = list(add), list(remove)
    if actor is not None:
        for point in [*add, *remove]:
            require_permission(user=actor, action=Action.SESSION_MANAGE, area=point.village)
    result = PointChoice()
    present = set(SessionPoint.objects.filter(session=session).values_list("point_id", flat=True))
    to_add = []
    for point in add:
        if point.pk in present:
            continue
        if not point.area_path.startswith(session.area_path):
            result.refused.append((point, _("không thuộc địa bàn tổ chức buổi học")))
        elif not point.is_active:
            result.refused.append((point, _("đã ngừng hoạt động")))
        else:
            to_add.append(point)
            present.add(point.pk)
    _bulk_add_points(session, to_add)
    result.added = to_add

    leaving = {point.pk: point for point in remove if point.pk in present}
    if leaving:
        counted = set(
            CheckIn.objects.filter(session=session, point_id__in=list(leaving))
            .values_list("point_id", flat=True)
            .distinct()
        ) | set(
            SessionPoint.objects.filter(
                session=session, point_id__in=list(leaving), headcounts__isnull=False
            ).values_list("point_id", flat=True)
        )
        for point_id in sorted(counted):
            result.refused.append(
                (leaving.pop(point_id), _("đã có người điểm danh, không bỏ ra được"))
            )
        SessionPoint.objects.filter(session=session, point_id__in=list(leaving)).delete()
        result.removed = list(leaving.values())
    if result.added:
        transaction.on_commit(lambda: session_reminders_queue(session=session))
    return result


# --- bridge points -----------------------------------------------------------------------


def new_checkin_code() -> str:
    """An unguessable self check-in code: 16 characters without look-alikes (80 random
    bits; ``point_codes``). Points made before keep their URL-safe codes."""
    return point_codes.new_code()


def _unique_code() -> str:
    for _attempt in range(5):
        code = new_checkin_code()
        if not BridgePoint.objects.filter(self_checkin_code=code).exists():
            return code
    raise RuntimeError("could not draw a unique self check-in code")  # pragma: no cover


@dataclass
class PointData:
    village: Area
    name: str
    address: str = ""
    capacity: int | None = None
    has_screen: bool = False
    has_sound: bool = False
    has_connection: bool = False
    operators: Sequence[User] = ()
    is_active: bool = True


def _validate_point(data: PointData, *, instance: BridgePoint | None = None) -> str:
    if data.village is None or data.village.level != Area.Level.VILLAGE:
        raise _invalid(
            _("Điểm cầu phải đặt ở một thôn/tổ dân phố."), field="village", code="village_required"
        )
    name = clean(data.name)
    if not name:
        raise _invalid(_("Hãy nhập tên điểm cầu."), field="name", code="name_required")
    if len(name) > 200:
        raise _invalid(_("Tên điểm cầu quá dài."), field="name", code="name_too_long")
    if data.capacity is not None and not 0 < data.capacity <= 100_000:
        raise _invalid(
            _("Sức chứa phải là số người, từ 1 đến 100.000."),
            field="capacity",
            code="capacity_invalid",
        )
    clash = BridgePoint.objects.filter(village=data.village, name__iexact=name)
    if instance is not None:
        clash = clash.exclude(pk=instance.pk)
    if clash.exists():
        raise _invalid(
            _("Thôn này đã có điểm cầu tên “%(name)s”.") % {"name": name},
            field="name",
            code="name_taken",
        )
    return name


def _point_apply(point: BridgePoint, data: PointData, name: str) -> None:
    point.village = data.village
    point.area_path = data.village.path
    point.name = name
    point.address = clean(data.address)
    point.capacity = data.capacity
    point.has_screen = bool(data.has_screen)
    point.has_sound = bool(data.has_sound)
    point.has_connection = bool(data.has_connection)
    point.is_active = bool(data.is_active)


@transaction.atomic
def point_create(*, actor: User | None, data: PointData) -> BridgePoint:
    if actor is not None and data.village is not None:
        require_permission(user=actor, action=Action.SESSION_MANAGE, area=data.village)
    name = _validate_point(data)
    point = BridgePoint(self_checkin_code=_unique_code())
    _point_apply(point, data, name)
    point.save()
    point.operators.set(list(data.operators))
    return point


@transaction.atomic
def point_update(*, actor: User | None, point: BridgePoint, data: PointData) -> BridgePoint:
    point = BridgePoint.objects.select_for_update().get(pk=point.pk)
    if actor is not None:
        require_permission(user=actor, action=Action.SESSION_MANAGE, area=point.village)
        require_permission(user=actor, action=Action.SESSION_MANAGE, area=data.village)
    name = _validate_point(data, instance=point)
    if data.village.pk != point.village_id and point.checkins.exists():
        raise _invalid(
            _("Điểm cầu đã có người điểm danh: không chuyển sang thôn khác được."),
            field="village",
            code="village_locked",
        )
    _point_apply(point, data, name)
    point.save()
    point.operators.set(list(data.operators))
    SessionPoint.objects.filter(point=point).update(area_path=point.area_path)
    upcoming = list(
        ClassSession.objects.filter(
            points__point=point, starts_at__gt=timezone.now(), status=SessionStatus.PLANNED
        )
    )

    def remind_new_operators():
        for session in upcoming:
            session_reminders_queue(session=session)

    transaction.on_commit(remind_new_operators)
    return point


@dataclass
class BulkPointsResult:
    created: list[BridgePoint] = field(default_factory=list)
    skipped: list[Area] = field(default_factory=list)


def village_point_name(village: Area) -> str:
    return f"Nhà văn hóa {village.name}"


@transaction.atomic
def points_bulk_per_village(*, actor: User | None, area: Area) -> BulkPointsResult:
    """One point per village of a commune or a province, named "Nhà văn hóa <thôn>".

    Idempotent: villages that already have a point (active or not) are skipped.
    """
    if area.level == Area.Level.VILLAGE:
        raise _invalid(_("Hãy chọn một xã/phường hoặc cả tỉnh."), field="area", code="area_level")
    if actor is not None:
        require_permission(user=actor, action=Action.SESSION_MANAGE, area=area)
    villages = Area.objects.filter(level=Area.Level.VILLAGE, path__startswith=area.path).order_by(
        "path"
    )
    with_point = set(
        BridgePoint.objects.filter(area_path__startswith=area.path).values_list(
            "village_id", flat=True
        )
    )
    result = BulkPointsResult()
    to_create = []
    codes: set[str] = set()
    for village in villages:
        if village.pk in with_point:
            result.skipped.append(village)
            continue
        code = new_checkin_code()
        while code in codes:  # pragma: no cover (96 random bits)
            code = new_checkin_code()
        codes.add(code)
        to_create.append(
            BridgePoint(
                village=village,
                area_path=village.path,
                name=village_point_name(village),
                address=village_point_name(village),
                self_checkin_code=code,
            )
        )
    try:
        with transaction.atomic():
            result.created = BridgePoint.objects.bulk_create(to_create, batch_size=500)
    except IntegrityError as exc:  # pragma: no cover (a concurrent run): say so, write nothing
        raise Conflict(
            _("Đang có người khác tạo điểm cầu cho địa bàn này. Hãy thử lại."),
            code="bulk_points_race",
        ) from exc
    return result


# --- reminders ---------------------------------------------------------------------------

REMINDER_KINDS = {
    "day_before": dt.timedelta(days=1),
    "hour_before": dt.timedelta(hours=1),
}


def _reminder_prefix(session: ClassSession) -> str:
    return f"session-reminder:{session.pk}:"


def _concerned(session: ClassSession) -> dict[int, tuple[User, list[BridgePoint]]]:
    """Operators of the session's points and team leaders whose area holds one of them."""
    points = list(
        BridgePoint.objects.filter(sessions__session=session).prefetch_related("operators")
    )
    people: dict[int, tuple[User, list[BridgePoint]]] = {}
    for point in points:
        for operator in point.operators.all():
            if operator.is_active:
                people.setdefault(operator.pk, (operator, []))[1].append(point)
    paths = [p.area_path for p in points] or [session.area_path]
    # A team leader is concerned when their area holds a point (an ancestor path of it) or
    # lies inside the session's area with no point listed yet.
    ancestors = {
        "/".join(path.strip("/").split("/")[: depth + 1]) + "/"
        for path in paths
        for depth in range(path.strip("/").count("/") + 1)
    }
    grants = RoleGrant.objects.filter(
        Q(area__path__in=ancestors) | Q(area__path__startswith=session.area_path),
        role=Role.TEAM_LEADER,
        user__is_active=True,
    ).select_related("user", "area")
    for grant in grants:
        mine = [p for p in points if p.area_path.startswith(grant.area.path)]
        if mine or any(grant.area.path.startswith(path) for path in paths):
            people.setdefault(grant.user.pk, (grant.user, []))[1].extend(mine)
    return people


def _channel_for(user: User) -> tuple[str, str] | None:
    if user.email and not user.email.endswith(".invalid"):
        return Channel.EMAIL, user.email
    if user.phone:
        return Channel.SMS, user.phone
    return None


def _reminder_text(session: ClassSession, kind: str, points: list[BridgePoint]) -> tuple[str, str]:
    local = timezone.localtime(session.starts_at)
    when = local.strftime("%H:%M ngày %d/%m/%Y")
    lead = _("Ngày mai") if kind == "day_before" else _("Sau 1 giờ nữa")
    subject = _("Nhắc lịch: %(title)s lúc %(when)s") % {"title": session.title, "when": when}
    lines = [
        _("%(lead)s có buổi học “%(title)s”, bắt đầu lúc %(when)s.")
        % {"lead": lead, "title": session.title, "when": when}
    ]
    if points:
        names = ", ".join(sorted({p.name for p in points}))
        lines.append(_("Điểm cầu của bạn: %(names)s.") % {"names": names})
        lines.append(
            _("Hãy bật màn hình, loa, kiểm tra kết nối và mở điểm cầu trước giờ học 15 phút.")
        )
    if session.stream_url:
        lines.append(_("Link phát trực tuyến: %(url)s") % {"url": session.stream_url})
    if session.venue:
        lines.append(_("Địa điểm: %(venue)s") % {"venue": session.venue})
    return subject, "\n".join(lines)


def session_reminders_queue(*, session: ClassSession, now: dt.datetime | None = None) -> int:
    """Queue the day-before and hour-before reminders for everyone concerned, once each.

    The dedupe key is (session, user, kind, start time): calling this again queues nothing
    twice, and a session moved to another time gets fresh reminders. A
    reminder whose time has passed is not queued, except the hour-before one while the
    session has not started. Returns how many messages were newly queued.
    """
    now = now or timezone.now()
    session.refresh_from_db(fields=["status", "starts_at"])
    if session.status == SessionStatus.CANCELLED or session.starts_at <= now:
        return 0
    queued = 0
    for user, points in _concerned(session).values():
        channel = _channel_for(user)
        if channel is None:
            continue
        for kind, before in REMINDER_KINDS.items():
            send_after = session.starts_at - before
            if send_after <= now and kind != "hour_before":
                continue
            subject, body = _reminder_text(session, kind, points)
            stamp = session.starts_at.strftime("%Y%m%d%H%M")
            _message, created = message_queue(
                channel=channel[0],
                recipient=channel[1],
                subject=subject,
                body=body,
                send_after=max(send_after, now),
                dedupe_key=f"{_reminder_prefix(session)}{user.pk}:{kind}:{stamp}",
            )
            queued += created
    return queued
