"""The raw SQL of the check-in hot path (see ``checkin.services``).

Raw on purpose: the ORM spent longer compiling these queries than the database answering
them. Only table names from the models reach the text; values are parameters.
"""

import datetime as dt
import functools
import json
import operator

from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from binhdan.classes.checkin.validation import Row
from binhdan.classes.models import BridgePoint, CheckIn, ClassSession, SessionPoint, SessionStatus
from binhdan.people.models import Person


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


def session_point_row(*, actor_id: int, session_id: int, point_id: int) -> tuple | None:
    """The session point with what the check-in path needs of its session, in one query.

    Raw SQL: the ORM spent longer compiling the joined query than the database answering.
    """
    with connection.cursor() as cursor:
        cursor.execute(_session_point_sql(), [actor_id, session_id, point_id])
        return cursor.fetchone()


def session_point_from_row(row: tuple, *, session_id: int, point_id: int) -> SessionPoint:
    when = db_datetime
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


def db_datetime(value) -> dt.datetime | None:
    """A datetime column from a raw cursor: aware on PostgreSQL, naive UTC on SQLite."""
    if value is None:
        return None
    if not isinstance(value, dt.datetime):
        value = parse_datetime(value)
    return value if timezone.is_aware(value) else value.replace(tzinfo=dt.UTC)


_COLUMNS = (
    "session_id, point_id, area_path, identity_key, person_id, full_name, birth_year, "
    "village_id, method, client_uuid, checked_in_at, received_at, recorded_by_id"
)


@functools.cache
def insert_sql(vendor: str) -> str:
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


def insert_params(
    rows: list[Row], *, session_point: SessionPoint, actor_id: int | None, now: dt.datetime
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
