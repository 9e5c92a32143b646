"""Writes of the classes app on the check-in hot path: check-ins, headcounts, point status.

``checkins_record`` is the one way check-ins are stored (single, batch, self check-in,
offline upload, paper sheets). It runs a fixed number of queries whatever the batch size:

1. one ``INSERT … SELECT … ON CONFLICT DO NOTHING RETURNING client_uuid`` of the whole
   batch (PostgreSQL and SQLite ≥ 3.35), the rows passed as one JSON parameter, the known
   ``Person`` linked by a sub-select on its identity key, and the point's
   ``checkin_count`` moved by the number inserted: on PostgreSQL in the same statement
   (a data-modifying CTE, atomic on its own), on SQLite in the same transaction;
2. only when something was not inserted: one ``SELECT`` classifying it (a retry of a
   stored item, the same person already checked in here, or at another point) and one
   insert of the ``CheckInFlag`` rows (idempotent on the item's client_uuid).

What the response acknowledges as created is committed; a retry of anything else is safe.
"""

import contextlib
import datetime as dt
import functools
import json
import operator
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from binhdan.accounts.models import User
from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import scope_paths
from binhdan.accounts.services import token_point_id
from binhdan.areas.models import Area
from binhdan.classes.models import (
    BridgePoint,
    CheckIn,
    CheckInFlag,
    CheckInMethod,
    ClassSession,
    Headcount,
    SessionPoint,
    SessionStatus,
)
from binhdan.core.errors import Conflict, DomainError, InvalidInput, NotFound, OutsideScope
from binhdan.core.recent import RecentlyChecked
from binhdan.core.text import clean
from binhdan.people.cards import card_person_id
from binhdan.people.identity import identity_key_for, normalize_phone, parse_cccd
from binhdan.people.models import Person
from binhdan.people.privacy import mask_name

MAX_BATCH = 1000
FUTURE_TOLERANCE = dt.timedelta(minutes=5)
PAST_TOLERANCE = dt.timedelta(days=1)
SELF_CHECKIN_MARGIN = dt.timedelta(hours=1)
METHODS = frozenset(CheckInMethod.values)

CREATED = "created"
DUPLICATE = "duplicate"
REJECTED = "rejected"


@dataclass
class CheckInItem:
    client_uuid: uuid.UUID
    method: str
    checked_in_at: dt.datetime | None = None
    phone: str = ""
    cccd: str = ""
    full_name: str = ""
    birth_year: int | None = None
    village_code: str = ""
    card: str = ""


@dataclass
class ItemResult:
    client_uuid: uuid.UUID
    status: str  # "created" | "duplicate" | "rejected"
    reason: str = ""
    # A phone check-in without a name answered for a known person: who it was, masked
    # ("Nguyễn V*** A***"), so the operator can tell the right person came.
    name_masked: str = ""


@dataclass
class _Row:
    """A validated item ready for the INSERT."""

    index: int
    client_uuid: uuid.UUID
    identity_key: str
    full_name: str
    birth_year: int | None
    method: str
    checked_in_at: dt.datetime
    person_id: int | None = None
    village_id: int | None = None
    name_masked: str = ""


# --------------------------------------------------------------------------- access


# Session points this worker let an actor write to a moment ago: (actor, session, point) ->
# the row of _session_point_sql. See session_point_for_write(recent=True).
_recent_session_points = RecentlyChecked()


def _operates_point(user: User, point_id: int) -> bool:
    return BridgePoint.operators.through.objects.filter(
        bridgepoint_id=point_id, user_id=user.pk
    ).exists()


def _can_write_at(user: User, area_path: str) -> bool:
    paths = scope_paths(user=user, action=Action.CHECKIN_WRITE)
    return paths is None or any(area_path.startswith(p) for p in paths)


def _session_point_sql() -> str:
    through = BridgePoint.operators.through._meta.db_table
    return (
        "SELECT sp.id, sp.area_path, sp.opened_at, sp.last_heartbeat_at, sp.closed_at, "  # noqa: S608
        "sp.checkin_count, sp.headcount, sp.headcount_at, "
        "s.kind, s.title, s.area_id, s.area_path, s.starts_at, s.ends_at, s.status, "
        f"EXISTS (SELECT 1 FROM {through} o WHERE o.bridgepoint_id = sp.point_id "
        "AND o.user_id = %s) "
        f"FROM {SessionPoint._meta.db_table} sp "
        f"JOIN {ClassSession._meta.db_table} s ON s.id = sp.session_id "
        "WHERE sp.session_id = %s AND sp.point_id = %s"
    )


def _session_point_row(*, actor_id: int, session_id: int, point_id: int) -> tuple | None:
    """The session point with what the check-in path needs of its session, in one query.

    Raw SQL: the ORM spent longer compiling the joined query than the database answering.
    """
    with connection.cursor() as cursor:
        cursor.execute(_session_point_sql(), [actor_id, session_id, point_id])
        return cursor.fetchone()


def _session_point_from_row(row: tuple, *, session_id: int, point_id: int) -> SessionPoint:
    when = _db_datetime
    session = ClassSession(
        pk=session_id,
        kind=row[8],
        title=row[9],
        area_id=row[10],
        area_path=row[11],
        starts_at=when(row[12]),
        ends_at=when(row[13]),
        status=row[14],
    )
    session_point = SessionPoint(
        pk=row[0],
        session=session,
        point_id=point_id,
        area_path=row[1],
        opened_at=when(row[2]),
        last_heartbeat_at=when(row[3]),
        closed_at=when(row[4]),
        checkin_count=row[5],
        headcount=row[6],
        headcount_at=when(row[7]),
    )
    for instance in (session, session_point):
        instance._state.adding = False
        instance._state.db = connection.alias
    session_point.actor_operates = bool(row[15])
    return session_point


def _db_datetime(value) -> dt.datetime | None:
    """A datetime column from a raw cursor: aware on PostgreSQL, naive UTC on SQLite."""
    if value is None:
        return None
    if not isinstance(value, dt.datetime):
        value = parse_datetime(value)
    return value if timezone.is_aware(value) else value.replace(tzinfo=dt.UTC)


def session_point_for_write(
    *, actor: User, session_id: int, point_id: int, recent: bool = False
) -> SessionPoint:
    """The session point ``actor`` may write check-ins for, in one query on the hot path.

    NotFound when the session or point does not exist; OutsideScope when the actor neither
    operates the point nor holds ``checkin.write`` over its village, when the point does
    not take part in the session (``point_not_in_session``), or when the actor came with a
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
        raise OutsideScope(
            _("Mã truy cập của thiết bị này chỉ dùng cho điểm cầu của nó."),
            code="token_not_allowed",
            details={"field": "point_id"},
        )
    key = (actor.pk, session_id, point_id)
    remembered = _recent_session_points.get(key) if recent else None
    if remembered is not None:
        found = _session_point_from_row(remembered, session_id=session_id, point_id=point_id)
        found.from_recent = True
        return found
    row = _session_point_row(actor_id=actor.pk, session_id=session_id, point_id=point_id)
    if row is not None:
        session_point = _session_point_from_row(row, session_id=session_id, point_id=point_id)
        if not (session_point.actor_operates or _can_write_at(actor, session_point.area_path)):
            raise OutsideScope()
        if recent:
            _recent_session_points.remember(key, row)
        return session_point
    point = BridgePoint.objects.filter(pk=point_id).only("pk", "area_path").first()
    if point is None:
        raise NotFound(_("Không tìm thấy điểm cầu."), code="point_not_found")
    if not ClassSession.objects.filter(pk=session_id).exists():
        raise NotFound(_("Không tìm thấy buổi học."), code="session_not_found")
    if not (_operates_point(actor, point.pk) or _can_write_at(actor, point.area_path)):
        raise OutsideScope()
    raise _point_not_in_session()


def _point_not_in_session() -> OutsideScope:
    return OutsideScope(
        _("Điểm cầu này không tham gia buổi học này."),
        code="point_not_in_session",
        details={"field": "point_id"},
    )


def _session_cancelled() -> Conflict:
    return Conflict(_("Buổi học đã bị hủy."), code="session_cancelled")


# --------------------------------------------------------------------------- identity


# Vietnamese mobile numbers as typed at a check-in desk ("0912 345 678"): prefixes where
# every 10-digit number is valid (tests/classes/test_checkin_services.py compares the result
# with phonenumbers). Anything else goes through ``normalize_phone``: 5x faster per item.
_MOBILE = re.compile(r"0(?:3[0-9]|5[1689]|7[06-9]|8[1-8]|9[0-8])[0-9]{7}")
_PHONE_SEPARATORS = re.compile(r"[ .\-]")


def phone_e164(raw: str) -> str:
    """``normalize_phone`` with a fast path for plain Vietnamese mobile numbers."""
    compact = _PHONE_SEPARATORS.sub("", raw)
    if _MOBILE.fullmatch(compact):
        return "+84" + compact[1:]
    return normalize_phone(raw)


def _fail(reason: str) -> DomainError:
    return InvalidInput(code=reason)


def _identity(
    item: CheckInItem, *, villages: dict[str, int] | None
) -> tuple[str, str, int | None, int | None, str]:
    """(identity_key, full_name, birth_year, village_id, phone) of a non-card item, or
    InvalidInput(reason).

    A phone check-in without a name comes back with an empty key and its phone in E.164:
    ``_validate`` looks the phone up among the people of the point's commune.
    """
    full_name = clean(item.full_name)[:200]
    birth_year = item.birth_year
    if birth_year is not None and not (1900 <= birth_year <= timezone.now().year):
        raise _fail("birth_year_invalid")
    method = item.method
    cccd = None
    phone = ""
    if item.cccd:
        try:
            cccd = parse_cccd(item.cccd, birth_year=birth_year)
        except InvalidInput as exc:
            raise _fail("cccd_invalid") from exc
        birth_year = birth_year or cccd.birth_year
    elif method == CheckInMethod.CCCD:
        raise _fail("cccd_required")
    if cccd is None and item.phone:
        try:
            phone = phone_e164(item.phone)
        except InvalidInput as exc:
            raise _fail("phone_invalid") from exc
        if not full_name:
            if method == CheckInMethod.PHONE:
                return "", "", birth_year, None, phone
            raise _fail("full_name_required")
    elif cccd is None and method == CheckInMethod.PHONE:
        raise _fail("phone_required")
    village_code = (item.village_code or "").strip()
    # The village a person gave is kept when it is one of the commune's (villages is None
    # only when no item of the batch named one).
    village_id = villages.get(village_code) if villages and village_code else None
    if cccd is None and not phone:
        if not (full_name and birth_year and village_code):
            raise _fail("identity_missing")
        if villages is not None and village_id is None:
            raise _fail("village_invalid")
    else:
        village_code = ""
    key = identity_key_for(
        cccd=cccd,
        phone_e164=phone,
        full_name=full_name,
        birth_year=birth_year,
        village_code=village_code,
    )
    return key, full_name, birth_year, village_id, ""


def _commune_prefix(session_point: SessionPoint) -> str:
    return "/".join(session_point.area_path.split("/")[:2]) + "/"


def _commune_villages(session_point: SessionPoint) -> dict[str, int]:
    """{village code: id} of the point's commune: validates a typed village and gives the id
    stored on the check-in, in one query."""
    return dict(
        Area.objects.filter(
            path__startswith=_commune_prefix(session_point), level=Area.Level.VILLAGE
        ).values_list("code", "pk")
    )


def _people_by_phone(session_point: SessionPoint, phones: set[str]) -> dict[str, list[dict]]:
    """Known people of the point's commune with these phones: {phone: [person, …]}.

    Only the commune's people: a phone alone must not find (and name, even masked) someone
    registered anywhere in the country.
    """
    found: dict[str, list[dict]] = {}
    for person in Person.objects.filter(
        phone__in=phones, area_path__startswith=_commune_prefix(session_point)
    ).values("pk", "phone", "identity_key", "full_name", "birth_year", "village_id"):
        found.setdefault(person["phone"], []).append(person)
    return found


def _validate(
    items: Sequence[CheckInItem], *, session: ClassSession, session_point: SessionPoint
) -> tuple[list[_Row], dict[int, ItemResult]]:
    now = timezone.now()
    earliest = session.starts_at - PAST_TOLERANCE
    latest = now + FUTURE_TOLERANCE
    rows: list[_Row] = []
    rejected: dict[int, ItemResult] = {}
    villages = None
    if any(i.village_code and not (i.cccd or i.card) for i in items):
        # The village of the name + birth year method must be one of the point's commune;
        # a valid one is stored on the check-in (with a phone too: a self check-in).
        villages = _commune_villages(session_point)
    cards: dict[int, int] = {}
    phones: dict[int, str] = {}
    for index, item in enumerate(items):
        try:
            if not isinstance(item.client_uuid, uuid.UUID):
                raise _fail("client_uuid_invalid")
            if item.method not in METHODS:
                raise _fail("method_invalid")
            at = item.checked_in_at or now
            if timezone.is_naive(at) or at > latest or at < earliest:
                raise _fail("checked_in_at_invalid")
            if item.method == CheckInMethod.QR_CARD or item.card:
                try:
                    cards[index] = card_person_id(item.card)
                except InvalidInput as exc:
                    raise _fail("card_invalid") from exc
                rows.append(_Row(index, item.client_uuid, "", "", None, item.method, at))
                continue
            key, full_name, birth_year, village_id, phone = _identity(item, villages=villages)
            if phone:
                phones[index] = phone
            rows.append(
                _Row(
                    index,
                    item.client_uuid,
                    key,
                    full_name,
                    birth_year,
                    item.method,
                    at,
                    village_id=village_id,
                )
            )
        except InvalidInput as exc:
            rejected[index] = ItemResult(item.client_uuid, REJECTED, exc.code)
    if cards:
        people = {
            p["pk"]: p
            for p in Person.objects.filter(pk__in=set(cards.values())).values(
                "pk", "identity_key", "full_name", "birth_year"
            )
        }
        kept = []
        for row in rows:
            if row.index not in cards:
                kept.append(row)
                continue
            person = people.get(cards[row.index])
            if person is None:
                rejected[row.index] = ItemResult(row.client_uuid, REJECTED, "card_invalid")
                continue
            row.identity_key = person["identity_key"]
            row.full_name = person["full_name"]
            row.birth_year = person["birth_year"]
            row.person_id = person["pk"]
            kept.append(row)
        rows = kept
    if phones:
        rows = _resolve_phones(rows, phones, session_point=session_point, rejected=rejected)
    return rows, rejected


def _resolve_phones(
    rows: list[_Row],
    phones: dict[int, str],
    *,
    session_point: SessionPoint,
    rejected: dict[int, ItemResult],
) -> list[_Row]:
    """Phone check-ins without a name: the one known person of the commune with that phone.

    Nobody known: ``full_name_required``; several people share the phone (a couple):
    ``phone_shared``, the operator asks for the name. The answer names the person masked only.
    """
    people = _people_by_phone(session_point, set(phones.values()))
    kept = []
    for row in rows:
        if row.index not in phones:
            kept.append(row)
            continue
        found = people.get(phones[row.index], [])
        if len(found) != 1:
            reason = "phone_shared" if found else "full_name_required"
            rejected[row.index] = ItemResult(row.client_uuid, REJECTED, reason)
            continue
        person = found[0]
        row.identity_key = person["identity_key"]
        row.full_name = person["full_name"]
        row.birth_year = person["birth_year"]
        row.person_id = person["pk"]
        row.name_masked = mask_name(person["full_name"])
        kept.append(row)
    return kept


# --------------------------------------------------------------------------- the hot path


_COLUMNS = (
    "session_id, point_id, area_path, identity_key, person_id, full_name, birth_year, "
    "village_id, method, client_uuid, checked_in_at, received_at, recorded_by_id"
)


@functools.cache
def _insert_sql(vendor: str) -> str:
    """One INSERT of every row of the batch, the rows passed as one JSON array parameter.

    A JSON parameter instead of ``VALUES (%s, …), (%s, …)``: psycopg parses every
    placeholder of a query it has not cached (long texts are never cached), which cost
    more than the insert itself for a batch of 250. ``WHERE true`` lets SQLite tell the
    upsert clause from a join. Only table names from the models reach the text.
    """
    table = CheckIn._meta.db_table
    person = Person._meta.db_table
    points = SessionPoint._meta.db_table
    sessions = ClassSession._meta.db_table

    def cast(expression: str, pg_type: str) -> str:
        return f"CAST({expression} AS {pg_type})" if vendor == "postgresql" else expression

    if vendor == "postgresql":
        source = (
            "json_to_recordset(%s::json) AS x("
            "k text, p bigint, n text, y integer, v bigint, m text, u uuid, t timestamptz)"
        )
        k, p, n, y, v, m, u, t = "x.k", "x.p", "x.n", "x.y", "x.v", "x.m", "x.u", "x.t"
    else:
        source = "json_each(%s) AS x"
        k, p, n, y, v, m, u, t = (f"json_extract(x.value, '$.{c}')" for c in "kpnyvmut")
    insert = (
        f"INSERT INTO {table} ({_COLUMNS}) "  # noqa: S608
        f"SELECT {cast('%s', 'bigint')}, {cast('%s', 'bigint')}, %s, {k}, "
        f"COALESCE({p}, (SELECT pp.id FROM {person} pp WHERE pp.identity_key = {k})), "
        f"{n}, {y}, {v}, {m}, {u}, {t}, {cast('%s', 'timestamptz')}, {cast('%s', 'bigint')} "
        f"FROM {source} WHERE EXISTS (SELECT 1 FROM {points} gp JOIN {sessions} gs "
        f"ON gs.id = gp.session_id WHERE gp.id = {cast('%s', 'bigint')} "
        f"AND gs.status <> '{SessionStatus.CANCELLED}') "
        "ON CONFLICT DO NOTHING RETURNING client_uuid"
    )
    if vendor != "postgresql":
        return insert
    # PostgreSQL: the point's counter moves in the same statement (atomic on its own, so
    # no BEGIN/COMMIT round trips on the single check-in path).
    return (
        f"WITH ins AS ({insert}), "  # noqa: S608
        f"upd AS (UPDATE {points} SET checkin_count = checkin_count + "
        "(SELECT count(*) FROM ins) WHERE id = %s AND EXISTS (SELECT 1 FROM ins)) "
        "SELECT client_uuid FROM ins"
    )


def _insert_params(
    rows: list["_Row"], *, session_point: SessionPoint, actor_id: int | None, now: dt.datetime
) -> list:
    if connection.vendor == "postgresql":
        db_uuid, db_time = str, dt.datetime.isoformat
    else:  # what Django stores on SQLite: 32 hex digits, naive UTC text
        db_uuid, db_time = operator.attrgetter("hex"), connection.ops.adapt_datetimefield_value
    payload = json.dumps(
        [
            {
                "k": row.identity_key,
                "p": row.person_id,
                "n": row.full_name,
                "y": row.birth_year,
                "v": row.village_id,
                "m": row.method,
                "u": db_uuid(row.client_uuid),
                "t": db_time(row.checked_in_at),
            }
            for row in rows
        ],
        ensure_ascii=False,
    )
    received = CheckIn._meta.get_field("received_at").get_db_prep_value(now, connection)
    return [
        session_point.session_id,
        session_point.point_id,
        session_point.area_path,
        received,
        actor_id,
        payload,
        session_point.pk,
    ]


@contextlib.contextmanager
def _nothing():
    yield


def _as_uuid(value) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def checkins_record(
    *, actor: User | None, session_point: SessionPoint, items: Sequence[CheckInItem]
) -> list[ItemResult]:
    """Store check-ins at ``session_point``; one result per item, in the items' order.

    ``actor`` must already be allowed to write there (``session_point_for_write``);
    ``None`` for a citizen's self check-in. Idempotent on each item's ``client_uuid``.
    """
    if len(items) > MAX_BATCH:
        raise InvalidInput(
            _("Mỗi lần gửi tối đa %(n)s lượt điểm danh.") % {"n": MAX_BATCH},
            code="batch_too_large",
            details={"field": "items"},
        )
    session = session_point.session
    if session.status == SessionStatus.CANCELLED:
        raise _session_cancelled()
    rows, results = _validate(items, session=session, session_point=session_point)

    # Inside the batch: the first item of a client_uuid or of a person is the one inserted.
    to_insert: list[_Row] = []
    later: list[_Row] = []
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
    params = _insert_params(
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
                cursor.execute(_insert_sql(connection.vendor), params)
                inserted = {_as_uuid(r[0]) for r in cursor.fetchall()}
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
        _classify(leftover, session=session, session_point=session_point, results=results)
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
        raise _point_not_in_session()
    if status == SessionStatus.CANCELLED:
        raise _session_cancelled()


def _classify(
    leftover: list[_Row],
    *,
    session: ClassSession,
    session_point: SessionPoint,
    results: dict[int, ItemResult],
) -> None:
    """Why items were not inserted: a retry, the same person here, or at another point."""
    uuids = {r.client_uuid for r in leftover}
    keys = {r.identity_key for r in leftover}
    # Two plain index lookups (client_uuid; identity_key, the leading column of the
    # once-per-session index). An OR with the session id let PostgreSQL pick the session
    # index on stale statistics mid-wave and scan every check-in of the session.
    by_uuid = {
        _as_uuid(u)
        for u in CheckIn.objects.filter(client_uuid__in=uuids).values_list("client_uuid", flat=True)
    }
    by_key: dict[str, tuple[int, int]] = {}
    same_person = CheckIn.objects.filter(identity_key__in=keys).values_list(
        "pk", "session_id", "identity_key", "point_id"
    )
    for pk, session_id, key, point_id in same_person:
        if session_id == session.pk:
            by_key[key] = (pk, point_id)
    flags = []
    for row in leftover:
        if row.client_uuid in by_uuid:
            results[row.index] = ItemResult(row.client_uuid, DUPLICATE, "retry")
            continue
        found = by_key.get(row.identity_key)
        if found is None:  # cannot happen inside the transaction; never acknowledge it
            results[row.index] = ItemResult(row.client_uuid, REJECTED, "conflict")
            continue
        checkin_id, point_id = found
        if point_id == session_point.point_id:
            results[row.index] = ItemResult(row.client_uuid, DUPLICATE, "already_checked_in")
        else:
            flags.append(
                CheckInFlag(
                    session_id=session.pk,
                    checkin_id=checkin_id,
                    other_point_id=session_point.point_id,
                    client_uuid=row.client_uuid,
                )
            )
            results[row.index] = ItemResult(row.client_uuid, DUPLICATE, "seen_at_other_point")
    if flags:
        CheckInFlag.objects.bulk_create(flags, ignore_conflicts=True)


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
        raise NotFound(_("Không tìm thấy điểm cầu của mã QR này."), code="point_not_found")
    now = timezone.now()
    session_point = (
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
    if session_point is None:
        raise Conflict(
            _("Hiện không có buổi học nào tại điểm cầu này. Hãy điểm danh khi buổi học diễn ra."),
            code="no_live_session",
        )
    if not clean(full_name):
        raise InvalidInput(
            _("Hãy nhập họ và tên."), code="full_name_required", details={"field": "full_name"}
        )
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
        field = {
            "phone_invalid": "phone",
            "birth_year_invalid": "birth_year",
            "identity_missing": "birth_year",
            "village_invalid": "village_code",
            "full_name_required": "full_name",
        }.get(result.reason, "full_name")
        message = {
            "phone_invalid": _("Số điện thoại không hợp lệ: hãy nhập 10 số, ví dụ 0912 345 678."),
            "birth_year_invalid": _("Năm sinh không hợp lệ."),
            "identity_missing": _("Hãy nhập số điện thoại, hoặc năm sinh của bạn."),
            "village_invalid": _("Thôn không thuộc xã của điểm cầu này."),
        }.get(result.reason, _("Thông tin điểm danh không hợp lệ."))
        raise InvalidInput(message, code=result.reason, details={"field": field})
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
        raise InvalidInput(
            _(
                "Thời điểm không hợp lệ: phải có múi giờ, không ở tương lai và không trước "
                "ngày diễn ra buổi học."
            ),
            code="at_invalid",
            details={"field": "at"},
        )
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
        raise InvalidInput(
            _("Số người phải từ 0 đến 100.000."), code="count_invalid", details={"field": "count"}
        )
    if timezone.is_naive(counted_at) or counted_at > timezone.now() + FUTURE_TOLERANCE:
        raise InvalidInput(
            _("Thời điểm đếm không hợp lệ."),
            code="counted_at_invalid",
            details={"field": "counted_at"},
        )
    existing = Headcount.objects.filter(client_uuid=client_uuid).first()
    if existing is not None:
        if existing.session_point_id != session_point.pk:
            raise Conflict(code="client_uuid_reused", details={"field": "client_uuid"})
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
