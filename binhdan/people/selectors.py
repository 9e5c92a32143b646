"""Reads about citizens, always within the acting user's scope."""

from binhdan.accounts.models import User
from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import scope_q, user_can
from binhdan.core.errors import NotFound
from binhdan.people.models import Person


def people_for_user(*, user: User, query: str = "", village_code: str = ""):
    people = Person.objects.filter(
        scope_q(user=user, action=Action.PERSON_VIEW, path_field="area_path")
    ).select_related("village", "village__parent")
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


def can_see_sensitive(*, user: User, person: Person) -> bool:
    return user_can(user=user, action=Action.PERSON_VIEW_SENSITIVE, area=person.village)
