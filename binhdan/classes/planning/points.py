"""Bridge point writes: create, edit, one point per village, self check-in codes.

Keyword-only arguments; the actor's scope is checked with ``require_permission``; errors
are ``PlanningErrors``.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone

from binhdan.accounts.models import User
from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import require_permission
from binhdan.areas.models import Area
from binhdan.classes import point_codes
from binhdan.classes.errors import PlanningErrors
from binhdan.classes.models import BridgePoint, ClassSession, SessionPoint, SessionStatus
from binhdan.classes.planning.reminders import session_reminders_queue
from binhdan.core.text import clean


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
        raise PlanningErrors.VILLAGE_REQUIRED.error()
    name = clean(data.name)
    if not name:
        raise PlanningErrors.POINT_NAME_REQUIRED.error()
    if len(name) > 200:
        raise PlanningErrors.POINT_NAME_TOO_LONG.error()
    if data.capacity is not None and not 0 < data.capacity <= 100_000:
        raise PlanningErrors.CAPACITY_INVALID.error()
    clash = BridgePoint.objects.filter(village=data.village, name__iexact=name)
    if instance is not None:
        clash = clash.exclude(pk=instance.pk)
    if clash.exists():
        raise PlanningErrors.POINT_NAME_TAKEN.error(name=name)
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
        raise PlanningErrors.VILLAGE_LOCKED.error()
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
        raise PlanningErrors.BULK_AREA_LEVEL.error()
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
        raise PlanningErrors.BULK_POINTS_RACE.error() from exc
    return result
