"""Reads about citizens, always within the acting user's scope."""

import re
from collections.abc import Iterable
from enum import StrEnum

from django.db.models import Q
from django.utils import timezone

from binhdan.accounts.models import User
from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import scope_paths, scope_q, user_can, user_can_anywhere
from binhdan.core.errors import NotFound
from binhdan.core.text import fold
from binhdan.people.models import ELDERLY_AGE, HouseholdStatus, Person


def people_visible_q(*, user: User) -> Q:
    """People the user may see: everyone in their ``person.view`` scope, and the people they
    registered themselves while they still may register people there (a volunteer sees,
    fixes and prints the card of their own registrations, nobody else's)."""
    if scope_paths(user=user, action=Action.PERSON_VIEW) is None:
        return Q()  # everywhere (an empty Q would vanish when OR-ed below)
    own = Q(created_by_id=user.pk) & scope_q(
        user=user, action=Action.PERSON_CREATE, path_field="area_path"
    )
    return scope_q(user=user, action=Action.PERSON_VIEW, path_field="area_path") | own


class PeopleFilter(StrEnum):
    """List filters. The sensitive ones apply only where the user may see the flags."""

    ELDERLY = "elderly"
    DISABILITY = "disability"
    POOR = "poor"
    NEAR_POOR = "near_poor"


SENSITIVE_FILTERS = {PeopleFilter.DISABILITY, PeopleFilter.POOR, PeopleFilter.NEAR_POOR}
_PHONE_QUERY = re.compile(r"^[+\d][\d .\-]{3,}$")


def _query_q(query: str) -> Q:
    """A name (with or without diacritics, any case) or a phone number, whole or in part."""
    query = query.strip()
    if _PHONE_QUERY.match(query):
        digits = re.sub(r"\D", "", query)
        if digits.startswith("84") and len(digits) > 9:
            digits = digits[2:]
        return Q(phone__contains=digits.lstrip("0"))
    return Q(name_folded__contains=fold(query))


def people_for_user(
    *,
    user: User,
    query: str = "",
    village_code: str = "",
    filters: Iterable[str] = (),
):
    people = Person.objects.filter(
        people_visible_q(user=user), merged_into__isnull=True
    ).select_related("village", "village__parent")
    if village_code:
        people = people.filter(village__code=village_code)
    if query.strip():
        people = people.filter(_query_q(query))
    chosen = {f for f in filters if f in PeopleFilter.__members__.values()}
    if PeopleFilter.ELDERLY in chosen:
        born_by = timezone.localdate().year - ELDERLY_AGE
        people = people.filter(birth_year__lte=born_by)
    if chosen & SENSITIVE_FILTERS:
        # Only people whose flags the user may see: the filter must not reveal the others.
        people = people.filter(
            scope_q(user=user, action=Action.PERSON_VIEW_SENSITIVE, path_field="area_path"),
            sensitive_consent_at__isnull=False,
        )
        if PeopleFilter.DISABILITY in chosen:
            people = people.filter(has_disability=True)
        statuses = {
            PeopleFilter.POOR: HouseholdStatus.POOR,
            PeopleFilter.NEAR_POOR: HouseholdStatus.NEAR_POOR,
        }
        wanted = [statuses[f] for f in chosen if f in statuses]
        if wanted:
            people = people.filter(household_status__in=wanted)
    return people


def can_filter_sensitive(*, user: User) -> bool:
    return user_can_anywhere(user=user, action=Action.PERSON_VIEW_SENSITIVE)


def person_get_for_user(*, user: User, person_id: int) -> Person:
    person = people_for_user(user=user).filter(pk=person_id).first()
    if person is None:
        raise NotFound()
    return person


def person_visible_to(*, user: User, person: Person) -> bool:
    """Whether ``user`` may see ``person`` (the same rule as ``people_for_user``)."""
    if user_can(user=user, action=Action.PERSON_VIEW, area=person.village):
        return True
    return person.created_by_id == user.pk and user_can(
        user=user, action=Action.PERSON_CREATE, area=person.village
    )


def can_edit(*, user: User, person: Person) -> bool:
    """Fixing a person's details: whoever sees them and may register people there."""
    return person_visible_to(user=user, person=person) and user_can(
        user=user, action=Action.PERSON_CREATE, area=person.village
    )


def can_see_sensitive(*, user: User, person: Person) -> bool:
    return user_can(user=user, action=Action.PERSON_VIEW_SENSITIVE, area=person.village)


def merge_candidates(*, user: User, person: Person, limit: int = 10):
    """Other records that may be the same person: the same folded name with the same phone
    or the same birth year, among the people the user may see."""
    same = Q(phone=person.phone) if person.phone else Q(pk__in=[])
    if person.birth_year:
        same |= Q(birth_year=person.birth_year)
    return (
        people_for_user(user=user)
        .filter(name_folded=person.name_folded)
        .filter(same)
        .exclude(pk=person.pk)
        .order_by("pk")[:limit]
    )


def can_merge(*, user: User, person: Person) -> bool:
    return user_can(user=user, action=Action.PERSON_MERGE, area=person.village)


def person_activity(*, person: Person) -> dict:
    """How many rows point at a person, by reverse relation (what a merge would move)."""
    return {
        "checkins": person.checkins.count(),
        "attempts": person.quiz_attempts.count(),
        "certificates": person.certificates.count(),
    }
