"""Reads of the classes app around check-in: live figures, operator sessions, attendance.

Live figures are read by many screens at once during a wave (the live wall, every commune
dashboard). They come from the ``SessionPoint`` counters (never a scan of the check-ins),
are cached for a few seconds per (session, scope), and computed once however many watchers
ask at the same moment (a ``cache.add`` lock; the others get the previous figures).
"""

import datetime as dt
import time

from django.core.cache import cache
from django.db.models import Count, Q
from django.utils import timezone

from binhdan.accounts.models import User
from binhdan.accounts.services import token_point_id
from binhdan.areas.models import Area
from binhdan.areas.paths import commune_path, within_q
from binhdan.classes.access import (
    SessionScope,
    checkin_writable,
    session_scope,
    session_visible_q,
)
from binhdan.classes.errors import CheckInErrors
from binhdan.classes.models import (
    BridgePoint,
    CheckIn,
    CheckInFlag,
    ClassSession,
    SessionPoint,
    SessionStatus,
)
from binhdan.people.privacy import mask_name

LIVE_TTL = 3  # seconds a computed figure is served as fresh
STALE_TTL = 120  # seconds the previous figure may be served while one worker recomputes
LOCK_TTL = 10
SILENT_AFTER = dt.timedelta(minutes=2)
LIVE_MARGIN = dt.timedelta(hours=1)
SELF_CHECKIN_MARGIN = dt.timedelta(hours=1)  # a citizen checks in this early or late


# --------------------------------------------------------------------------- scope


def session_get_for_view(*, user: User, session_id: int) -> ClassSession:
    session = ClassSession.objects.filter(pk=session_id).first()
    if session is None:
        raise CheckInErrors.SESSION_NOT_FOUND.error()
    session_scope(session=session, user=user)
    return session


# --------------------------------------------------------------------------- live figures


def _compute_live(*, session: ClassSession, scope: SessionScope) -> dict:
    now = timezone.now()
    silent_before = now - SILENT_AFTER
    points = list(
        SessionPoint.objects.filter(scope.q(), session=session).values_list(
            "area_path",
            "opened_at",
            "last_heartbeat_at",
            "closed_at",
            "checkin_count",
            "headcount",
        )
    )
    figures = {
        "points_expected": len(points),
        "points_opened": 0,
        "points_silent": 0,
        "points_closed": 0,
        "checkins": 0,
        "attendance": 0,
        "unique_people": 0,
    }
    communes: dict[str, dict] = {}
    for area_path, opened, heartbeat, closed, checkins, headcount in points:
        attendance = max(checkins, headcount or 0)
        figures["checkins"] += checkins
        figures["attendance"] += attendance
        row = communes.setdefault(
            commune_path(area_path), {"points_expected": 0, "points_opened": 0, "attendance": 0}
        )
        row["points_expected"] += 1
        row["attendance"] += attendance
        if opened is not None:
            figures["points_opened"] += 1
            row["points_opened"] += 1
            if closed is not None:
                figures["points_closed"] += 1
            elif (heartbeat or opened) < silent_before:
                figures["points_silent"] += 1
    # A person checks in once per session (a database constraint), so the check-in rows
    # are the unique people; a second point's sighting is a flag, not a row.
    figures["unique_people"] = figures["checkins"]
    figures["flagged"] = (
        CheckInFlag.objects.filter(session=session, resolved_at__isnull=True)
        .filter(scope.q(path_field="checkin__area_path", point_field="other_point_id"))
        .count()
    )
    names = dict(Area.objects.filter(path__in=list(communes)).values_list("path", "code"))
    labels = dict(Area.objects.filter(path__in=list(communes)).values_list("path", "name"))
    figures["by_commune"] = [
        {"code": names.get(path, ""), "name": labels.get(path, ""), **row}
        for path, row in sorted(communes.items())
    ]
    latest = (
        CheckIn.objects.filter(scope.q(), session=session)
        .order_by("-received_at")
        .values_list("received_at", "checked_in_at", "point__name", "full_name")[:10]
    )
    figures["latest"] = [
        {
            "at": at.isoformat(),
            "checked_in_at": checked_in_at.isoformat(),
            "point_name": point_name,
            "name_masked": mask_name(name),
        }
        for at, checked_in_at, point_name, name in latest
    ]
    figures["generated_at"] = now.isoformat()
    return figures


def session_live_figures(*, session: ClassSession, user: User | None = None) -> dict:
    """Live figures of ``session`` as ``user`` may see them (None: the whole session).

    Keys: points_expected, points_opened, points_silent, points_closed, checkins,
    attendance (Σ max(check-ins, headcount) per point), unique_people, flagged,
    by_commune [{code, name, points_expected, points_opened, attendance}],
    latest [{at (received), checked_in_at, point_name, name_masked}], generated_at.
    Cached ``LIVE_TTL`` seconds.
    """
    scope = session_scope(session=session, user=user)
    key = f"classes:live:{session.pk}:{scope.key()}"
    figures = cache.get(key)
    if figures is not None:
        return figures
    lock = key + ":lock"
    stale_key = key + ":stale"
    if not cache.add(lock, 1, LOCK_TTL):
        # Someone computes right now: give the previous figures, or wait a little.
        stale = cache.get(stale_key)
        if stale is not None:
            return stale
        for _ in range(50):
            time.sleep(0.02)
            figures = cache.get(key)
            if figures is not None:
                return figures
        return _compute_live(session=session, scope=scope)
    try:
        # A watcher that missed the figures just before the previous holder stored them
        # and released the lock lands here: take what was stored instead of computing again.
        figures = cache.get(key)
        if figures is not None:
            return figures
        figures = _compute_live(session=session, scope=scope)
        cache.set_many({key: figures}, LIVE_TTL)
        cache.set(stale_key, figures, STALE_TTL)
    finally:
        cache.delete(lock)
    return figures


# --------------------------------------------------------------------------- live now


def _running_q(now: dt.datetime) -> Q:
    return Q(starts_at__lte=now, ends_at__gt=now) & ~Q(status=SessionStatus.CANCELLED)


def session_is_live(session: ClassSession, *, now: dt.datetime | None = None) -> bool:
    """Whether the session runs now (started, not ended, not cancelled): the live wall is
    then linked from the calendar, the session page and the dashboard."""
    now = now or timezone.now()
    return session.status != SessionStatus.CANCELLED and session.starts_at <= now < session.ends_at


def sessions_live_for_user(*, user: User, now: dt.datetime | None = None):
    """Sessions running now (``session_is_live``) whose live wall ``user`` may open: in their
    ``session.view`` scope (by the organising area or one of its points), or with a point
    they operate. A queryset ordered by start; link each to ``console:live_wall``."""
    now = now or timezone.now()
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return ClassSession.objects.none()
    return (
        ClassSession.objects.filter(_running_q(now), session_visible_q(user=user))
        .select_related("area")
        .order_by("starts_at", "pk")
    )


def self_checkin_session_point(*, point: BridgePoint, now: dt.datetime | None = None):
    """The session point where a citizen scanning ``point``'s poster checks in now: its
    first session not cancelled that runs within ``SELF_CHECKIN_MARGIN`` of now, or None."""
    now = now or timezone.now()
    return (
        SessionPoint.objects.select_related("session", "point")
        .filter(
            point=point,
            session__starts_at__lte=now + SELF_CHECKIN_MARGIN,
            session__ends_at__gte=now - SELF_CHECKIN_MARGIN,
        )
        .exclude(session__status=SessionStatus.CANCELLED)
        .order_by("session__starts_at")
        .first()
    )


# --------------------------------------------------------------------------- operators


def _device_point_writable(*, user: User, point_id: int) -> bool:
    """Whether the issuer of a device token may still write check-ins at its point."""
    point = BridgePoint.objects.filter(pk=point_id).values_list("area_path", flat=True).first()
    return point is not None and checkin_writable(user=user, point_id=point_id, area_path=point)


def still_listed_q(*, now: dt.datetime | None = None, prefix: str = "session__") -> Q:
    """Sessions an operator still has on their list: upcoming, live, ended less than
    ``LIVE_MARGIN`` ago, or ended earlier today (local time), so that a late headcount can
    still be reported the same day."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return Q(**{f"{prefix}ends_at__gte": min(now - LIVE_MARGIN, midnight)})


def operator_sessions(*, user: User):
    """Session points ``user`` operates whose session is upcoming, live or ended today (not
    cancelled; ``still_listed_q``).

    With a device token: the sessions of its one bridge point, while its issuer may still
    write check-ins there.
    """
    device_point_id = token_point_id(user)
    if device_point_id is None:
        points = Q(point__operators=user)
    elif _device_point_writable(user=user, point_id=device_point_id):
        points = Q(point_id=device_point_id)
    else:
        return SessionPoint.objects.none()
    return (
        SessionPoint.objects.filter(points, still_listed_q())
        .exclude(session__status=SessionStatus.CANCELLED)
        .select_related("session", "point", "point__village")
        .order_by("session__starts_at", "pk")
    )


def commune_villages(*, area_paths: set[str]) -> dict[str, list[dict]]:
    """Villages of the communes containing these area paths: {commune path: [{code, name}]}."""
    communes = {commune_path(p) for p in area_paths}
    if not communes:
        return {}
    condition = within_q(sorted(communes))
    out: dict[str, list[dict]] = {path: [] for path in communes}
    for path, code, name in (
        Area.objects.filter(condition, level=Area.Level.VILLAGE)
        .order_by("path")
        .values_list("path", "code", "name")
    ):
        out[commune_path(path)].append({"code": code, "name": name})
    return out


def session_attendance_rows(*, session: ClassSession, user: User) -> list[dict]:
    """One row per point of ``session`` in the user's scope, for reports and exports.

    Keys: commune_code, commune_name, village_code, village_name, point_id, point_name,
    opened_at, closed_at, last_heartbeat_at, checkins, headcount, attendance, flagged.
    """
    scope = session_scope(session=session, user=user)
    rows = list(
        SessionPoint.objects.filter(scope.q(), session=session)
        .select_related("point", "point__village")
        .order_by("area_path", "point__name", "pk")
    )
    # Open flags only, counted on the point of the first check-in, as the live figures do.
    flagged: dict[int, int] = dict(
        CheckInFlag.objects.filter(
            session=session,
            resolved_at__isnull=True,
            checkin__point_id__in=[sp.point_id for sp in rows],
        )
        .values("checkin__point_id")
        .annotate(n=Count("pk"))
        .values_list("checkin__point_id", "n")
    )
    communes = {
        a.path: a for a in Area.objects.filter(path__in={commune_path(sp.area_path) for sp in rows})
    }
    out = []
    for sp in rows:
        commune = communes.get(commune_path(sp.area_path))
        out.append(
            {
                "commune_code": commune.code if commune else "",
                "commune_name": commune.name if commune else "",
                "village_code": sp.point.village.code,
                "village_name": sp.point.village.name,
                "point_id": sp.point_id,
                "point_name": sp.point.name,
                "opened_at": sp.opened_at,
                "closed_at": sp.closed_at,
                "last_heartbeat_at": sp.last_heartbeat_at,
                "checkins": sp.checkin_count,
                "headcount": sp.headcount,
                "attendance": sp.attendance,
                "flagged": flagged.get(sp.point_id, 0),
            }
        )
    return out
