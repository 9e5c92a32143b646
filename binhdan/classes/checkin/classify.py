"""Why check-ins of a batch were not inserted: a retry, the same person here, or at
another point (a ``CheckInFlag`` for review). Runs only when something was not inserted."""

import uuid

from binhdan.classes.checkin.validation import DUPLICATE, REJECTED, ItemResult, Row
from binhdan.classes.errors import CheckInReasons
from binhdan.classes.models import CheckIn, CheckInFlag, ClassSession, SessionPoint


def as_uuid(value) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def classify(
    leftover: list[Row],
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
        as_uuid(u)
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
            results[row.index] = ItemResult(row.client_uuid, REJECTED, CheckInReasons.CONFLICT.code)
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
