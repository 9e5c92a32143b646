"""Reads about citizens, always within the acting user's scope."""

from django.db.models import Q

from binhdan.accounts.models import User
from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import scope_paths, scope_q, user_can
from binhdan.core.errors import NotFound
from binhdan.people.models import Person


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


def people_for_user(*, user: User, query: str = "", village_code: str = ""):
    people = Person.objects.filter(people_visible_q(user=user)).select_related(
        "village", "village__parent"
    )
    if village_code:
        people = people.filter(village__code=village_code)
    if query.strip():
        people = people.filter(full_name__icontains=query.strip())
    return people


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


def can_see_sensitive(*, user: User, person: Person) -> bool:
    return user_can(user=user, action=Action.PERSON_VIEW_SENSITIVE, area=person.village)
