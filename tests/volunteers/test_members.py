"""Members: add, edit, deactivate, move (one team at a time; past visits keep their team)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from binhdan.accounts.models import Role
from binhdan.core.errors import Conflict, InvalidInput
from binhdan.volunteers import services
from binhdan.volunteers.models import SupportVisit, VisitOutcome
from tests.accounts.factories import user_with_role
from tests.people.factories import PersonFactory
from tests.volunteers.factories import TeamFactory, VolunteerFactory

pytestmark = pytest.mark.django_db


def visit(member, person, **kwargs):
    return SupportVisit.objects.create(
        volunteer=member,
        team=member.team,
        person=person,
        village=person.village,
        area_path=person.village.path,
        visited_at=kwargs.pop("visited_at", timezone.now()),
        outcome=kwargs.pop("outcome", VisitOutcome.DONE),
        **kwargs,
    )


def test_moving_a_member_keeps_their_past_visits_with_the_old_team(client, tree, commune_officer):
    old, new = TeamFactory(commune=tree.commune), TeamFactory(commune=tree.commune)
    member = VolunteerFactory(team=old, village=tree.village)
    past = visit(member, PersonFactory(village=tree.village))
    client.force_login(commune_officer)

    response = client.post(reverse("volunteers:member_move", args=[member.pk]), {"team": new.pk})

    assert response.status_code == 302
    member.refresh_from_db()
    past.refresh_from_db()
    assert member.team == new
    assert past.team == old
    assert list(old.members.all()) == [] and list(new.members.all()) == [member]


def test_a_member_moves_only_within_their_commune(tree):
    member = VolunteerFactory(team=TeamFactory(commune=tree.commune), village=tree.village)
    with pytest.raises(InvalidInput):
        services.member_move(actor=None, member=member, team=TeamFactory(commune=tree.ward))


def test_a_leader_who_moves_or_stops_leaves_the_lead(tree):
    team, other = TeamFactory(commune=tree.commune), TeamFactory(commune=tree.commune)
    leader = VolunteerFactory(team=team, village=tree.village)
    services.team_set_leader(actor=None, team=team, member=leader)
    services.member_move(actor=None, member=leader, team=other)
    team.refresh_from_db()
    assert team.leader is None

    services.team_set_leader(actor=None, team=other, member=leader)
    services.member_set_active(actor=None, member=leader, is_active=False)
    other.refresh_from_db()
    assert other.leader is None


def test_the_leader_must_be_an_active_member_of_the_team(tree, commune_officer, client):
    team, other = TeamFactory(commune=tree.commune), TeamFactory(commune=tree.commune)
    stranger = VolunteerFactory(team=other, village=tree.village)
    with pytest.raises(InvalidInput):
        services.team_set_leader(actor=None, team=team, member=stranger)

    member = VolunteerFactory(team=team, village=tree.village)
    client.force_login(commune_officer)
    client.post(reverse("volunteers:team_leader", args=[team.pk]), {"leader": member.pk})
    team.refresh_from_db()
    assert team.leader == member


def test_a_leader_adds_and_deactivates_members_of_their_team(client, tree):
    team = TeamFactory(commune=tree.commune)
    user = user_with_role(Role.TEAM_LEADER, tree.commune)
    team.leader = VolunteerFactory(team=team, village=tree.village, user=user)
    team.save()
    client.force_login(user)

    response = client.post(
        reverse("volunteers:member_add", args=[team.pk]),
        {
            "full_name": "lê  thị hoa",
            "birth_year": "2001",
            "phone": "0977.493.257",
            "village": tree.village2.pk,
        },
    )
    assert response.status_code == 302
    added = team.members.get(full_name="lê thị hoa")
    assert added.phone == "+84977493257" and added.area_path == tree.village2.path

    client.post(reverse("volunteers:member_active", args=[added.pk]), {"is_active": "0"})
    added.refresh_from_db()
    assert not added.is_active


def test_member_form_errors_are_shown_on_their_field(client, tree, commune_officer):
    team = TeamFactory(commune=tree.commune)
    client.force_login(commune_officer)
    response = client.post(
        reverse("volunteers:member_add", args=[team.pk]),
        {"full_name": "Nguyễn Văn A", "birth_year": "1920", "phone": ""},
    )
    assert response.status_code == 200
    assert "Năm sinh không hợp lệ." in response.content.decode()

    with pytest.raises(InvalidInput):
        services.member_add(actor=None, team=team, full_name="A", village=tree.ward_village)


def test_the_same_name_and_phone_is_one_member(tree):
    team = TeamFactory(commune=tree.commune)
    services.member_add(actor=None, team=team, full_name="Trần Văn Bình", phone="0901815908")
    with pytest.raises(Conflict, match="Đã có đoàn viên"):
        services.member_add(
            actor=None, team=team, full_name="TRẦN VĂN BÌNH", phone="+84 901 815 908"
        )


def test_a_leader_cannot_move_members_into_a_team_they_do_not_lead(client, tree):
    team, neighbour = TeamFactory(commune=tree.commune), TeamFactory(commune=tree.commune)
    user = user_with_role(Role.TEAM_LEADER, tree.commune)
    team.leader = VolunteerFactory(team=team, village=tree.village, user=user)
    team.save()
    member = VolunteerFactory(team=team, village=tree.village)
    client.force_login(user)

    response = client.post(
        reverse("volunteers:member_move", args=[member.pk]), {"team": neighbour.pk}
    )

    assert response.status_code == 200
    member.refresh_from_db()
    assert member.team == team
