"""Planning reads, scoped by the acting user (``binhdan.accounts.selectors``).

A user sees a session when its organising area is in their ``SESSION_VIEW`` scope, or when
one of its bridge points is (an operator of a village sees the province's online class).
"""

import calendar
import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from binhdan.accounts.models import Role, User
from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import scope_q, user_can
from binhdan.areas.models import Area
from binhdan.areas.paths import ancestor_paths
from binhdan.classes import access
from binhdan.classes.models import (
    BridgePoint,
    CheckIn,
    ClassSession,
    SessionKind,
    SessionPoint,
    SessionStatus,
)
from binhdan.core.errors import NotFound

ONLINE_TOPICS_TARGET = 2  # the campaign: two online topics a month
WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]


def session_when(session: ClassSession) -> str:
    """ "14:00 – 16:00, Thứ Năm ngày 26/11/2026" in local time, whatever the UI language."""
    start = timezone.localtime(session.starts_at)
    end = timezone.localtime(session.ends_at)
    day = f"{WEEKDAYS[start.weekday()]} ngày {start:%d/%m/%Y}"
    if end.date() != start.date():
        return f"{start:%H:%M} {day} – {end:%H:%M} ngày {end:%d/%m/%Y}"
    return f"{start:%H:%M} – {end:%H:%M}, {day}"


def sessions_for_user(*, user: User):
    """Sessions ``user`` may see (``classes.access``: by area, by point, as an operator)."""
    return (
        ClassSession.objects.filter(access.session_visible_q(user=user))
        .select_related("area", "instructor")
        .order_by("starts_at", "pk")
    )


def session_get_for_user(*, user: User, pk: int) -> ClassSession:
    session = sessions_for_user(user=user).filter(pk=pk).first()
    if session is None:
        raise NotFound()
    return session


def session_can_manage(*, user: User, session: ClassSession) -> bool:
    return access.session_can_manage(user=user, session=session)


def session_points_for_user(*, user: User, session: ClassSession):
    """The session's points the user may see, with village, commune and operators."""
    return (
        SessionPoint.objects.filter(
            access.point_visible_q(user=user, point_field="point_id"), session=session
        )
        .select_related("point__village__parent")
        .prefetch_related("point__operators")
        .order_by("area_path", "point__name", "pk")
    )


def points_addable_to(*, user: User, session: ClassSession):
    """Active points inside the session's area the user manages and not yet in it."""
    return (
        BridgePoint.objects.filter(
            scope_q(user=user, action=Action.SESSION_MANAGE, path_field="area_path"),
            is_active=True,
            area_path__startswith=session.area_path,
        )
        .exclude(sessions__session=session)
        .select_related("village")
        .order_by("area_path", "name")
    )


def points_for_user(*, user: User, area: Area | None = None, action: Action = Action.SESSION_VIEW):
    """Points ``user`` may see (``classes.access``), or may do ``action`` at."""
    if action == Action.SESSION_VIEW:
        visible = access.point_visible_q(user=user)
    else:
        visible = scope_q(user=user, action=action, path_field="area_path")
    points = BridgePoint.objects.filter(visible)
    if area is not None:
        points = points.filter(area_path__startswith=area.path)
    return (
        points.select_related("village__parent")
        .prefetch_related("operators")
        .order_by("area_path", "name", "pk")
    )


def point_get_for_user(*, user: User, pk: int, action: Action = Action.SESSION_VIEW) -> BridgePoint:
    point = points_for_user(user=user, action=action).filter(pk=pk).first()
    if point is None:
        raise NotFound()
    return point


def readiness(point: BridgePoint) -> list[tuple[str, bool]]:
    """The checklist a point must pass before a class: (label, ok)."""
    from django.utils.translation import gettext as _

    return [
        (_("Màn hình/TV"), point.has_screen),
        (_("Loa/âm thanh"), point.has_sound),
        (_("Kết nối Internet"), point.has_connection),
    ]


def operator_candidates(*, area: Area):
    """Users with the operator role somewhere in or above ``area``'s commune."""
    commune_path = area.path if area.level != Area.Level.VILLAGE else area.parent.path
    q = Q(grants__area__path__startswith=commune_path)
    for prefix in ancestor_paths(commune_path):
        q |= Q(grants__area__path=prefix)
    return User.objects.filter(q, grants__role=Role.OPERATOR, is_active=True).distinct()


def instructor_candidates():
    return (
        User.objects.filter(grants__role=Role.INSTRUCTOR, is_active=True)
        .distinct()
        .order_by("full_name", "username")
    )


# --- calendar ----------------------------------------------------------------------------


def parse_month(value: str | None, *, today: dt.date | None = None) -> tuple[int, int]:
    """``"2026-11"`` → ``(2026, 11)``; anything else → the current local month."""
    today = today or timezone.localdate()
    try:
        year_text, month_text = (value or "").split("-", 1)
        year, month = int(year_text), int(month_text)
        if 2000 <= year <= 2100 and 1 <= month <= 12:
            return year, month
    except ValueError:
        pass
    return today.year, today.month


def month_bounds(year: int, month: int) -> tuple[dt.datetime, dt.datetime]:
    """Local midnight of the 1st and of the 1st of the next month, as aware datetimes."""
    tz = timezone.get_current_timezone()
    start = dt.datetime(year, month, 1, tzinfo=tz)
    end = dt.datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=tz)
    return start, end


@dataclass
class CalendarDay:
    date: dt.date
    in_month: bool
    sessions: list[ClassSession] = field(default_factory=list)


@dataclass
class MonthCalendar:
    year: int
    month: int
    weeks: list[list[CalendarDay]]
    sessions: list[ClassSession]
    online_topics: int
    target: int = ONLINE_TOPICS_TARGET

    @property
    def previous(self) -> str:
        return f"{self.year - (self.month == 1)}-{(self.month - 2) % 12 + 1:02d}"

    @property
    def next(self) -> str:
        return f"{self.year + (self.month == 12)}-{self.month % 12 + 1:02d}"

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)


def month_calendar(*, user: User, year: int, month: int) -> MonthCalendar:
    start, end = month_bounds(year, month)
    sessions = list(
        sessions_for_user(user=user)
        .filter(starts_at__gte=start, starts_at__lt=end)
        .annotate(point_count=Count("points", distinct=True))
        .prefetch_related("topics")
    )
    by_day: dict[dt.date, list[ClassSession]] = {}
    for session in sessions:
        by_day.setdefault(timezone.localdate(session.starts_at), []).append(session)
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        weeks.append([CalendarDay(day, day.month == month, by_day.get(day, [])) for day in week])
    online_topics = {
        topic.pk
        for session in sessions
        if session.kind == SessionKind.ONLINE and session.status != SessionStatus.CANCELLED
        for topic in session.topics.all()
    }
    return MonthCalendar(year, month, weeks, sessions, len(online_topics))


def upcoming_sessions_for(*, user: User, limit: int = 5, now: dt.datetime | None = None):
    """The next sessions a user takes part in: as operator of one of its points, or in
    their scope (team leaders, officers). Ongoing sessions are included."""
    now = now or timezone.now()
    operated = SessionPoint.objects.filter(session=OuterRef("pk"), point__operators=user)
    sessions = (
        sessions_for_user(user=user)
        .filter(ends_at__gte=now)
        .exclude(status=SessionStatus.CANCELLED)
        .annotate(mine=Exists(operated))
        .prefetch_related(
            Prefetch(
                "points",
                queryset=SessionPoint.objects.filter(point__operators=user).select_related("point"),
                to_attr="my_points",
            )
        )
        .order_by("-mine", "starts_at", "pk")
    )
    return list(sessions[:limit])


# --- attendance --------------------------------------------------------------------------


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
        scope_q(user=user, action=Action.SESSION_VIEW, path_field="area_path"), session=session
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


def point_counts_by_commune(*, user: User, province: Area) -> list[dict]:
    """Per commune of a province in the user's scope: villages, points, ready points."""
    communes = Area.objects.filter(
        scope_q(user=user, action=Action.SESSION_VIEW), parent=province
    ).order_by("name")
    points = points_for_user(user=user, area=province).values_list(
        "village__parent_id", "has_screen", "has_sound", "has_connection", "village_id"
    )
    stats: dict[int, dict] = {}
    for commune_id, screen, sound, connection, village_id in points:
        entry = stats.setdefault(commune_id, {"points": 0, "ready": 0, "villages": set()})
        entry["points"] += 1
        entry["ready"] += screen and sound and connection
        entry["villages"].add(village_id)
    village_counts = dict(
        Area.objects.filter(parent__in=communes, level=Area.Level.VILLAGE)
        .values_list("parent_id")
        .annotate(n=Count("pk"))
        .values_list("parent_id", "n")
    )
    rows = []
    for commune in communes:
        entry = stats.get(commune.pk, {"points": 0, "ready": 0, "villages": set()})
        rows.append(
            {
                "commune": commune,
                "villages": village_counts.get(commune.pk, 0),
                "covered": len(entry["villages"]),
                "points": entry["points"],
                "ready": entry["ready"],
            }
        )
    return rows


# --- choosing the bridge points of a session ------------------------------------------------


def _choosable_points(*, user: User, session: ClassSession):
    """Points the user may put into or take out of ``session``: inside its area and their
    ``SESSION_MANAGE`` scope; active ones, and inactive ones already in it (to take out)."""
    in_session = SessionPoint.objects.filter(session=session, point=OuterRef("pk"))
    return (
        BridgePoint.objects.filter(
            scope_q(user=user, action=Action.SESSION_MANAGE, path_field="area_path"),
            area_path__startswith=session.area_path,
        )
        .annotate(chosen=Exists(in_session))
        .filter(Q(is_active=True) | Q(chosen=True))
    )


def point_choice_communes(*, user: User, session: ClassSession) -> list[dict]:
    """Communes where the user may choose points of ``session``, by folded name, each with
    ``points`` (choosable) and ``chosen`` (in the session). Two queries."""
    rows = (
        _choosable_points(user=user, session=session)
        .values("village__parent_id")
        .annotate(points=Count("pk"), chosen=Count("pk", filter=Q(chosen=True)))
    )
    counts = {row["village__parent_id"]: row for row in rows}
    communes = Area.objects.filter(pk__in=list(counts)).order_by("name_folded", "path")
    return [
        {
            "commune": commune,
            "points": counts[commune.pk]["points"],
            "chosen": counts[commune.pk]["chosen"],
        }
        for commune in communes
    ]


def point_choice_points(
    *, user: User, session: ClassSession, commune: Area | None = None, query: str = ""
) -> list[BridgePoint]:
    """The choosable points of one commune (or of every commune when a filter is typed),
    each with ``chosen``; ``query`` matches the point's or the village's name, with or
    without diacritics."""
    from binhdan.core.text import fold

    points = _choosable_points(user=user, session=session).select_related("village")
    if commune is not None:
        points = points.filter(area_path__startswith=commune.path)
    elif not query:
        return []
    points = list(points.order_by("area_path", "name", "pk")[:2000])
    folded = fold(query)
    if folded:
        points = [p for p in points if folded in fold(p.name) or folded in p.village.name_folded]
    return points


def point_find_by_code(*, code: str) -> BridgePoint | None:
    """The active point whose self check-in code ``code`` is, as printed or as typed
    (``point_codes.stored_candidates``)."""
    from binhdan.classes.point_codes import stored_candidates

    candidates = stored_candidates(code)
    if not candidates:
        return None
    return BridgePoint.objects.filter(self_checkin_code__in=candidates, is_active=True).first()


# --- a village's classes (the village page) -------------------------------------------------


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
