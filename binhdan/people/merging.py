"""Merging two records of one person, for staff.

People get registered twice (a CCCD one day, a phone the next, a typo in the name), and
check-ins then attach to either record. A merge keeps one record and moves everything that
points at the other one to it. The apps that hold such rows (classes: check-ins; learning:
attempts, progress, certificates) register a step here when Django starts, so ``people``
never imports them and each app decides how its rows move without counting anyone twice.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

from binhdan.accounts.models import User
from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import require_permission
from binhdan.core.errors import NotFound
from binhdan.people.errors import PeopleErrors
from binhdan.people.models import Person
from binhdan.people.selectors import person_visible_to


@dataclass
class MergeReport:
    """What a merge moved, per kind of row (filled in by the steps), for the staff message."""

    moved: dict[str, int] = field(default_factory=dict)
    dropped: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str, *, moved: int = 0, dropped: int = 0) -> None:
        self.moved[kind] = self.moved.get(kind, 0) + moved
        self.dropped[kind] = self.dropped.get(kind, 0) + dropped


MergeStep = Callable[..., None]  # (*, actor, keep, duplicate, report) -> None
_steps: list[MergeStep] = []


def register_merge_step(step: MergeStep) -> MergeStep:
    """Called from an app's ``ready()``: ``step(actor=, keep=, duplicate=, report=)`` moves
    that app's rows from ``duplicate`` to ``keep`` inside the merge's transaction."""
    if step not in _steps:
        _steps.append(step)
    return step


def _check(*, actor: User, person: Person) -> None:
    if not person_visible_to(user=actor, person=person):
        raise NotFound()
    require_permission(user=actor, action=Action.PERSON_MERGE, area=person.village)


def person_merge(*, actor: User, keep: Person, duplicate: Person) -> MergeReport:
    """Merge ``duplicate`` into ``keep``: every visit, check-in, attempt and certificate of
    ``duplicate`` moves to ``keep``; what would count the person twice (two check-ins at
    one session, two valid certificates of one topic) is kept once. ``duplicate`` stays as
    an unlisted record pointing at ``keep``, without its phone, CCCD digits or flags.
    """
    _check(actor=actor, person=keep)
    _check(actor=actor, person=duplicate)
    if keep.pk == duplicate.pk:
        raise PeopleErrors.MERGE_SAME_PERSON.error()
    report = MergeReport()
    with transaction.atomic():
        locked = {
            p.pk: p
            for p in Person.objects.select_for_update().filter(pk__in=[keep.pk, duplicate.pk])
        }
        keep, duplicate = locked[keep.pk], locked[duplicate.pk]
        if keep.merged_into_id or duplicate.merged_into_id:
            raise PeopleErrors.ALREADY_MERGED.error()
        for step in _steps:
            step(actor=actor, keep=keep, duplicate=duplicate, report=report)
        _fill_gaps(keep=keep, duplicate=duplicate)
        duplicate.merged_into = keep
        duplicate.phone = ""
        duplicate.cccd_last4 = ""
        duplicate.has_disability = False
        duplicate.household_status = ""
        duplicate.sensitive_consent_at = None
        duplicate.sensitive_consent_by = None
        duplicate.save()
    return report


def _fill_gaps(*, keep: Person, duplicate: Person) -> None:
    """What the kept record lacks and the duplicate knows (never the sensitive flags: they
    need the person's consent on the kept record)."""
    changed = []
    for name in ("birth_year", "phone", "cccd_last4"):
        if not getattr(keep, name) and getattr(duplicate, name):
            setattr(keep, name, getattr(duplicate, name))
            changed.append(name)
    if changed:
        keep.save(update_fields=[*changed, "updated_at"])
