"""Scoped reads of teams and members, and their figures (aggregate queries only)."""

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from binhdan.accounts.models import User
from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import scope_paths
from binhdan.areas.models import Area
from binhdan.areas.paths import within_q
from binhdan.core.text import fold
from binhdan.people.models import ELDERLY_AGE, HouseholdStatus
from binhdan.volunteers.access import members_visible_q, team_can_see, teams_visible_q
from binhdan.volunteers.errors import TeamErrors
from binhdan.volunteers.models import ServiceKind, SupportVisit, Team, Volunteer

RECENT_VISITS = 20


def teams_for_user(
    *, user: User, commune: Area | None = None, query: str = "", active: bool | None = None
) -> QuerySet[Team]:
    """Teams ``user`` may see, each with ``member_count`` and ``active_member_count``."""
    teams = Team.objects.filter(pk__in=Team.objects.filter(teams_visible_q(user=user)).values("pk"))
    if commune is not None:
        teams = teams.filter(commune=commune)
    if query:
        teams = teams.filter(name_folded__contains=fold(query))
    if active is not None:
        teams = teams.filter(is_active=active)
    return (
        teams.select_related("commune", "leader")
        .annotate(
            member_count=Count("members", distinct=True),
            active_member_count=Count("members", filter=Q(members__is_active=True), distinct=True),
        )
        .order_by("area_path", "name_folded")
    )


def team_get_for_user(*, user: User, pk: int) -> Team:
    team = Team.objects.select_related("commune", "leader").filter(pk=pk).first()
    if team is None or not team_can_see(user=user, team=team):
        raise TeamErrors.TEAM_NOT_FOUND.error()
    return team


def member_get_for_user(*, user: User, pk: int) -> Volunteer:
    member = (
        Volunteer.objects.filter(members_visible_q(user=user))
        .select_related("team", "team__commune", "commune", "village")
        .filter(pk=pk)
        .first()
    )
    if member is None:
        raise TeamErrors.MEMBER_NOT_FOUND.error()
    return member


def team_members(*, team: Team) -> QuerySet[Volunteer]:
    return team.members.select_related("village").order_by("-is_active", "name_folded")


def recent_visits(*, team: Team, limit: int = RECENT_VISITS) -> list[SupportVisit]:
    return list(
        SupportVisit.objects.filter(team=team)
        .select_related("volunteer", "person", "village")
        .prefetch_related("services")
        .order_by("-visited_at")[:limit]
    )


def other_teams_of_commune(*, team: Team) -> QuerySet[Team]:
    return Team.objects.filter(commune_id=team.commune_id, is_active=True).exclude(pk=team.pk)


# --- figures ---------------------------------------------------------------------------


@dataclass
class Figures:
    visits: int = 0
    people: int = 0
    elderly: int = 0
    vulnerable: int = 0
    active_members: int = 0
    by_kind: list[tuple[ServiceKind, int]] = field(default_factory=list)


def _elderly_q() -> Q:
    return Q(person__birth_year__lte=timezone.localdate().year - ELDERLY_AGE)


def _vulnerable_q() -> Q:
    """Only flags recorded with the person's consent count."""
    flagged = Q(person__has_disability=True) | Q(
        person__household_status__in=[HouseholdStatus.POOR, HouseholdStatus.NEAR_POOR]
    )
    return Q(person__sensitive_consent_at__isnull=False) & flagged


def _visit_figures(visits: QuerySet[SupportVisit]) -> dict:
    return visits.aggregate(
        visits=Count("pk"),
        people=Count("person", distinct=True),
        elderly=Count("person", filter=_elderly_q(), distinct=True),
        vulnerable=Count("person", filter=_vulnerable_q(), distinct=True),
    )


def _by_kind(visits: QuerySet[SupportVisit]) -> list[tuple[ServiceKind, int]]:
    kinds = ServiceKind.objects.annotate(
        n=Count("visits", filter=Q(visits__in=visits.values("pk")))
    ).order_by("order", "code")
    return [(kind, kind.n) for kind in kinds if kind.n or kind.is_active]


def team_figures(*, team: Team) -> Figures:
    visits = SupportVisit.objects.filter(team=team)
    return Figures(
        **_visit_figures(visits),
        active_members=team.members.filter(is_active=True).count(),
        by_kind=_by_kind(visits),
    )


def commune_figures(*, commune: Area) -> Figures:
    """The commune's teams together (the caller checked the commune is in scope)."""
    visits = SupportVisit.objects.filter(team__commune=commune)
    return Figures(
        **_visit_figures(visits),
        active_members=Volunteer.objects.filter(team__commune=commune, is_active=True).count(),
        by_kind=_by_kind(visits),
    )


def leaderboard(*, commune: Area) -> list[Team]:
    """The commune's active teams by visits, then people helped (one query)."""
    return list(
        Team.objects.filter(commune=commune, is_active=True)
        .select_related("leader")
        .annotate(
            visit_count=Count("visits", distinct=True),
            people_count=Count("visits__person", distinct=True),
            active_member_count=Count("members", filter=Q(members__is_active=True), distinct=True),
        )
        .order_by("-visit_count", "-people_count", "name_folded")
    )


def communes_for_user(*, user: User) -> QuerySet[Area]:
    """Communes whose teams ``user`` may see: by ``team.view`` scope or as a member."""
    paths = scope_paths(user=user, action=Action.TEAM_VIEW)
    communes = Area.objects.filter(level=Area.Level.COMMUNE)
    if paths is None:
        return communes.order_by("path")
    own = Team.objects.filter(teams_visible_q(user=user)).values("commune")
    return communes.filter(within_q(paths) | Q(pk__in=own)).order_by("path")
