"""Writes of the check-in hot path: check-ins, headcounts, point status.

``checkins_record`` is the one way check-ins are stored (single, batch, self check-in,
offline upload, paper sheets). It runs a fixed number of queries whatever the batch size:

1. one ``INSERT … SELECT … ON CONFLICT DO NOTHING RETURNING client_uuid`` of the whole
   batch (PostgreSQL and SQLite ≥ 3.35), the rows passed as one JSON parameter, the known
   ``Person`` linked by a sub-select on its identity key, and the point's
   ``checkin_count`` moved by the number inserted: on PostgreSQL in the same statement
   (a data-modifying CTE, atomic on its own), on SQLite in the same transaction
   (``checkin.sql``);
2. only when something was not inserted: one ``SELECT`` classifying it (a retry of a
   stored item, the same person already checked in here, or at another point) and one
   insert of the ``CheckInFlag`` rows (idempotent on the item's client_uuid;
   ``checkin.classify``).

What the response acknowledges as created is committed; a retry of anything else is safe.
Items are validated in ``checkin.validation``; who may write where is ``classes.access``.
"""

import contextlib
import datetime as dt
import uuid
from collections.abc import Sequence

from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from binhdan.accounts.models import User
from binhdan.accounts.services import token_point_id
from binhdan.areas.models import Area
from binhdan.classes import access
from binhdan.classes.checkin import sql
from binhdan.classes.checkin.classify import as_uuid, classify
from binhdan.classes.checkin.selectors import self_checkin_session_point
from binhdan.classes.checkin.validation import (
    CREATED,
    DUPLICATE,
    FUTURE_TOLERANCE,
    REJECTED,
    CheckInItem,
    ItemResult,
    Row,
    validate,
)
from binhdan.classes.errors import CheckInErrors, CheckInReasons
from binhdan.classes.models import (
    BridgePoint,
    CheckInMethod,
    ClassSession,
    Headcount,
    SessionPoint,
    SessionStatus,
)
from binhdan.core.errors import OutsideScope
from binhdan.core.recent import RecentlyChecked
from binhdan.people.identity import parse_identity

__all__ = [
    "CREATED",
    "DUPLICATE",
    "REJECTED",
    "CheckInItem",
    "ItemResult",
    "checkin_self",
    "checkins_record",
    "headcount_record",
    "point_close",
    "point_heartbeat",
    "point_open",
    "session_point_for_write",
]

MAX_BATCH = 1000

# Session points this worker let an actor write to a moment ago: (actor, session, point) ->
# the row of sql.session_point_row. See session_point_for_write(recent=True).
_recent_session_points = RecentlyChecked()


def session_point_for_write(
    *, actor: User, session_id: int, point_id: int, recent: bool = False
) -> SessionPoint:
    """The session point ``actor`` may write check-ins for, in one query on the hot path.

    NotFound when the session or point does not exist; OutsideScope when the actor may not
    write check-ins at the point (``access.checkin_writable``), when the point does not
    take part in the session (``point_not_in_session``), or when the actor came with a
    device token bound to another point (``token_not_allowed``).

    ``recent=True`` (the check-in endpoints only) may answer from what this worker found in
    the last ``BINHDAN_TOKEN_CACHE_SECONDS``: a point streaming check-ins then costs no
    query here. Such a session point is marked ``from_recent``; ``checkins_record`` guards
    its INSERT on the session being live and the point still in it, so a cancellation or a
    removal made meanwhile is never written past.
    """
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        raise OutsideScope()
    bound_point_id = token_point_id(actor)
    if bound_point_id is not None and bound_point_id != point_id:
        # A device token writes for its own bridge point only.
        raise CheckInErrors.TOKEN_NOT_ALLOWED.error()
    key = (actor.pk, session_id, point_id)
    remembered = _recent_session_points.get(key) if recent else None
    if remembered is not None:
        found = sql.session_point_from_row(remembered, session_id=session_id, point_id=point_id)
        found.from_recent = True
        return found
    row = sql.session_point_row(actor_id=actor.pk, session_id=session_id, point_id=point_id)
    if row is not None:
        session_point = sql.session_point_from_row(row, session_id=session_id, point_id=point_id)
        if not access.checkin_writable(
            user=actor,
            point_id=point_id,
            area_path=session_point.area_path,
            operates=session_point.actor_operates,
        ):
            raise OutsideScope()
        if recent:
            _recent_session_points.remember(key, row)
        return session_point
    point = BridgePoint.objects.filter(pk=point_id).only("pk", "area_path").first()
    if point is None:
        raise CheckInErrors.POINT_NOT_FOUND.error()
    if not ClassSession.objects.filter(pk=session_id).exists():
        raise CheckInErrors.SESSION_NOT_FOUND.error()
    if not access.checkin_writable(user=actor, point_id=point.pk, area_path=point.area_path):
        raise OutsideScope()
    raise CheckInErrors.POINT_NOT_IN_SESSION.error()


@contextlib.contextmanager
def _nothing():
    yield


def checkins_record(
    *, actor: User | None, session_point: SessionPoint, items: Sequence[CheckInItem]
) -> list[ItemResult]:
    """Store check-ins at ``session_point``; one result per item, in the items' order.

    ``actor`` must already be allowed to write there (``session_point_for_write``);
    ``None`` for a citizen's self check-in. Idempotent on each item's ``client_uuid``.
    """
    if len(items) > MAX_BATCH:
        raise CheckInErrors.BATCH_TOO_LARGE.error(n=MAX_BATCH)
    session = session_point.session
    if session.status == SessionStatus.CANCELLED:
        raise CheckInErrors.SESSION_CANCELLED.error()
    rows, results = validate(items, session=session, session_point=session_point)

    # Inside the batch: the first item of a client_uuid or of a person is the one inserted.
    to_insert: list[Row] = []
    later: list[Row] = []
    seen_uuid: set[uuid.UUID] = set()
    seen_key: set[str] = set()
    for row in rows:
        if row.client_uuid in seen_uuid:
            results[row.index] = ItemResult(row.client_uuid, DUPLICATE, "retry")
            continue
        seen_uuid.add(row.client_uuid)
        if row.identity_key in seen_key:
            later.append(row)
            continue
        seen_key.add(row.identity_key)
        to_insert.append(row)

    # One order for every writer: concurrent batches sharing people cannot deadlock.
    to_insert.sort(key=lambda r: r.identity_key)
    params = sql.insert_params(
        to_insert,
        session_point=session_point,
        actor_id=actor.pk if actor is not None else None,
        now=timezone.now(),
    )
    postgresql = connection.vendor == "postgresql"
    if postgresql:
        params.append(session_point.pk)
    with _nothing() if postgresql else transaction.atomic():
        inserted: set[uuid.UUID] = set()
        if to_insert:
            with connection.cursor() as cursor:
                cursor.execute(sql.insert_sql(connection.vendor), params)
                inserted = {as_uuid(r[0]) for r in cursor.fetchall()}
        if inserted and not postgresql:
            SessionPoint.objects.filter(pk=session_point.pk).update(
                checkin_count=F("checkin_count") + len(inserted)
            )
    # Committed. What was not inserted is classified against committed rows; the flags
    # are idempotent on the item's client_uuid, so a failure here is fixed by the retry.
    leftover = [r for r in to_insert if r.client_uuid not in inserted] + later
    if leftover and getattr(session_point, "from_recent", False):
        _still_writable(session_point)
    for row in to_insert:
        if row.client_uuid in inserted:
            results[row.index] = ItemResult(row.client_uuid, CREATED)
    if leftover:
        classify(leftover, session=session, session_point=session_point, results=results)
    if inserted:
        session_point.checkin_count += len(inserted)
    for row in rows:
        if row.name_masked and results[row.index].status != REJECTED:
            results[row.index].name_masked = row.name_masked
    return [results[i] for i in range(len(items))]


def _still_writable(session_point: SessionPoint) -> None:
    """For a session point remembered from a moment ago: the INSERT's guard refused to write
    if the session was cancelled or the point left it since; say so instead of classifying."""
    status = (
        ClassSession.objects.filter(points__pk=session_point.pk)
        .values_list("status", flat=True)
        .first()
    )
    if status is None:
        raise CheckInErrors.POINT_NOT_IN_SESSION.error()
    if status == SessionStatus.CANCELLED:
        raise CheckInErrors.SESSION_CANCELLED.error()


def checkin_self(
    *,
    point_code: str,
    full_name: str,
    birth_year: int | None,
    phone: str,
    village_code: str,
    client_uuid: uuid.UUID,
) -> ItemResult:
    """A citizen checks in by scanning the point's poster QR code (no account).

    The session is the point's session live now (from an hour before it starts to an hour
    after it ends). Raises NotFound for an unknown code, Conflict ``no_live_session`` when
    nothing is live, InvalidInput naming the field for a bad name, phone or year.
    """
    point = BridgePoint.objects.filter(self_checkin_code=point_code, is_active=True).first()
    if point is None:
        raise CheckInErrors.QR_POINT_NOT_FOUND.error()
    session_point = self_checkin_session_point(point=point)
    if session_point is None:
        raise CheckInErrors.NO_LIVE_SESSION.error()
    # The citizen's own typing errors, with the field they are about.
    parse_identity(full_name=full_name, birth_year=birth_year, phone=phone)
    village_code = (village_code or "").strip()
    if not phone and not village_code:
        village_code = Area.objects.filter(pk=point.village_id).values_list("code", flat=True)[0]
    item = CheckInItem(
        client_uuid=client_uuid,
        method=CheckInMethod.SELF,
        phone=phone or "",
        full_name=full_name,
        birth_year=birth_year,
        village_code=village_code,
    )
    result = checkins_record(actor=None, session_point=session_point, items=[item])[0]
    if result.status == REJECTED:
        reason = CheckInReasons.by_code(result.reason)
        if reason == CheckInReasons.IDENTITY_MISSING:
            raise reason.error(
                _("Hãy nhập số điện thoại, hoặc năm sinh của bạn."),
                details={"field": "birth_year"},
            )
        raise reason.error()
    return result


# --------------------------------------------------------------------------- point status


def _event_time(at: dt.datetime | None, *, session_point: SessionPoint) -> dt.datetime:
    """When a point was opened, alive or closed: now, or ``at`` as a console sent it.

    ``at`` must be aware, at most ``FUTURE_TOLERANCE`` ahead of the server's clock (a time
    far ahead would keep the point from ever counting as silent) and not before the local
    day of the session (InvalidInput ``at_invalid``).
    """
    now = timezone.now()
    if at is None:
        return now
    local_day = timezone.localtime(
        session_point.session.starts_at, timezone.get_default_timezone()
    ).date()
    day_start = timezone.make_aware(
        dt.datetime.combine(local_day, dt.time.min), timezone.get_default_timezone()
    )
    if timezone.is_naive(at) or at > now + FUTURE_TOLERANCE or at < day_start:
        raise CheckInErrors.AT_INVALID.error()
    return at


def point_open(
    *, actor: User, session_point: SessionPoint, at: dt.datetime | None = None
) -> SessionPoint:
    """The operator opens the point: the first opening time is kept (idempotent).

    ``at`` (an offline console sends it later): see ``_event_time``.
    """
    at = _event_time(at, session_point=session_point)
    SessionPoint.objects.filter(pk=session_point.pk, opened_at__isnull=True).update(opened_at=at)
    SessionPoint.objects.filter(pk=session_point.pk).filter(
        Q(last_heartbeat_at__isnull=True) | Q(last_heartbeat_at__lt=at)
    ).update(last_heartbeat_at=at)
    session_point.refresh_from_db(fields=["opened_at", "last_heartbeat_at", "closed_at"])
    return session_point


def point_heartbeat(
    *, actor: User, session_point: SessionPoint, at: dt.datetime | None = None
) -> SessionPoint:
    """The console is alive. A heartbeat also opens a point that never said so."""
    return point_open(actor=actor, session_point=session_point, at=at)


def point_close(
    *, actor: User, session_point: SessionPoint, at: dt.datetime | None = None
) -> SessionPoint:
    """The operator closes the point: the first closing time is kept (idempotent)."""
    at = _event_time(at, session_point=session_point)
    SessionPoint.objects.filter(pk=session_point.pk, opened_at__isnull=True).update(opened_at=at)
    SessionPoint.objects.filter(pk=session_point.pk, closed_at__isnull=True).update(closed_at=at)
    session_point.refresh_from_db(fields=["opened_at", "last_heartbeat_at", "closed_at"])
    return session_point


def headcount_record(
    *,
    actor: User | None,
    session_point: SessionPoint,
    count: int,
    counted_at: dt.datetime,
    client_uuid: uuid.UUID,
) -> tuple[Headcount, bool]:
    """Store a headcount (idempotent on ``client_uuid``); the latest ``counted_at`` wins."""
    if not isinstance(count, int) or not 0 <= count <= 100_000:
        raise CheckInErrors.COUNT_INVALID.error()
    if timezone.is_naive(counted_at) or counted_at > timezone.now() + FUTURE_TOLERANCE:
        raise CheckInErrors.COUNTED_AT_INVALID.error()
    existing = Headcount.objects.filter(client_uuid=client_uuid).first()
    if existing is not None:
        if existing.session_point_id != session_point.pk:
            raise CheckInErrors.CLIENT_UUID_REUSED.error()
        return existing, False
    with transaction.atomic():
        headcount, created = Headcount.objects.get_or_create(
            client_uuid=client_uuid,
            defaults={
                "session_point": session_point,
                "count": count,
                "counted_at": counted_at,
                "recorded_by": actor if getattr(actor, "pk", None) else None,
            },
        )
        if created:
            SessionPoint.objects.filter(pk=session_point.pk).filter(
                Q(headcount_at__isnull=True) | Q(headcount_at__lte=counted_at)
            ).update(headcount=count, headcount_at=counted_at)
    session_point.refresh_from_db(fields=["headcount", "headcount_at"])
    return headcount, created
