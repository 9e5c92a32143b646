"""The volunteer's phone app /tinh-nguyen/: the team's list, the plain visit form, the PWA."""

import uuid

import pytest

from binhdan.accounts.models import Role
from binhdan.volunteers.models import SupportVisit, TodoItem, TodoSource
from tests.accounts.factories import UserFactory, user_with_role
from tests.people.factories import PersonFactory
from tests.volunteers.factories import TeamFactory, VolunteerFactory

APP = "/tinh-nguyen/"


@pytest.fixture
def member(tree):
    user = user_with_role(Role.VOLUNTEER, tree.commune)
    return VolunteerFactory(team=TeamFactory(commune=tree.commune), village=tree.village, user=user)


@pytest.fixture
def todo(tree, member):
    mine = PersonFactory(village=tree.village, full_name="Nguyễn Thị Cần", birth_year=1950)
    other_team = TeamFactory(commune=tree.ward)
    theirs = PersonFactory(village=tree.ward_village, full_name="Trần Văn Khác", birth_year=1950)
    return {
        "mine": TodoItem.objects.create(team=member.team, person=mine, source=TodoSource.IMPORTED),
        "theirs": TodoItem.objects.create(
            team=other_team, person=theirs, source=TodoSource.IMPORTED
        ),
    }


def test_a_member_sees_their_team_list_and_never_another_team(client, member, todo):
    client.force_login(member.user)
    response = client.get(APP)
    assert response.status_code == 200
    html = response.content.decode()
    assert member.team.name in html
    assert "Nguyễn T*** C***" in html  # a member sees names masked, as in the API
    assert "Trần V***" not in html and "Khác" not in html
    assert f'data-todo="/api/v1/teams/{member.team.pk}/todo"' in html
    assert "web/offline-queue.js" in html
    # each plain form has its own client_uuid
    assert html.count('name="client_uuid"') == 2  # the item and the empty template


def test_the_offline_shell_holds_no_personal_data(client, member, todo):
    client.force_login(member.user)
    html = client.get(APP + "?shell=1").content.decode()
    assert 'data-shell="1"' in html
    assert "Nguyễn T***" not in html


def test_a_user_outside_any_team_gets_a_plain_page_saying_so(client, tree):
    client.force_login(UserFactory())
    response = client.get(APP)
    assert response.status_code == 200
    assert "chưa thuộc đội hình tình nguyện nào" in response.content.decode()


def test_a_member_of_an_inactive_team_gets_the_same_page(client, member):
    member.team.is_active = False
    member.team.save(update_fields=["is_active"])
    client.force_login(member.user)
    assert "chưa thuộc đội hình" in client.get(APP).content.decode()


def test_anonymous_is_sent_to_the_login_page(client, db):
    response = client.get(APP)
    assert response.status_code == 302
    assert "/tai-khoan/dang-nhap/" in response["Location"]


def _form(person, outcome="done", kinds=("vneid-level-2",), client_uuid=None):
    return {
        "client_uuid": str(client_uuid or uuid.uuid4()),
        "person_id": person.pk,
        "service_kinds": list(kinds),
        "outcome": outcome,
        "note": "",
    }


def test_the_plain_form_records_one_visit_once_and_takes_the_item_off(client, member, todo):
    client.force_login(member.user)
    body = _form(todo["mine"].person)
    response = client.post(APP + "ghi-nhan/", body, follow=True)
    assert "Đã ghi nhận lượt hỗ trợ." in response.content.decode()
    client.post(APP + "ghi-nhan/", body)
    assert SupportVisit.objects.count() == 1
    assert "Nguyễn T***" not in client.get(APP).content.decode()


def test_the_plain_form_without_a_kind_says_so_and_stores_nothing(client, member, todo):
    client.force_login(member.user)
    response = client.post(APP + "ghi-nhan/", _form(todo["mine"].person, kinds=()), follow=True)
    assert "Hãy chọn ít nhất một nội dung hỗ trợ" in response.content.decode()
    assert not SupportVisit.objects.exists()


def test_the_plain_form_refuses_a_person_of_another_commune(client, member, todo):
    client.force_login(member.user)
    response = client.post(APP + "ghi-nhan/", _form(todo["theirs"].person), follow=True)
    assert "không thuộc xã/phường của đội hình" in response.content.decode()
    assert not SupportVisit.objects.exists()


def test_a_non_member_cannot_post_a_visit(client, tree, todo):
    client.force_login(UserFactory())
    response = client.post(APP + "ghi-nhan/", _form(todo["mine"].person))
    assert response.status_code == 404
    assert not SupportVisit.objects.exists()


def test_the_worker_is_scoped_to_the_app_and_never_caches_the_api(client, db):
    response = client.get(APP + "sw.js")
    assert response.status_code == 200
    assert response["Service-Worker-Allowed"] == APP
    body = response.content.decode()
    assert '"/tinh-nguyen/?shell=1"' in body
    assert 'request.method !== "GET"' in body
    assert "volunteers/app.js" in body


def test_the_manifest_starts_in_the_app(client, db):
    data = client.get(APP + "manifest.webmanifest").json()
    assert data["start_url"] == APP
    assert data["scope"] == APP


def test_the_header_leads_a_member_to_the_app_and_nobody_else(client, member, commune_officer):
    client.force_login(member.user)
    assert 'href="/tinh-nguyen/"' in client.get("/").content.decode()
    client.force_login(commune_officer)
    assert 'href="/tinh-nguyen/"' not in client.get("/").content.decode()
