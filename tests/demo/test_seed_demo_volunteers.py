"""The demo seeds teams, members (two with logins) and a month of synthetic visits."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from binhdan.volunteers.access import team_can_manage
from binhdan.volunteers.models import SupportVisit, Team, TodoItem, Volunteer
from binhdan.volunteers.selectors import leaderboard

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_areas", stdout=StringIO())
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_the_demo_seeds_teams_members_and_a_month_of_visits(demo):
    teams = Team.objects.all()
    assert teams.count() == 6
    assert all("(minh họa)" in team.name and team.leader_id for team in teams)
    assert Volunteer.objects.count() == 48
    visits = SupportVisit.objects.all()
    assert visits.count() > 100
    oldest = visits.order_by("visited_at").first().visited_at
    assert timezone.now() - oldest <= timezone.timedelta(days=31)
    assert set(visits.values_list("outcome", flat=True)) == {"done", "partly", "follow_up"}
    assert not visits.filter(services__isnull=True).exists()
    assert TodoItem.objects.filter(done_at__isnull=True, source="follow_up").exists()
    assert TodoItem.objects.filter(done_at__isnull=True, source="imported").exists()
    commune = teams.first().commune
    assert leaderboard(commune=commune)[0].visit_count > 0


def test_the_demo_logins_lead_and_serve_in_a_team(demo):
    leader = Volunteer.objects.get(user__username="doitruong")
    assert leader.team.leader == leader
    assert team_can_manage(user=leader.user, team=leader.team)
    volunteer = Volunteer.objects.get(user__username="tinhnguyen")
    assert volunteer.team is not None and volunteer.team.commune.kind == "phường"
    assert "doitruong" in demo and "tinhnguyen" in demo


def test_seeding_twice_adds_no_team_or_visit(demo):
    before = (Team.objects.count(), Volunteer.objects.count(), SupportVisit.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (
        Team.objects.count(),
        Volunteer.objects.count(),
        SupportVisit.objects.count(),
    ) == before
