import datetime as dt

import pytest
from django.utils import timezone

from binhdan.accounts.models import Role
from binhdan.people.models import HouseholdStatus
from binhdan.volunteers.models import TodoItem, TodoSource
from tests.accounts.factories import UserFactory, user_with_role
from tests.people.factories import PersonFactory
from tests.volunteers.factories import TeamFactory, VolunteerFactory
from tests.volunteers.test_visit_api import bearer, post, visit


@pytest.fixture
def team(tree):
    return TeamFactory(commune=tree.commune)


@pytest.fixture
def member(tree, team):
    return VolunteerFactory(team=team, village=tree.village, user=UserFactory())


def waiting(team, person, days, source=TodoSource.IMPORTED, note=""):
    item = TodoItem.objects.create(team=team, person=person, source=source, note=note)
    TodoItem.objects.filter(pk=item.pk).update(created_at=timezone.now() - dt.timedelta(days=days))
    return item


@pytest.fixture
def items(tree, team):
    this_year = timezone.localdate().year
    young = PersonFactory(village=tree.village, full_name="Phạm Văn Trẻ", birth_year=1995)
    elderly = PersonFactory(
        village=tree.village2, full_name="Nguyễn Thị Già", birth_year=this_year - 60
    )
    consented = PersonFactory(
        village=tree.village,
        full_name="Lê Văn Khó",
        birth_year=1990,
        has_disability=True,
        household_status=HouseholdStatus.POOR,
        sensitive_consent_at=timezone.now(),
    )
    almost = PersonFactory(village=tree.village, full_name="Đỗ Văn Năm", birth_year=this_year - 59)
    return {
        "young": waiting(team, young, days=30),
        "almost": waiting(team, almost, days=20),
        "elderly": waiting(team, elderly, days=3),
        "consented": waiting(team, consented, days=1, note="Hộ nghèo"),
    }


def test_elderly_and_consented_vulnerable_come_first_then_the_longest_waiting(
    client, team, member, items
):
    response = client.get(f"/api/v1/teams/{team.pk}/todo", **bearer(member.user))
    assert response.status_code == 200
    rows = response.json()
    assert [r["id"] for r in rows] == [
        items["elderly"].pk,
        items["consented"].pk,
        items["young"].pk,
        items["almost"].pk,
    ]
    assert [r["elderly"] for r in rows] == [True, False, False, False]
    assert rows[0]["village"] == "Thôn Tây"
    assert rows[1]["source"] == "imported"
    assert rows[1]["note"] == "Hộ nghèo"


def test_a_member_sees_masked_names_and_no_flags(client, team, member, items):
    rows = client.get(f"/api/v1/teams/{team.pk}/todo", **bearer(member.user)).json()
    assert rows[1]["name"] == "Lê V*** K***"
    assert rows[1]["has_disability"] is None
    assert rows[1]["household_status"] is None


def test_staff_who_may_see_people_see_names_and_consented_flags(
    client, tree, team, items, commune_officer
):
    rows = client.get(f"/api/v1/teams/{team.pk}/todo", **bearer(commune_officer)).json()
    assert rows[1]["name"] == "Lê Văn Khó"
    assert rows[1]["has_disability"] is True
    assert rows[1]["household_status"] == "poor"
    assert rows[2]["has_disability"] is None  # no consent recorded: no flags to show


def test_a_team_the_user_may_not_see_is_404(client, team, items, other_commune_officer):
    response = client.get(f"/api/v1/teams/{team.pk}/todo", **bearer(other_commune_officer))
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert (
        client.get("/api/v1/teams/999999/todo", **bearer(other_commune_officer)).status_code == 404
    )


def test_a_done_visit_takes_the_item_off_and_a_follow_up_keeps_it_with_the_note(
    client, tree, team, member, items
):
    auth = bearer(member.user)
    young, almost = items["young"], items["almost"]
    newcomer = PersonFactory(village=tree.village)
    batch = [
        visit(young.person_id, outcome="done"),
        visit(almost.person_id, outcome="partly", note="Cần mang CCCD"),
        visit(newcomer.pk, outcome="follow_up", note="Hẹn chủ nhật"),
    ]
    results = post(client, "/api/v1/visits/batch", {"visits": batch}, auth).json()["results"]
    assert [r["status"] for r in results] == ["created"] * 3

    young.refresh_from_db()
    almost.refresh_from_db()
    assert young.done_at is not None
    assert (almost.done_at, almost.note, almost.source) == (None, "Cần mang CCCD", "imported")
    opened = TodoItem.objects.get(person=newcomer)
    assert (opened.source, opened.note, opened.team) == ("follow_up", "Hẹn chủ nhật", team)
    listed = [r["id"] for r in client.get(f"/api/v1/teams/{team.pk}/todo", **auth).json()]
    assert young.pk not in listed
    assert opened.pk in listed


def test_the_latest_visit_of_a_batch_decides(client, tree, team, member, items):
    person_id = items["young"].person_id
    now = timezone.now()
    batch = [
        visit(person_id, outcome="done", visited_at=(now - dt.timedelta(minutes=5)).isoformat()),
        visit(person_id, outcome="follow_up", visited_at=(now - dt.timedelta(hours=2)).isoformat()),
    ]
    post(client, "/api/v1/visits/batch", {"visits": batch}, bearer(member.user))
    assert not TodoItem.objects.filter(person_id=person_id, done_at__isnull=True).exists()


def test_a_leader_role_sees_the_team(client, tree, team, items):
    leader = user_with_role(Role.TEAM_LEADER, tree.commune)
    assert client.get(f"/api/v1/teams/{team.pk}/todo", **bearer(leader)).status_code == 200
