"""A team's to-do list: who it still has to help, most vulnerable and longest waiting first.

An item is open while ``done_at`` is empty, one per team and person. A visit marked done
closes it; a visit done in part or needing follow-up keeps it (or opens one) with its note.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import BooleanField, Case, Q, Value, When
from django.utils import timezone

from binhdan.accounts.models import User
from binhdan.people.models import ELDERLY_AGE
from binhdan.people.privacy import mask_name
from binhdan.people.selectors import can_see_sensitive, person_visible_to
from binhdan.volunteers.access import team_can_see
from binhdan.volunteers.errors import VisitErrors
from binhdan.volunteers.models import SupportVisit, Team, TodoItem, TodoSource, VisitOutcome


def todo_apply_visits(*, team_id: int, visits: Iterable[SupportVisit], now: dt.datetime) -> None:
    """The to-do effects of new or edited visits of one team, in bulk: for each person the
    latest visit decides (done closes the open item; otherwise it stays, or opens, with the
    visit's note)."""
    latest: dict[int, SupportVisit] = {}
    for visit in sorted(visits, key=lambda v: v.visited_at):
        latest[visit.person_id] = visit
    done = [pid for pid, visit in latest.items() if visit.outcome == VisitOutcome.DONE]
    pending = {pid: visit for pid, visit in latest.items() if visit.outcome != VisitOutcome.DONE}
    open_items = TodoItem.objects.filter(team_id=team_id, done_at__isnull=True)
    if done:
        open_items.filter(person_id__in=done).update(done_at=now)
    if not pending:
        return
    changed = []
    for item in open_items.filter(person_id__in=list(pending)):
        note = pending.pop(item.person_id).note
        if note and note != item.note:
            item.note = note
            changed.append(item)
    if changed:
        TodoItem.objects.bulk_update(changed, ["note"])
    if pending:
        TodoItem.objects.bulk_create(
            [
                TodoItem(team_id=team_id, person_id=pid, source=TodoSource.FOLLOW_UP, note=v.note)
                for pid, v in pending.items()
            ],
            ignore_conflicts=True,  # a concurrent visit opened it: one open item is enough
        )


def _priority_q() -> Q:
    """Elderly (from the birth year), or a vulnerable flag given with consent."""
    born_by = timezone.localdate().year - ELDERLY_AGE
    flagged = Q(person__has_disability=True) | ~Q(person__household_status="")
    return Q(person__birth_year__lte=born_by) | (
        flagged & Q(person__sensitive_consent_at__isnull=False)
    )


def team_for_viewer(*, user: User, team_id: int) -> Team:
    team = Team.objects.filter(pk=team_id).first()
    if team is None or not team_can_see(user=user, team=team):
        raise VisitErrors.TEAM_NOT_FOUND.error()
    return team


def todo_open_items(*, team: Team):
    """The team's open items, by priority then the longest waiting."""
    return (
        TodoItem.objects.filter(team=team, done_at__isnull=True)
        .select_related("person", "person__village")
        .annotate(
            priority=Case(
                When(_priority_q(), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .order_by("-priority", "created_at", "pk")
    )


@dataclass(frozen=True)
class TodoRow:
    id: int
    person_id: int
    name: str
    village: str
    source: str
    note: str
    since: dt.datetime
    elderly: bool
    has_disability: bool | None
    household_status: str | None


def todo_for_user(*, user: User, team_id: int) -> list[TodoRow]:
    """The to-do list of a team the user may see (else not found): a name in full only to
    whoever may see the person, the vulnerable flags only to whoever may see them."""
    team = team_for_viewer(user=user, team_id=team_id)
    rows = []
    for item in todo_open_items(team=team):
        person = item.person
        sensitive = person.sensitive_consent_at is not None and can_see_sensitive(
            user=user, person=person
        )
        visible = person_visible_to(user=user, person=person)
        rows.append(
            TodoRow(
                id=item.pk,
                person_id=person.pk,
                name=person.full_name if visible else mask_name(person.full_name),
                village=person.village.name,
                source=item.source,
                note=item.note,
                since=item.created_at,
                elderly=person.is_elderly,
                has_disability=person.has_disability if sensitive else None,
                household_status=person.household_status if sensitive else None,
            )
        )
    return rows
