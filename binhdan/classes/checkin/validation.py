"""Check-in items: what a console sends, what it gets back, and the validation between.

Identity fields go through ``people.identity.parse_identity`` (the one parser); what a
check-in requires beyond it (a CCCD for the CCCD method, a village of the point's commune
for the name + birth year method, …) is decided here. A rejected item's ``reason`` is a
code of ``classes.errors.CheckInReasons``.
"""

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import timezone

from binhdan.areas.models import Area
from binhdan.areas.paths import commune_path
from binhdan.classes.errors import CheckInReasons
from binhdan.classes.models import CheckInMethod, ClassSession, SessionPoint
from binhdan.core.errors import InvalidInput
from binhdan.people.cards import card_person_id
from binhdan.people.identity import parse_identity
from binhdan.people.models import Person
from binhdan.people.privacy import mask_name

FUTURE_TOLERANCE = dt.timedelta(minutes=5)
PAST_TOLERANCE = dt.timedelta(days=1)
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
class Row:
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


def _identity(
    item: CheckInItem, *, villages: dict[str, int] | None
) -> tuple[str, str, int | None, int | None, str]:
    """(identity_key, full_name, birth_year, village_id, phone) of a non-card item, or
    InvalidInput(reason).

    A phone check-in without a name comes back with an empty key and its phone in E.164:
    ``validate`` looks the phone up among the people of the point's commune.
    """
    method = item.method
    has_cccd = bool((item.cccd or "").strip())
    try:
        # A CCCD is the identity: a phone typed beside it is not read.
        identity = parse_identity(
            full_name=item.full_name,
            birth_year=item.birth_year,
            phone="" if has_cccd else item.phone,
            cccd=item.cccd,
            name_required=False,
        )
    except InvalidInput as exc:
        raise _rejection(exc) from exc
    full_name, birth_year, phone = identity.full_name, identity.birth_year, identity.phone_e164
    if identity.cccd is None and method == CheckInMethod.CCCD:
        raise CheckInReasons.CCCD_REQUIRED.error()
    if phone and not full_name:
        if method == CheckInMethod.PHONE:
            return "", "", birth_year, None, phone
        raise CheckInReasons.NAME_REQUIRED.error()
    if identity.cccd is None and not phone and method == CheckInMethod.PHONE:
        raise CheckInReasons.PHONE_REQUIRED.error()
    village_code = (item.village_code or "").strip()
    # The village a person gave is kept when it is one of the commune's (villages is None
    # only when no item of the batch named one).
    village_id = villages.get(village_code) if villages and village_code else None
    if identity.cccd is None and not phone:
        if not (full_name and birth_year and village_code):
            raise CheckInReasons.IDENTITY_MISSING.error()
        if villages is not None and village_id is None:
            raise CheckInReasons.VILLAGE_INVALID.error()
    else:
        village_code = ""
    return identity.key(village_code=village_code), full_name, birth_year, village_id, ""


def _rejection(exc: InvalidInput) -> InvalidInput:
    """The check-in reason of an identity error: any CCCD error is ``cccd_invalid``."""
    if exc.code.startswith("cccd_"):
        return CheckInReasons.CCCD_INVALID.error()
    return CheckInReasons.by_code(exc.code).error()


def _commune_villages(session_point: SessionPoint) -> dict[str, int]:
    """{village code: id} of the point's commune: validates a typed village and gives the id
    stored on the check-in, in one query."""
    return dict(
        Area.objects.filter(
            path__startswith=commune_path(session_point.area_path), level=Area.Level.VILLAGE
        ).values_list("code", "pk")
    )


def _people_by_phone(session_point: SessionPoint, phones: set[str]) -> dict[str, list[dict]]:
    """Known people of the point's commune with these phones: {phone: [person, …]}.

    Only the commune's people: a phone alone must not find (and name, even masked) someone
    registered anywhere in the country.
    """
    found: dict[str, list[dict]] = {}
    for person in Person.objects.filter(
        phone__in=phones, area_path__startswith=commune_path(session_point.area_path)
    ).values("pk", "phone", "identity_key", "full_name", "birth_year", "village_id"):
        found.setdefault(person["phone"], []).append(person)
    return found


def validate(
    items: Sequence[CheckInItem], *, session: ClassSession, session_point: SessionPoint
) -> tuple[list[Row], dict[int, ItemResult]]:
    now = timezone.now()
    earliest = session.starts_at - PAST_TOLERANCE
    latest = now + FUTURE_TOLERANCE
    rows: list[Row] = []
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
                raise CheckInReasons.CLIENT_UUID_INVALID.error()
            if item.method not in METHODS:
                raise CheckInReasons.METHOD_INVALID.error()
            at = item.checked_in_at or now
            if timezone.is_naive(at) or at > latest or at < earliest:
                raise CheckInReasons.CHECKED_IN_AT_INVALID.error()
            if item.method == CheckInMethod.QR_CARD or item.card:
                try:
                    cards[index] = card_person_id(item.card)
                except InvalidInput as exc:
                    raise CheckInReasons.CARD_INVALID.error() from exc
                rows.append(Row(index, item.client_uuid, "", "", None, item.method, at))
                continue
            key, full_name, birth_year, village_id, phone = _identity(item, villages=villages)
            if phone:
                phones[index] = phone
            rows.append(
                Row(
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
                rejected[row.index] = ItemResult(
                    row.client_uuid, REJECTED, CheckInReasons.CARD_INVALID.code
                )
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
    rows: list[Row],
    phones: dict[int, str],
    *,
    session_point: SessionPoint,
    rejected: dict[int, ItemResult],
) -> list[Row]:
    """Phone check-ins without a name: the one known person of the commune with that phone.

    Nobody known: ``name_required``; several people share the phone (a couple):
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
            reason = CheckInReasons.PHONE_SHARED if found else CheckInReasons.NAME_REQUIRED
            rejected[row.index] = ItemResult(row.client_uuid, REJECTED, reason.code)
            continue
        person = found[0]
        row.identity_key = person["identity_key"]
        row.full_name = person["full_name"]
        row.birth_year = person["birth_year"]
        row.person_id = person["pk"]
        row.name_masked = mask_name(person["full_name"])
        kept.append(row)
    return kept
