from binhdan.accounts.models import Role
from binhdan.volunteers import access
from binhdan.volunteers.models import Team
from tests.accounts.factories import UserFactory, user_with_role
from tests.volunteers.factories import TeamFactory, VolunteerFactory


def test_commune_staff_see_and_manage_their_communes_teams_only(tree, commune_officer):
    team = TeamFactory(commune=tree.commune)
    other = TeamFactory(commune=tree.ward)
    assert list(Team.objects.filter(access.teams_visible_q(user=commune_officer))) == [team]
    assert access.team_can_manage(user=commune_officer, team=team)
    assert not access.team_can_manage(user=commune_officer, team=other)
    assert not access.team_can_see(user=commune_officer, team=other)


def test_a_leader_manages_their_own_team_and_only_sees_the_others(tree):
    team = TeamFactory(commune=tree.commune)
    neighbour = TeamFactory(commune=tree.commune)
    leader_user = user_with_role(Role.TEAM_LEADER, tree.commune)
    team.leader = VolunteerFactory(team=team, village=tree.village, user=leader_user)
    team.save()
    assert access.team_can_manage(user=leader_user, team=team)
    assert not access.team_can_manage(user=leader_user, team=neighbour)
    assert access.team_can_see(user=leader_user, team=neighbour)


def test_a_member_without_grants_sees_only_their_team_and_logs_visits_in_its_commune(tree):
    team = TeamFactory(commune=tree.commune)
    TeamFactory(commune=tree.commune)
    user = UserFactory()
    member = VolunteerFactory(team=team, village=tree.village, user=user)
    assert list(Team.objects.filter(access.teams_visible_q(user=user))) == [team]
    assert access.member_of(user) == member
    assert access.visit_allowed_at(member=member, village_path=tree.village2.path)
    assert not access.visit_allowed_at(member=member, village_path=tree.ward_village.path)


def test_an_inactive_member_is_nobody(tree):
    user = UserFactory()
    VolunteerFactory(
        team=TeamFactory(commune=tree.commune), village=tree.village, user=user, is_active=False
    )
    assert access.member_of(user) is None
    assert not Team.objects.filter(access.teams_visible_q(user=user)).exists()
