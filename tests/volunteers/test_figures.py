"""Figures per team and commune (aggregate queries), and the printable leaderboard."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from binhdan.people.models import ELDERLY_AGE
from binhdan.volunteers import selectors
from binhdan.volunteers.models import ServiceKind, Team
from tests.people.factories import PersonFactory
from tests.volunteers.factories import TeamFactory, VolunteerFactory
from tests.volunteers.test_members import visit

pytestmark = pytest.mark.django_db


def test_team_figures_count_unique_people_elderly_and_consented_vulnerable_only(tree):
    team = TeamFactory(commune=tree.commune)
    member = VolunteerFactory(team=team, village=tree.village)
    VolunteerFactory(team=team, village=tree.village, is_active=False)
    year = timezone.localdate().year
    elderly = PersonFactory(village=tree.village, birth_year=year - ELDERLY_AGE)
    young = PersonFactory(village=tree.village, birth_year=year - ELDERLY_AGE + 1)
    consented = PersonFactory(
        village=tree.village,
        birth_year=1990,
        has_disability=True,
        sensitive_consent_at=timezone.now(),
    )
    poor = PersonFactory(
        village=tree.village,
        birth_year=1990,
        household_status="poor",
        sensitive_consent_at=timezone.now(),
    )
    # Consent recorded but no flag: not vulnerable. (A flag without consent cannot be stored.)
    consent_only = PersonFactory(
        village=tree.village, birth_year=1990, sensitive_consent_at=timezone.now()
    )
    vneid = ServiceKind.objects.get(code="vneid-level-2")
    for person in (elderly, elderly, young, consented, poor, consent_only):
        visit(member, person).services.add(vneid)

    figures = selectors.team_figures(team=team)

    assert (figures.visits, figures.people, figures.elderly, figures.vulnerable) == (6, 5, 1, 2)
    assert figures.active_members == 1
    assert dict((k.code, n) for k, n in figures.by_kind)["vneid-level-2"] == 6


def test_commune_figures_add_up_the_communes_teams_only(tree):
    a, b = TeamFactory(commune=tree.commune), TeamFactory(commune=tree.commune)
    ward = TeamFactory(commune=tree.ward)
    person = PersonFactory(village=tree.village)
    visit(VolunteerFactory(team=a, village=tree.village), person)
    visit(VolunteerFactory(team=b, village=tree.village), person)
    visit(
        VolunteerFactory(team=ward, village=tree.ward_village),
        PersonFactory(village=tree.ward_village),
    )

    figures = selectors.commune_figures(commune=tree.commune)

    assert (figures.visits, figures.people, figures.active_members) == (2, 1, 2)


def _ranked_teams(tree):
    """Three teams: Busy (3 visits, 2 people), Wide (3 visits, 3 people), Quiet (1)."""
    teams = {}
    for name, people in [("Busy", [0, 0, 1]), ("Wide", [0, 1, 2]), ("Quiet", [0])]:
        team = TeamFactory(commune=tree.commune, name=name)
        member = VolunteerFactory(team=team, village=tree.village)
        persons = [PersonFactory(village=tree.village) for _ in range(3)]
        for index in people:
            visit(member, persons[index])
        teams[name] = team
    return teams


def test_the_leaderboard_ranks_by_visits_then_people_helped(tree):
    _ranked_teams(tree)
    TeamFactory(commune=tree.ward, name="Elsewhere")

    ranked = selectors.leaderboard(commune=tree.commune)

    assert [(t.name, t.visit_count, t.people_count) for t in ranked] == [
        ("Wide", 3, 3),
        ("Busy", 3, 2),
        ("Quiet", 1, 1),
    ]


def test_the_leaderboard_page_prints_and_its_queries_do_not_grow_with_teams(
    client, tree, commune_officer
):
    _ranked_teams(tree)
    client.force_login(commune_officer)
    url = reverse("volunteers:leaderboard", args=[tree.commune.code])
    client.get(url)  # warm the per-user caches
    with CaptureQueriesContext(connection) as three:
        response = client.get(url)
    html = response.content.decode()
    assert html.index("Wide") < html.index("Busy") < html.index("Quiet")
    assert "volunteers/teams.css" in html

    for name in ("More 1", "More 2", "More 3", "More 4"):
        visit(
            VolunteerFactory(
                team=TeamFactory(commune=tree.commune, name=name), village=tree.village
            ),
            PersonFactory(village=tree.village),
        )
    with CaptureQueriesContext(connection) as seven:
        client.get(url)
    assert len(seven) == len(three)
    assert len(three) <= 20


def test_the_team_page_queries_do_not_grow_with_members_and_visits(client, tree, commune_officer):
    team = TeamFactory(commune=tree.commune)
    member = VolunteerFactory(team=team, village=tree.village)
    visit(member, PersonFactory(village=tree.village))
    client.force_login(commune_officer)
    url = reverse("volunteers:team", args=[team.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200

    kind = ServiceKind.objects.first()
    for _ in range(5):
        more = VolunteerFactory(team=team, village=tree.village)
        visit(more, PersonFactory(village=tree.village)).services.add(kind)
    with CaptureQueriesContext(connection) as many:
        html = client.get(url).content.decode()
    assert len(many) == len(few)
    assert "6" in html and Team.objects.count() == 1


def test_the_team_list_queries_do_not_grow_with_teams(client, tree, province_admin):
    TeamFactory(commune=tree.commune)
    client.force_login(province_admin)
    url = reverse("volunteers:teams")
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for commune in (tree.commune, tree.ward, tree.ward):
        VolunteerFactory(team=TeamFactory(commune=commune), village=None, commune=commune)
    with CaptureQueriesContext(connection) as four:
        html = client.get(url).content.decode()
    assert len(four) == len(one)
    assert html.count('class="card"') == 4
