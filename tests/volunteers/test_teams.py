"""Team pages and writes: who sees and manages which team (outside scope is the 404 page)."""

import pytest
from django.urls import reverse

from binhdan.accounts.models import Role
from binhdan.core.errors import Conflict, InvalidInput, OutsideScope
from binhdan.volunteers import services
from binhdan.volunteers.models import Team
from tests.accounts.factories import UserFactory, user_with_role
from tests.volunteers.factories import TeamFactory, VolunteerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def teams(tree):
    own = TeamFactory(commune=tree.commune, name="Đội Thôn Đông")
    neighbour = TeamFactory(commune=tree.commune, name="Đội Thôn Tây")
    ward = TeamFactory(commune=tree.ward, name="Đội Tổ dân phố 1")
    return own, neighbour, ward


def _leader(tree, team):
    user = user_with_role(Role.TEAM_LEADER, tree.commune)
    team.leader = VolunteerFactory(team=team, village=tree.village, user=user)
    team.save()
    return user


def test_the_province_sees_every_team(client, province_admin, teams):
    client.force_login(province_admin)
    html = client.get(reverse("volunteers:teams")).content.decode()
    assert all(team.name in html for team in teams)


def test_a_commune_officer_sees_their_communes_teams_and_404_elsewhere(
    client, commune_officer, teams
):
    own, neighbour, ward = teams
    client.force_login(commune_officer)
    html = client.get(reverse("volunteers:teams")).content.decode()
    assert own.name in html and neighbour.name in html and ward.name not in html
    assert client.get(reverse("volunteers:team", args=[own.pk])).status_code == 200
    assert client.get(reverse("volunteers:team", args=[ward.pk])).status_code == 404


def test_another_communes_officer_gets_404_on_every_team_page(
    client, other_commune_officer, tree, teams
):
    own = teams[0]
    member = VolunteerFactory(team=own, village=tree.village)
    client.force_login(other_commune_officer)
    for name, pk in [
        ("volunteers:team", own.pk),
        ("volunteers:team_edit", own.pk),
        ("volunteers:member_add", own.pk),
        ("volunteers:member_edit", member.pk),
        ("volunteers:member_move", member.pk),
    ]:
        assert client.get(reverse(name, args=[pk])).status_code == 404, name
    assert (
        client.get(reverse("volunteers:leaderboard", args=[tree.commune.code])).status_code == 404
    )
    assert client.post(reverse("volunteers:member_active", args=[member.pk])).status_code == 404


def test_a_leader_manages_their_own_team_only(client, tree, teams):
    own, neighbour, _ward = teams
    user = _leader(tree, own)
    client.force_login(user)

    assert client.get(reverse("volunteers:team_edit", args=[own.pk])).status_code == 200
    assert client.get(reverse("volunteers:team_edit", args=[neighbour.pk])).status_code == 404
    assert client.get(reverse("volunteers:team", args=[neighbour.pk])).status_code == 200
    assert (
        client.get(reverse("volunteers:team_create", args=[tree.commune.code])).status_code == 404
    )
    with pytest.raises(OutsideScope):
        services.team_update(actor=user, team=neighbour, name="X", villages=[])


def test_a_leader_renames_their_team_and_sets_villages_but_not_its_state(client, tree, teams):
    own = teams[0]
    client.force_login(_leader(tree, own))
    response = client.post(
        reverse("volunteers:team_edit", args=[own.pk]),
        {"name": "  Đội  xung kích Thôn Đông ", "villages": [tree.village.pk, tree.village2.pk]},
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.name == "Đội xung kích Thôn Đông"
    assert set(own.villages.all()) == {tree.village, tree.village2}
    assert own.commune == tree.commune and own.is_active


def test_a_member_without_grants_sees_only_their_team(client, tree, teams):
    own, neighbour, _ward = teams
    user = UserFactory()
    VolunteerFactory(team=own, village=tree.village, user=user)
    client.force_login(user)
    html = client.get(reverse("volunteers:teams")).content.decode()
    assert own.name in html and neighbour.name not in html
    assert client.get(reverse("volunteers:team", args=[own.pk])).status_code == 200
    assert client.get(reverse("volunteers:team", args=[neighbour.pk])).status_code == 404
    assert client.get(reverse("volunteers:team_edit", args=[own.pk])).status_code == 404


def test_a_commune_officer_creates_a_team_with_villages_of_their_commune(
    client, commune_officer, tree
):
    client.force_login(commune_officer)
    url = reverse("volunteers:team_create", args=[tree.commune.code])
    response = client.post(url, {"name": "Đội hình số 1", "villages": [tree.village.pk]})
    team = Team.objects.get(name="Đội hình số 1")
    assert response.status_code == 302 and response.url == reverse(
        "volunteers:team", args=[team.pk]
    )
    assert team.area_path == tree.commune.path
    assert list(team.villages.all()) == [tree.village]

    again = client.post(url, {"name": "đội hình SỐ 1"})
    assert again.status_code == 200
    assert "Xã/phường đã có đội hình mang tên này." in again.content.decode()


def test_a_team_covers_only_villages_of_its_commune(tree, commune_officer):
    with pytest.raises(InvalidInput, match="phải thuộc"):
        services.team_create(
            actor=None, commune=tree.commune, name="Đội", villages=[tree.ward_village]
        )
    with pytest.raises(Conflict):
        services.team_create(actor=None, commune=tree.commune, name="Đội A")
        services.team_create(actor=None, commune=tree.commune, name="đội a")


def test_team_list_filters_by_name_and_state(client, province_admin, tree, teams):
    own, neighbour, _ward = teams
    neighbour.is_active = False
    neighbour.save()
    client.force_login(province_admin)
    url = reverse("volunteers:teams")
    html = client.get(url, {"xa": tree.commune.code, "trang_thai": "1"}).content.decode()
    assert own.name in html and neighbour.name not in html
    html = client.get(url, {"q": "tay"}).content.decode()
    assert neighbour.name in html and own.name not in html
