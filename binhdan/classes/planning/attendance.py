"""Attendance reads: per point of a session, the check-in rows of an export, and what
happened at a village's bridge points."""

from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from binhdan.accounts.models import User
from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import user_can
from binhdan.areas.models import Area
from binhdan.classes import access
from binhdan.classes.models import BridgePoint, CheckIn, ClassSession, SessionPoint, SessionStatus
from binhdan.classes.planning.selectors import session_points_for_user


@dataclass
class PointAttendance:
    session_point: SessionPoint
    checkins: int
    headcount: int | None

    @property
    def attendance(self) -> int:
        return max(self.checkins, self.headcount or 0)


def attendance_by_point(*, user: User, session: ClassSession, point: BridgePoint | None = None):
    """Per point: check-ins counted from the rows, latest headcount, attendance (max rule)."""
    points = session_points_for_user(user=user, session=session)
    if point is not None:
        points = points.filter(point=point)
    counts = dict(
        CheckIn.objects.filter(session=session)
        .values_list("point_id")
        .annotate(n=Count("pk"))
        .values_list("point_id", "n")
    )
    return [PointAttendance(sp, counts.get(sp.point_id, 0), sp.headcount) for sp in points]


def checkins_for_export(*, user: User, session: ClassSession, point: BridgePoint | None = None):
    """Check-in rows the user may see, without phone or CCCD (they are not stored here),
    with the villages (and their communes) of the check-in, the known person and the point,
    and the person's birth year: the export says where each person lives."""
    rows = CheckIn.objects.filter(
        access.point_visible_q(user=user, point_field="point_id"), session=session
    )
    if point is not None:
        rows = rows.filter(point=point)
    return (
        rows.select_related("point__village__parent", "village__parent", "person__village__parent")
        .only(
            "checked_in_at",
            "full_name",
            "birth_year",
            "method",
            "point__name",
            "point__village__name",
            "point__village__parent__name",
            "village__name",
            "village__parent__name",
            "person__birth_year",
            "person__village__name",
            "person__village__parent__name",
        )
        .order_by("checked_in_at", "pk")
    )


def village_classes(*, user: User, village: Area, recent: int = 5) -> dict | None:
    """What happened at a village's bridge points, if the user may see its sessions:
    ``points`` (list), ``sessions`` (held, not cancelled), ``attendance`` (Σ max(check-ins,
    headcount) per session point), ``checkins``, ``unique_people`` (distinct identity keys)
    and the ``recent`` sessions. ``None`` when the user may not see sessions there."""
    if not user_can(user=user, action=Action.SESSION_VIEW, area=village):
        return None
    now = timezone.now()
    points = list(BridgePoint.objects.filter(village=village).order_by("name", "pk"))
    held = (
        SessionPoint.objects.filter(point__village=village, session__starts_at__lte=now)
        .exclude(session__status=SessionStatus.CANCELLED)
        .values_list("session_id", "checkin_count", "headcount")
    )
    session_ids: set[int] = set()
    attendance = checkins = 0
    for session_id, count, headcount in held:
        session_ids.add(session_id)
        checkins += count
        attendance += max(count, headcount or 0)
    unique_people = (
        CheckIn.objects.filter(point__village=village).values("identity_key").distinct().count()
    )
    recent_sessions = list(
        ClassSession.objects.filter(pk__in=session_ids).order_by("-starts_at", "-pk")[:recent]
    )
    return {
        "points": points,
        "sessions": len(session_ids),
        "attendance": attendance,
        "checkins": checkins,
        "unique_people": unique_people,
        "recent": recent_sessions,
    }
