"""Check-ins when staff merge two records of one person (``people.merging``).

Check-ins count people by identity key. The duplicate's check-ins take the kept record's
key; where both records checked in to the same session, the person was there once: the
duplicate's row goes, its point's counter drops by one, and when the two rows were at
different points the kept row is flagged, as a live check-in at a second point would be.
"""

import uuid

from django.db.models import F, Q

from binhdan.classes.models import CheckIn, CheckInFlag, SessionPoint


def move_checkins(*, actor, keep, duplicate, report) -> None:
    kept = {
        c.session_id: c
        for c in CheckIn.objects.select_for_update().filter(
            Q(identity_key=keep.identity_key) | Q(person=keep)
        )
    }
    moved = dropped = 0
    for checkin in CheckIn.objects.select_for_update().filter(
        Q(identity_key=duplicate.identity_key) | Q(person=duplicate)
    ):
        if checkin.pk in {c.pk for c in kept.values()}:
            continue
        twin = kept.get(checkin.session_id)
        if twin is None:
            checkin.identity_key = keep.identity_key
            checkin.person = keep
            checkin.save(update_fields=["identity_key", "person"])
            kept[checkin.session_id] = checkin
            moved += 1
            continue
        if checkin.point_id != twin.point_id:
            CheckInFlag.objects.create(
                session_id=checkin.session_id,
                checkin=twin,
                other_point_id=checkin.point_id,
                client_uuid=uuid.uuid4(),
            )
        SessionPoint.objects.filter(
            session_id=checkin.session_id, point_id=checkin.point_id, checkin_count__gt=0
        ).update(checkin_count=F("checkin_count") - 1)
        checkin.delete()
        dropped += 1
    report.add("checkins", moved=moved, dropped=dropped)
