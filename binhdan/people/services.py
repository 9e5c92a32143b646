"""Writes about citizens: registering them, and recognising a learner who comes back."""

import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from binhdan.accounts.models import User
from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import require_permission
from binhdan.areas.models import Area
from binhdan.core.errors import NotFound, OutsideScope
from binhdan.core.text import clean, fold
from binhdan.people.errors import IdentityErrors, PeopleErrors
from binhdan.people.identity import parse_identity
from binhdan.people.models import HouseholdStatus, Person
from binhdan.people.selectors import can_see_sensitive, person_visible_to


@dataclass(frozen=True)
class _Draft:
    """A registration's input, checked and normalised, with its identity key."""

    village: Area
    full_name: str
    birth_year: int | None
    phone_e164: str
    cccd_last4: str
    has_disability: bool
    household_status: str
    sensitive: bool
    identity_key: str


def _person_draft(
    *,
    actor: User | None,
    village: Area,
    full_name: str,
    birth_year: int | None,
    phone: str,
    cccd: str = "",
    has_disability: bool = False,
    household_status: str = "",
    sensitive_consent: bool = False,
) -> _Draft:
    """Check and normalise a registration; the sensitive flags default to none given."""
    if village.level != Area.Level.VILLAGE:
        raise PeopleErrors.VILLAGE_REQUIRED.error()
    if actor is not None:
        require_permission(user=actor, action=Action.PERSON_CREATE, area=village)
    identity = parse_identity(full_name=full_name, birth_year=birth_year, phone=phone, cccd=cccd)

    if household_status not in HouseholdStatus.values:
        raise PeopleErrors.HOUSEHOLD_STATUS_INVALID.error()
    sensitive = bool(has_disability or household_status)
    if sensitive:
        if not sensitive_consent:
            raise PeopleErrors.CONSENT_REQUIRED.error()
        if actor is not None:
            require_permission(user=actor, action=Action.PERSON_VIEW_SENSITIVE, area=village)

    return _Draft(
        village=village,
        full_name=identity.full_name,
        birth_year=identity.birth_year,
        phone_e164=identity.phone_e164,
        cccd_last4=identity.cccd.last4 if identity.cccd else "",
        has_disability=has_disability,
        household_status=household_status,
        sensitive=sensitive,
        identity_key=identity.key(village_code=village.code),
    )


def _person_insert(
    *, draft: _Draft, actor: User | None, client_uuid: uuid.UUID | None
) -> tuple[Person, bool]:
    """Insert the person, or return ``(existing, False)`` when they are already known: by
    the identity key, or by the same phone and folded name under another key (registered
    once with a CCCD and once without, say). Callers decide what the caller may learn about
    an existing row."""
    existing = Person.objects.filter(identity_key=draft.identity_key).first()
    if existing is None and draft.phone_e164:
        existing = (
            Person.objects.filter(phone=draft.phone_e164, name_folded=fold(draft.full_name))
            .order_by("pk")
            .first()
        )
    if existing is not None:
        return _merged_target(existing), False
    person = Person(
        full_name=draft.full_name,
        name_folded=fold(draft.full_name),
        birth_year=draft.birth_year,
        village=draft.village,
        area_path=draft.village.path,
        phone=draft.phone_e164,
        identity_key=draft.identity_key,
        cccd_last4=draft.cccd_last4,
        has_disability=draft.has_disability,
        household_status=draft.household_status,
        sensitive_consent_at=timezone.now() if draft.sensitive else None,
        sensitive_consent_by=actor if draft.sensitive else None,
        client_uuid=client_uuid or uuid.uuid4(),
        created_by=actor,
    )
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError:
        # A concurrent request registered the same person or the same client UUID.
        winner = Person.objects.filter(identity_key=draft.identity_key).first() or (
            Person.objects.filter(client_uuid=client_uuid).first() if client_uuid else None
        )
        if winner is None:
            raise
        return _merged_target(winner), False
    return person, True


def _merged_target(person: Person) -> Person:
    """A record merged into another stands for that other one."""
    while person.merged_into_id is not None:
        person = Person.objects.get(pk=person.merged_into_id)
    return person


def person_register(
    *,
    actor: User | None,
    village: Area,
    full_name: str,
    birth_year: int | None = None,
    phone: str = "",
    cccd: str = "",
    has_disability: bool = False,
    household_status: str = "",
    sensitive_consent: bool = False,
    client_uuid: uuid.UUID | None = None,
) -> tuple[Person, bool]:
    """Staff register a citizen. Returns ``(person, created)``.

    Idempotent twice over, without telling anyone about a record they may not see: a
    repeated ``client_uuid`` returns the row only to the user who created it
    (``client_uuid_taken`` to anyone else), and the same identity (CCCD, else phone + name,
    else name + birth year + village) returns the existing person only when the caller may
    see them (``person_exists``, with no field of theirs, otherwise). ``actor`` None is the
    command line.
    """
    if client_uuid is not None:
        replayed = Person.objects.filter(client_uuid=client_uuid).first()
        if replayed is not None:
            if actor is not None and replayed.created_by_id != actor.pk:
                raise PeopleErrors.CLIENT_UUID_TAKEN.error()
            replayed = _merged_target(replayed)
            if actor is not None and not person_visible_to(user=actor, person=replayed):
                raise PeopleErrors.PERSON_EXISTS.error()
            return replayed, False
    draft = _person_draft(
        actor=actor,
        village=village,
        full_name=full_name,
        birth_year=birth_year,
        phone=phone,
        cccd=cccd,
        has_disability=has_disability,
        household_status=household_status,
        sensitive_consent=sensitive_consent,
    )
    person, created = _person_insert(draft=draft, actor=actor, client_uuid=client_uuid)
    if not created and actor is not None and not person_visible_to(user=actor, person=person):
        raise PeopleErrors.PERSON_EXISTS.error()
    return person, created


def same_learner(person: Person, *, full_name: str, birth_year: int | None) -> bool:
    """A returning learner proves who they are by the name and birth year on the record."""
    if fold(person.full_name) != fold(clean(full_name)):
        return False
    return person.birth_year is None or birth_year is None or person.birth_year == birth_year


def learner_recognise(
    *,
    actor: User | None,
    village: Area,
    full_name: str,
    birth_year: int | None,
    phone: str = "",
    cccd: str = "",
    client_uuid: uuid.UUID | None = None,
) -> Person:
    """The citizen who is learning: found again, or registered now. No password; the birth
    year is required (with the name it is what a returning learner proves).

    A CCCD or phone that is already known is not enough to become that person: the folded
    name and the birth year must agree with the record too, else ``identity_mismatch``
    (which names nobody). ``actor`` is the staff user helping (assisted mode); they need
    PERSON_CREATE on the village typed, and like a citizen they must know the name and
    birth year of the person they help.
    """
    if birth_year is None:
        raise IdentityErrors.BIRTH_YEAR_REQUIRED.error()
    if client_uuid is not None:
        replayed = Person.objects.filter(client_uuid=client_uuid).first()
        if replayed is not None:
            replayed = _merged_target(replayed)
            if not same_learner(replayed, full_name=full_name, birth_year=birth_year):
                raise PeopleErrors.IDENTITY_MISMATCH.error()
            return replayed
    draft = _person_draft(
        actor=actor,
        village=village,
        full_name=full_name,
        birth_year=birth_year,
        phone=phone,
        cccd=cccd,
    )
    person, created = _person_insert(draft=draft, actor=actor, client_uuid=client_uuid)
    if not created and not same_learner(
        person, full_name=draft.full_name, birth_year=draft.birth_year
    ):
        raise PeopleErrors.IDENTITY_MISMATCH.error()
    return person


def person_update(
    *,
    actor: User,
    person: Person,
    full_name: str,
    birth_year: int | None,
    village: Area,
    phone: str = "",
    has_disability: bool | None = None,
    household_status: str | None = None,
    sensitive_consent: bool = False,
) -> Person:
    """Fix a person's details. Allowed to whoever may see the person and register people
    in both their old and new village (a volunteer: their own registrations). The identity
    key stays the one first registered; the phone + folded name match finds them again.

    ``has_disability``/``household_status`` None leaves the sensitive flags as they are
    (the form of a role that may not see them); changing them needs that role and consent.
    """
    if not person_visible_to(user=actor, person=person):
        raise NotFound()
    require_permission(user=actor, action=Action.PERSON_CREATE, area=person.village)
    flags_given = has_disability is not None or household_status is not None
    if flags_given and not can_see_sensitive(user=actor, person=person):
        raise OutsideScope()
    draft = _person_draft(
        actor=actor,
        village=village,
        full_name=full_name,
        birth_year=birth_year,
        phone=phone,
        has_disability=bool(has_disability) if flags_given else False,
        household_status=(household_status or "") if flags_given else "",
        sensitive_consent=sensitive_consent,
    )
    with transaction.atomic():
        locked = Person.objects.select_for_update().get(pk=person.pk)
        locked.full_name = draft.full_name
        locked.name_folded = fold(draft.full_name)
        locked.birth_year = draft.birth_year
        locked.village = draft.village
        locked.area_path = draft.village.path
        locked.phone = draft.phone_e164
        fields = ["full_name", "name_folded", "birth_year", "village", "area_path", "phone"]
        if flags_given:
            locked.has_disability = draft.has_disability
            locked.household_status = draft.household_status
            if draft.sensitive:
                if locked.sensitive_consent_at is None or sensitive_consent:
                    locked.sensitive_consent_at = timezone.now()
                    locked.sensitive_consent_by = actor
            else:
                locked.sensitive_consent_at = None
                locked.sensitive_consent_by = None
            fields += [
                "has_disability",
                "household_status",
                "sensitive_consent_at",
                "sensitive_consent_by",
            ]
        locked.save(update_fields=[*fields, "updated_at"])
    return locked
