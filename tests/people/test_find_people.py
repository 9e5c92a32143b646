"""Finding people: without diacritics, by phone, by village and group; no duplicates."""

import uuid

import pytest

from binhdan.accounts.models import Role
from binhdan.people.models import Person
from binhdan.people.selectors import people_for_user
from binhdan.people.services import person_register
from tests.accounts.factories import user_with_role


def register(commune_officer, village, **kwargs):
    return person_register(actor=commune_officer, village=village, **kwargs)[0]


def test_same_name_and_phone_registered_with_and_without_cccd_is_one_person(tree, commune_officer):
    first = register(commune_officer, tree.village, full_name="Phạm Văn Dũng", phone="0912345678")

    again, created = person_register(
        actor=commune_officer,
        village=tree.village,
        full_name="PHAM VAN DUNG",
        phone="0912 345 678",
        birth_year=1990,
        cccd="033090001234",
    )

    assert not created and again.pk == first.pk
    assert Person.objects.count() == 1


def test_search_without_diacritics_finds_the_name(tree, commune_officer):
    register(commune_officer, tree.village, full_name="Phạm Thị Đào")
    register(commune_officer, tree.village, full_name="Nguyễn Văn Bình")

    names = [p.full_name for p in people_for_user(user=commune_officer, query="pham thi dao")]

    assert names == ["Phạm Thị Đào"]
    assert [p.full_name for p in people_for_user(user=commune_officer, query="đào")] == [
        "Phạm Thị Đào"
    ]


@pytest.mark.parametrize("typed", ["0912 345 678", "0912345678", "+84912345678", "345678"])
def test_search_by_phone_finds_the_person(tree, commune_officer, typed):
    register(commune_officer, tree.village, full_name="Lê Văn Tư", phone="0912345678")
    register(commune_officer, tree.village, full_name="Lê Văn Năm", phone="0987654321")

    assert [p.full_name for p in people_for_user(user=commune_officer, query=typed)] == [
        "Lê Văn Tư"
    ]


def test_filter_by_village_and_elderly(tree, commune_officer):
    register(commune_officer, tree.village, full_name="Cụ Một", birth_year=1940)
    register(commune_officer, tree.village, full_name="Anh Hai", birth_year=1995)
    register(commune_officer, tree.village2, full_name="Cụ Ba", birth_year=1945)

    found = people_for_user(
        user=commune_officer, village_code=tree.village.code, filters=["elderly"]
    )

    assert [p.full_name for p in found] == ["Cụ Một"]


def test_sensitive_filter_finds_nobody_for_a_role_that_may_not_see_the_flags(tree, commune_officer):
    person_register(
        actor=commune_officer,
        village=tree.village,
        full_name="Chị Khuyết Tật",
        has_disability=True,
        sensitive_consent=True,
    )
    operator = user_with_role(Role.OPERATOR, tree.commune)
    leader = user_with_role(Role.TEAM_LEADER, tree.commune)

    assert list(people_for_user(user=operator, filters=["disability"])) == []
    assert [p.full_name for p in people_for_user(user=leader, filters=["disability"])] == [
        "Chị Khuyết Tật"
    ]


def test_list_page_filters_and_offers_sensitive_groups_only_to_roles_that_see_them(
    client, tree, commune_officer
):
    register(commune_officer, tree.village, full_name="Phạm Văn Một", birth_year=1950)
    register(commune_officer, tree.village, full_name="Trần Văn Hai", birth_year=1990)
    client.force_login(commune_officer)

    html = client.get("/nguoi-dan/", {"q": "pham", "nhom": "elderly"}).content.decode()

    assert "Phạm Văn Một" in html and "Trần Văn Hai" not in html
    assert "Hộ nghèo" in html
    client.force_login(user_with_role(Role.VOLUNTEER, tree.village))
    assert "Hộ nghèo" not in client.get("/nguoi-dan/").content.decode()


def test_volunteer_fixes_the_name_of_a_person_they_registered(client, tree):
    volunteer = user_with_role(Role.VOLUNTEER, tree.village)
    person = register(volunteer, tree.village, full_name="Nguyen Van Bay", birth_year=1950)
    client.force_login(volunteer)

    response = client.post(
        f"/nguoi-dan/{person.pk}/sua/",
        {"full_name": "Nguyễn Văn Bảy", "birth_year": "1950", "village": tree.village.code},
    )

    person.refresh_from_db()
    assert response.status_code == 302 and response.url == f"/nguoi-dan/{person.pk}/"
    assert (person.full_name, person.name_folded) == ("Nguyễn Văn Bảy", "nguyen van bay")


def test_volunteer_cannot_edit_someone_registered_by_another(client, tree, commune_officer):
    person = register(commune_officer, tree.village, full_name="Người Khác")
    client.force_login(user_with_role(Role.VOLUNTEER, tree.village))

    response = client.post(
        f"/nguoi-dan/{person.pk}/sua/", {"full_name": "Đổi Tên", "village": tree.village.code}
    )

    assert response.status_code == 404
    person.refresh_from_db()
    assert person.full_name == "Người Khác"


def test_volunteer_prints_the_card_of_a_person_they_registered(client, tree):
    volunteer = user_with_role(Role.VOLUNTEER, tree.village)
    person = register(
        volunteer, tree.village, full_name="Bà Tám", birth_year=1944, client_uuid=uuid.uuid4()
    )
    client.force_login(volunteer)

    response = client.get(f"/nguoi-dan/{person.pk}/the-diem-danh/")

    assert response.status_code == 200
    assert "Bà Tám" in response.content.decode()
