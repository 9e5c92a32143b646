"""Writes of support visits: logged from a member's phone, one or a batch, idempotent on
``client_uuid``, and edited with a check that nobody changed the visit in between.

``visits_record`` runs a fixed number of queries whatever the batch size when visits name
their ``person_id`` (the to-do list gives it): the stored client_uuids in one query, the
persons in one, the villages named in one, the service kinds from a per-process cache, the
visits and their service rows in one bulk insert each, and the to-do effects in bulk
(``todo.todo_apply_visits``). A person registered inline costs its own queries.
"""

import datetime as dt
import time
import uuid
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone

from binhdan.accounts.models import User
from binhdan.areas.models import Area
from binhdan.areas.paths import is_within
from binhdan.core.errors import DomainError
from binhdan.people.models import Person
from binhdan.people.services import person_register
from binhdan.volunteers.access import member_of, team_can_manage
from binhdan.volunteers.errors import VisitErrors
from binhdan.volunteers.models import ServiceKind, SupportVisit, VisitOutcome, Volunteer
from binhdan.volunteers.todo import todo_apply_visits

MAX_BATCH = 1000
MAX_NOTE = 1000
FUTURE_TOLERANCE = dt.timedelta(minutes=10)
MAX_AGE = dt.timedelta(days=60)
KINDS_TTL_SECONDS = 60

CREATED = "created"
DUPLICATE = "duplicate"
REJECTED = "rejected"
UPDATED = "updated"


@dataclass
class VisitItem:
    client_uuid: uuid.UUID
    visited_at: dt.datetime
    outcome: str
    person_id: int | None = None
    person: dict | None = None
    village_code: str = ""
    service_kinds: list[str] = field(default_factory=list)
    note: str = ""


@dataclass
class VisitResult:
    client_uuid: uuid.UUID
    status: str
    visit_id: int | None = None
    updated_at: dt.datetime | None = None
    error: DomainError | None = None

    @property
    def field(self) -> str:
        details = self.error.details if self.error else None
        return details.get("field", "") if isinstance(details, dict) else ""


def member_for_visits(user: User) -> Volunteer:
    """The caller's member record: an active member of an active team, else outside_scope."""
    member = member_of(user)
    if member is None or member.team is None or not member.team.is_active:
        raise VisitErrors.NOT_A_MEMBER.error()
    return member


_kinds: dict[str, int] = {}
_kinds_loaded_at = 0.0


def _forget_service_kinds() -> None:
    global _kinds_loaded_at
    _kinds_loaded_at = 0.0


def _service_kind_ids(codes: list[str]) -> list[int]:
    """The ids of the active kinds ``codes`` names (cached; reloaded on an unknown code)."""
    global _kinds, _kinds_loaded_at
    stale = not _kinds_loaded_at or time.monotonic() - _kinds_loaded_at > KINDS_TTL_SECONDS
    if stale or any(code not in _kinds for code in codes):
        _kinds = dict(ServiceKind.objects.filter(is_active=True).values_list("code", "id"))
        _kinds_loaded_at = time.monotonic()
    if not codes or any(code not in _kinds for code in codes):
        raise VisitErrors.SERVICE_KIND_UNKNOWN.error()
    return sorted({_kinds[code] for code in codes})


def _check(item: VisitItem, now: dt.datetime) -> None:
    """What needs no query (the kinds come from the cache)."""
    at = item.visited_at
    if at.tzinfo is None or at > now + FUTURE_TOLERANCE or at < now - MAX_AGE:
        raise VisitErrors.VISITED_AT_INVALID.error(days=MAX_AGE.days)
    if item.outcome not in VisitOutcome.values:
        raise VisitErrors.OUTCOME_INVALID.error()
    if len(item.note) > MAX_NOTE:
        raise VisitErrors.NOTE_TOO_LONG.error(n=MAX_NOTE)
    if item.person_id is None and item.person is None:
        raise VisitErrors.PERSON_REQUIRED.error()


@dataclass
class _Lookups:
    persons: dict[int, dict]
    villages: dict[str, dict]


def _lookups(items: list[VisitItem]) -> _Lookups:
    ids = {item.person_id for item in items if item.person_id is not None}
    persons = {}
    if ids:
        # A record merged into another is listed nowhere: the phone refreshes its to-do.
        persons = {
            row["id"]: row
            for row in Person.objects.filter(pk__in=ids, merged_into__isnull=True).values(
                "id", "village_id", "area_path"
            )
        }
    codes = {item.village_code for item in items if item.village_code}
    villages = {}
    if codes:
        villages = {
            row["code"]: row
            for row in Area.objects.filter(code__in=codes, level=Area.Level.VILLAGE).values(
                "id", "code", "path"
            )
        }
    return _Lookups(persons=persons, villages=villages)


def _prefixed(exc: DomainError) -> DomainError:
    """An error of the inline person names its field as ``person.<field>``."""
    if isinstance(exc.details, dict) and exc.details.get("field"):
        exc.details = {**exc.details, "field": f"person.{exc.details['field']}"}
    return exc


def _register(item: VisitItem, *, actor: User, team_path: str) -> tuple[int, int, str]:
    """Find or register the inline person (the people services' rules) in the team's
    commune: ``(person_id, village_id, village_path)``."""
    data = dict(item.person)
    code = data.pop("village_code", "") or item.village_code
    village = Area.objects.filter(code=code, level=Area.Level.VILLAGE).first() if code else None
    if village is None or not is_within(village.path, [team_path]):
        raise VisitErrors.VILLAGE_OUTSIDE.error(details={"field": "person.village_code"})
    try:
        person, _created = person_register(actor=actor, village=village, **data)
    except DomainError as exc:
        raise _prefixed(exc) from exc
    return person.pk, person.village_id, person.area_path


def _place(
    item: VisitItem, *, actor: User, team_path: str, lookups: _Lookups
) -> tuple[int, int, str]:
    """The visit's ``(person_id, village_id, area_path)``, within the team's commune."""
    if item.person_id is not None:
        person = lookups.persons.get(item.person_id)
        if person is None or not is_within(person["area_path"], [team_path]):
            raise VisitErrors.PERSON_OUTSIDE.error()
        person_id, village_id, path = item.person_id, person["village_id"], person["area_path"]
    else:
        person_id, village_id, path = _register(item, actor=actor, team_path=team_path)
    if item.village_code:
        village = lookups.villages.get(item.village_code)
        if village is None or not is_within(village["path"], [team_path]):
            raise VisitErrors.VILLAGE_OUTSIDE.error()
        village_id, path = village["id"], village["path"]
    return person_id, village_id, path


def visits_record(*, member: Volunteer, actor: User, items: list[VisitItem]) -> list[VisitResult]:
    """Store a member's visits; one result per item, in input order. One bad item never
    blocks the others. A concurrent upload of the same visits is answered as duplicates."""
    if not 1 <= len(items) <= MAX_BATCH:
        raise VisitErrors.BATCH_TOO_LARGE.error(n=MAX_BATCH)
    try:
        with transaction.atomic():
            return _record(member=member, actor=actor, items=items)
    except IntegrityError:
        # Another request stored some of these client_uuids meanwhile, or a cached kind is
        # gone: read the kinds again and classify the items again.
        _forget_service_kinds()
        with transaction.atomic():
            return _record(member=member, actor=actor, items=items)


def _record(*, member: Volunteer, actor: User, items: list[VisitItem]) -> list[VisitResult]:
    now = timezone.now()
    team = member.team
    results: list[VisitResult | None] = [None] * len(items)
    stored = {
        row["client_uuid"]: row
        for row in SupportVisit.objects.filter(
            client_uuid__in=[item.client_uuid for item in items]
        ).values("client_uuid", "id", "volunteer_id", "updated_at")
    }
    first_of: dict[uuid.UUID, int] = {}
    repeats: list[int] = []
    checked: list[tuple[int, VisitItem, list[int]]] = []
    for index, item in enumerate(items):
        row = stored.get(item.client_uuid)
        if row is not None:
            results[index] = _stored_result(item.client_uuid, row, member)
            continue
        if item.client_uuid in first_of:
            repeats.append(index)
            continue
        first_of[item.client_uuid] = index
        try:
            _check(item, now)
            checked.append((index, item, _service_kind_ids(item.service_kinds)))
        except DomainError as exc:
            results[index] = VisitResult(item.client_uuid, REJECTED, error=exc)

    lookups = _lookups([item for _, item, _ in checked])
    visits: list[SupportVisit] = []
    kinds_of: list[tuple[int, list[int]]] = []
    for index, item, kind_ids in checked:
        try:
            person_id, village_id, path = _place(
                item, actor=actor, team_path=team.area_path, lookups=lookups
            )
        except DomainError as exc:
            results[index] = VisitResult(item.client_uuid, REJECTED, error=exc)
            continue
        visits.append(
            SupportVisit(
                client_uuid=item.client_uuid,
                volunteer=member,
                team=team,
                person_id=person_id,
                village_id=village_id,
                area_path=path,
                visited_at=item.visited_at,
                outcome=item.outcome,
                note=item.note,
                recorded_by=actor,
            )
        )
        kinds_of.append((index, kind_ids))

    if visits:
        SupportVisit.objects.bulk_create(visits)
        through = SupportVisit.services.through
        through.objects.bulk_create(
            [
                through(supportvisit_id=visit.pk, servicekind_id=kind_id)
                for visit, (_, kind_ids) in zip(visits, kinds_of, strict=True)
                for kind_id in kind_ids
            ]
        )
        todo_apply_visits(team_id=team.pk, visits=visits, now=now)
    for visit, (index, _) in zip(visits, kinds_of, strict=True):
        results[index] = VisitResult(visit.client_uuid, CREATED, visit.pk, visit.updated_at)

    for index in repeats:
        first = results[first_of[items[index].client_uuid]]
        if first.status == REJECTED:
            results[index] = first
        else:
            results[index] = VisitResult(
                first.client_uuid, DUPLICATE, first.visit_id, first.updated_at
            )
    return results


def _stored_result(client_uuid: uuid.UUID, row: dict, member: Volunteer) -> VisitResult:
    if row["volunteer_id"] != member.pk:
        return VisitResult(client_uuid, REJECTED, error=VisitErrors.CLIENT_UUID_TAKEN.error())
    return VisitResult(client_uuid, DUPLICATE, row["id"], row["updated_at"])


def visit_as_dict(visit: SupportVisit) -> dict:
    """A stored visit as the phone sends it (a conflict shows it next to the phone's)."""
    return {
        "client_uuid": str(visit.client_uuid),
        "visited_at": visit.visited_at.isoformat(),
        "person_id": visit.person_id,
        "village_code": visit.village.code,
        "service_kinds": sorted(visit.services.values_list("code", flat=True)),
        "outcome": visit.outcome,
        "note": visit.note,
        "updated_at": visit.updated_at.isoformat(),
    }


def _item_as_dict(item: VisitItem, base_updated_at: dt.datetime) -> dict:
    person = item.person and {k: v for k, v in item.person.items() if k != "cccd"}
    return {
        "client_uuid": str(item.client_uuid),
        "visited_at": item.visited_at.isoformat(),
        "person_id": item.person_id,
        "person": person,
        "village_code": item.village_code,
        "service_kinds": item.service_kinds,
        "outcome": item.outcome,
        "note": item.note,
        "base_updated_at": base_updated_at.isoformat(),
    }


def _to_ms(at: dt.datetime) -> dt.datetime:
    """The API writes times to the millisecond: compare what the phone could have seen."""
    return at.replace(microsecond=at.microsecond // 1000 * 1000)


def _may_edit(actor: User, visit: SupportVisit) -> bool:
    if visit.volunteer.user_id == actor.pk and visit.volunteer.is_active:
        return True
    return visit.team is not None and team_can_manage(user=actor, team=visit.team)


@transaction.atomic
def visit_edit(*, actor: User, item: VisitItem, base_updated_at: dt.datetime) -> SupportVisit:
    """Replace a stored visit with the phone's version, unless it changed since the phone
    saw it (``visit_conflict`` with both versions). Only the member who logged it, or a
    manager of its team, may edit it; anyone else is told it does not exist."""
    visit = (
        SupportVisit.objects.select_for_update(of=("self",))
        .select_related("team", "volunteer", "village")
        .filter(client_uuid=item.client_uuid)
        .first()
    )
    if visit is None or not _may_edit(actor, visit):
        raise VisitErrors.VISIT_NOT_FOUND.error()
    if _to_ms(visit.updated_at) != _to_ms(base_updated_at):
        raise VisitErrors.VISIT_CONFLICT.error(
            details={"stored": visit_as_dict(visit), "yours": _item_as_dict(item, base_updated_at)}
        )
    _check(item, timezone.now())
    kind_ids = _service_kind_ids(item.service_kinds)
    team_path = visit.team.area_path if visit.team else visit.volunteer.commune.path
    person_id, village_id, path = _place(
        item, actor=actor, team_path=team_path, lookups=_lookups([item])
    )
    visit.person_id, visit.village_id, visit.area_path = person_id, village_id, path
    visit.visited_at, visit.outcome, visit.note = item.visited_at, item.outcome, item.note
    visit.save()
    visit.services.set(kind_ids)
    if visit.team_id is not None:
        todo_apply_visits(team_id=visit.team_id, visits=[visit], now=timezone.now())
    return visit
