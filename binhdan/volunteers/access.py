"""Who may see and manage a team, its members and visits, and who may log a visit.

- **See** a team (its members, to-do list, figures): ``team.view`` over its commune
  (province and commune staff, team leaders of the area), or being one of its members.
- **Manage** a team and its members: ``team.manage`` over its commune (province admins,
  commune officers), or leading it (``Team.leader`` is the user's member record).
- **Log a visit**: an active member with a login and a team, in a village of the team's
  commune; everything else is ``outside_scope``.
"""

from django.db.models import Q

from binhdan.accounts.models import User
from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import scope_paths, user_can_at
from binhdan.areas.paths import is_within, within_q
from binhdan.volunteers.models import Team, Volunteer


def member_of(user: User) -> Volunteer | None:
    """The user's own member record, if they are an active member."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    return Volunteer.objects.filter(user=user, is_active=True).select_related("team").first()


def teams_visible_q(*, user: User) -> Q:
    """Teams ``user`` may see, as a filter on ``Team``."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Q(pk__in=[])
    paths = scope_paths(user=user, action=Action.TEAM_VIEW)
    if paths is None:
        return Q()
    return within_q(paths, field="area_path") | Q(members__user=user, members__is_active=True)


def team_can_see(*, user: User, team: Team) -> bool:
    if user_can_at(user=user, action=Action.TEAM_VIEW, path=team.area_path):
        return True
    return Volunteer.objects.filter(team=team, user=user, is_active=True).exists()


def team_can_manage(*, user: User, team: Team) -> bool:
    if user_can_at(user=user, action=Action.TEAM_MANAGE, path=team.area_path):
        return True
    return (
        team.leader_id is not None
        and Volunteer.objects.filter(pk=team.leader_id, user=user, is_active=True).exists()
    )


def members_visible_q(*, user: User) -> Q:
    """Members ``user`` may see, as a filter on ``Volunteer``: by ``team.view`` scope over
    where they live, or as members of a team the user may see."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Q(pk__in=[])
    paths = scope_paths(user=user, action=Action.TEAM_VIEW)
    if paths is None:
        return Q()
    own_teams = Team.objects.filter(members__user=user, members__is_active=True).values("pk")
    return within_q(paths, field="area_path") | Q(team__in=own_teams)


def visit_allowed_at(*, member: Volunteer, village_path: str) -> bool:
    """A member logs visits in the villages of their team's commune."""
    return member.team is not None and is_within(village_path, [member.team.area_path])
