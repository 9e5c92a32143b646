"""Planning writes: sessions and their bridge points.

Every function takes keyword-only arguments, checks the actor's scope with
``require_permission`` and raises ``PlanningErrors`` (``binhdan.classes.errors``). Bridge
points themselves are written in ``planning.points``, reminders queued by
``planning.reminders``.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.db import transaction
from django.utils.translation import gettext as _

from binhdan.accounts.models import Role, RoleGrant, User
from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import require_permission
from binhdan.areas.models import Area
from binhdan.areas.paths import is_within
from binhdan.classes.errors import PlanningErrors
from binhdan.classes.models import (
    BridgePoint,
    CheckIn,
    ClassSession,
    SessionKind,
    SessionPoint,
    SessionStatus,
)
from binhdan.classes.planning.reminders import reminder_prefix, session_reminders_queue
from binhdan.core.text import clean
from binhdan.notifications.services import messages_cancel

SESSION_AREA_LEVELS = {
    SessionKind.ONLINE: {Area.Level.PROVINCE, Area.Level.COMMUNE},
    SessionKind.IN_PERSON: {Area.Level.COMMUNE, Area.Level.VILLAGE},
}
MAX_SESSION_HOURS = 12


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
        raise PlanningErrors.KIND_INVALID.error()
    if not clean(data.title):
        raise PlanningErrors.TITLE_REQUIRED.error()
    if data.area.level not in SESSION_AREA_LEVELS[data.kind]:
        raise (
            PlanningErrors.ONLINE_AREA_LEVEL
            if data.kind == SessionKind.ONLINE
            else PlanningErrors.IN_PERSON_AREA_LEVEL
        ).error()
    if data.starts_at is None:
        raise PlanningErrors.STARTS_REQUIRED.error()
    if data.ends_at is None:
        raise PlanningErrors.ENDS_REQUIRED.error()
    if data.ends_at <= data.starts_at:
        raise PlanningErrors.ENDS_BEFORE_START.error()
    if data.ends_at - data.starts_at > dt.timedelta(hours=MAX_SESSION_HOURS):
        raise PlanningErrors.SESSION_TOO_LONG.error(h=MAX_SESSION_HOURS)
    if data.kind == SessionKind.IN_PERSON and not clean(data.venue):
        raise PlanningErrors.VENUE_REQUIRED.error()
    if data.stream_url:
        parts = urlsplit(data.stream_url)
        if parts.scheme not in {"http", "https"} or not parts.netloc:
            raise PlanningErrors.STREAM_URL_INVALID.error()
    if (
        data.instructor is not None
        and not RoleGrant.objects.filter(user=data.instructor, role=Role.INSTRUCTOR).exists()
    ):
        raise PlanningErrors.INSTRUCTOR_ROLE.error()


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
        raise PlanningErrors.SESSION_CANCELLED.error()


@transaction.atomic
def session_update(*, actor: User | None, session: ClassSession, data: SessionData) -> ClassSession:
    """Edit a planned session. Its points stay as they are (staff add/remove them)."""
    session = ClassSession.objects.select_for_update().get(pk=session.pk)
    _require_manage(actor, session)
    if actor is not None:
        require_permission(user=actor, action=Action.SESSION_MANAGE, area=data.area)
    _require_planned(session)
    if data.kind != session.kind and session.checkins.exists():
        raise PlanningErrors.KIND_LOCKED.error()
    moved = data.starts_at != session.starts_at
    _validate_session(data)
    _apply(session, data)
    session.save()
    session.topics.set(list(data.topics))
    if moved:
        # The old reminders were for the old time: queue new ones.
        prefix = reminder_prefix(session)

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
        raise PlanningErrors.SESSION_HAS_CHECKINS.error()
    if session.status != SessionStatus.CANCELLED:
        session.status = SessionStatus.CANCELLED
        session.save(update_fields=["status", "updated_at"])
        prefix = reminder_prefix(session)
        transaction.on_commit(lambda: messages_cancel(dedupe_prefix=prefix))
    return session


def _point_in_session_area(session: ClassSession, point: BridgePoint) -> None:
    if not is_within(point.area_path, [session.area_path]):
        raise PlanningErrors.POINT_OUTSIDE_SESSION_AREA.error(point=point.name)


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
        raise PlanningErrors.POINT_INACTIVE.error()
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
        raise PlanningErrors.POINT_HAS_CHECKINS.error(point=point.name)
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
        if not is_within(point.area_path, [session.area_path]):
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
