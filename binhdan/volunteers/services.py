"""Team and member writes. ``actor`` None is the command line / demo (no scope check).

A member belongs to one team at a time (``Volunteer.team``); moving them never touches
their past visits, which keep the team they were made in (``SupportVisit.team``).
"""

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone

from binhdan.accounts.models import User
from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import user_can_at
from binhdan.areas.models import Area
from binhdan.core.text import clean, fold
from binhdan.people.identity import normalize_phone
from binhdan.volunteers.access import team_can_manage
from binhdan.volunteers.errors import TeamErrors
from binhdan.volunteers.models import Team, Volunteer

BIRTH_YEAR_MIN = 1940


def _require_manage(actor: User | None, team: Team) -> None:
    if actor is not None and not team_can_manage(user=actor, team=team):
        raise TeamErrors.NOT_MANAGER.error()


def _require_commune_manage(actor: User | None, commune: Area) -> None:
    if actor is not None and not user_can_at(
        user=actor, action=Action.TEAM_MANAGE, path=commune.path
    ):
        raise TeamErrors.NOT_MANAGER.error()


def _clean_villages(commune: Area, villages: Iterable[Area]) -> list[Area]:
    villages = list(villages)
    if any(v.parent_id != commune.pk or v.level != Area.Level.VILLAGE for v in villages):
        raise TeamErrors.VILLAGE_OUTSIDE.error()
    return villages


def _clean_name(name: str) -> str:
    name = clean(name)
    if not name:
        raise TeamErrors.NAME_REQUIRED.error()
    return name


def _save_team(team: Team) -> None:
    try:
        with transaction.atomic():
            team.save()
    except IntegrityError as exc:
        raise TeamErrors.NAME_TAKEN.error() from exc


@transaction.atomic
def team_create(
    *, actor: User | None, commune: Area, name: str, villages: Iterable[Area] = ()
) -> Team:
    """A new team of ``commune`` (``team.manage`` over it)."""
    if commune is None or commune.level != Area.Level.COMMUNE:
        raise TeamErrors.COMMUNE_REQUIRED.error()
    _require_commune_manage(actor, commune)
    name = _clean_name(name)
    team = Team(commune=commune, area_path=commune.path, name=name, name_folded=fold(name))
    _save_team(team)
    team.villages.set(_clean_villages(commune, villages))
    return team


@transaction.atomic
def team_update(
    *,
    actor: User | None,
    team: Team,
    name: str,
    villages: Iterable[Area],
    is_active: bool | None = None,
) -> Team:
    """Rename a team and set its villages; its leader may do this too. The commune never
    changes; (de)activating the team takes ``team.manage`` over the commune."""
    _require_manage(actor, team)
    if is_active is not None and is_active != team.is_active:
        _require_commune_manage(actor, team.commune)
        team.is_active = is_active
    team.name = _clean_name(name)
    team.name_folded = fold(team.name)
    _save_team(team)
    team.villages.set(_clean_villages(team.commune, villages))
    return team


@transaction.atomic
def team_set_leader(*, actor: User | None, team: Team, member: Volunteer | None) -> Team:
    """Make ``member`` (an active member of the team) its leader; None clears it."""
    _require_manage(actor, team)
    if member is not None and (member.team_id != team.pk or not member.is_active):
        raise TeamErrors.LEADER_NOT_MEMBER.error()
    team.leader = member
    team.save(update_fields=["leader", "updated_at"])
    return team


def _member_fields(
    *, commune: Area, full_name: str, birth_year: int | None, phone: str, village: Area | None
) -> dict:
    full_name = clean(full_name)
    if not full_name:
        raise TeamErrors.MEMBER_NAME_REQUIRED.error()
    this_year = timezone.localdate().year
    if birth_year is not None and not BIRTH_YEAR_MIN <= birth_year <= this_year - 10:
        raise TeamErrors.BIRTH_YEAR_INVALID.error()
    phone = normalize_phone(phone) if (phone or "").strip() else ""
    if village is not None:
        _clean_villages(commune, [village])
    return {
        "full_name": full_name,
        "name_folded": fold(full_name),
        "birth_year": birth_year,
        "phone": phone,
        "commune": commune,
        "village": village,
        "area_path": (village or commune).path,
    }


def _save_member(member: Volunteer) -> None:
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError as exc:
        raise TeamErrors.MEMBER_EXISTS.error() from exc


@transaction.atomic
def member_add(
    *,
    actor: User | None,
    team: Team,
    full_name: str,
    birth_year: int | None = None,
    phone: str = "",
    village: Area | None = None,
    note: str = "",
    user: User | None = None,
) -> Volunteer:
    """A new member of ``team``, living in the team's commune."""
    _require_manage(actor, team)
    fields = _member_fields(
        commune=team.commune,
        full_name=full_name,
        birth_year=birth_year,
        phone=phone,
        village=village,
    )
    member = Volunteer(team=team, note=clean(note), user=user, **fields)
    _save_member(member)
    return member


@transaction.atomic
def member_update(
    *,
    actor: User | None,
    member: Volunteer,
    full_name: str,
    birth_year: int | None,
    phone: str,
    village: Area | None,
    note: str = "",
) -> Volunteer:
    _require_manage_member(actor, member)
    for field, value in _member_fields(
        commune=member.commune,
        full_name=full_name,
        birth_year=birth_year,
        phone=phone,
        village=village,
    ).items():
        setattr(member, field, value)
    member.village_name = ""
    member.note = clean(note)
    _save_member(member)
    return member


def _require_manage_member(actor: User | None, member: Volunteer) -> None:
    if member.team is not None:
        _require_manage(actor, member.team)
    else:
        _require_commune_manage(actor, member.commune)


def _drop_leadership(member: Volunteer) -> None:
    Team.objects.filter(leader=member).update(leader=None, updated_at=timezone.now())


@transaction.atomic
def member_set_active(*, actor: User | None, member: Volunteer, is_active: bool) -> Volunteer:
    """Deactivate (or reactivate) a member; a deactivated leader stops leading."""
    _require_manage_member(actor, member)
    member.is_active = is_active
    member.save(update_fields=["is_active", "updated_at"])
    if not is_active:
        _drop_leadership(member)
    return member


@transaction.atomic
def member_move(*, actor: User | None, member: Volunteer, team: Team) -> Volunteer:
    """Move ``member`` to another team of the same commune; both teams must be the actor's
    to manage. Past visits keep their team; a leader who leaves stops leading."""
    if team.commune_id != member.commune_id:
        raise TeamErrors.MOVE_OTHER_COMMUNE.error()
    _require_manage_member(actor, member)
    _require_manage(actor, team)
    if member.team_id == team.pk:
        return member
    _drop_leadership(member)
    member.team = team
    member.save(update_fields=["team", "updated_at"])
    return member
