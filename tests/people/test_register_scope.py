"""Registering a person never tells the caller about a record outside their scope.

Attacks from the security review: a volunteer of one village posting a CCCD (or a phone and
name) of a citizen of another commune got that citizen's full record back; a replayed
``client_uuid`` returned the stored person before any permission check.
"""

import uuid

import pytest

from binhdan.accounts.models import Role
from binhdan.core.errors import Conflict
from binhdan.people.models import Person
from binhdan.people.services import person_register
from tests.accounts.factories import user_with_role

CCCD = "033090001234"
URL = "/api/v1/people"


@pytest.fixture
def victim(tree, other_commune_officer):
    """A citizen of the phường, registered by its officer."""
    person, _ = person_register(
        actor=other_commune_officer,
        village=tree.ward_village,
        full_name="Trịnh Thị Bí Mật",
        birth_year=1990,
        phone="0987 111 222",
        cccd=CCCD,
    )
    return person


def _secrets(person: Person) -> list[str]:
    return [person.full_name, "Bí Mật", person.phone, "987 111 222", person.cccd_last4, "1990"]


def _post(client, **fields):
    body = {"client_uuid": str(uuid.uuid4()), "full_name": "Ai Đó", **fields}
    return client.post(URL, body, content_type="application/json")


def test_api_cccd_of_a_person_outside_scope_is_409_and_tells_nothing(client, tree, victim):
    # given a volunteer of a village of another commune
    client.force_login(user_with_role(Role.VOLUNTEER, tree.village))

    # when they post the victim's CCCD
    response = _post(client, village_code=tree.village.code, cccd=CCCD)

    # then nothing of the victim comes back
    text = response.content.decode()
    assert response.status_code == 409
    assert response.json()["code"] == "person_exists"
    assert response.json()["details"] is None
    assert not [secret for secret in _secrets(victim) if secret in text]
    assert Person.objects.count() == 1


def test_api_phone_and_name_of_a_person_outside_scope_is_409(
    client, tree, commune_officer, other_commune_officer
):
    victim, _ = person_register(
        actor=other_commune_officer,
        village=tree.ward_village,
        full_name="Đinh Văn Kín",
        phone="0987111333",
    )
    client.force_login(commune_officer)

    response = _post(
        client, village_code=tree.village.code, full_name="dinh van kin", phone="0987 111 333"
    )

    assert response.status_code == 409
    assert victim.full_name not in response.content.decode()


def test_api_match_inside_scope_returns_the_existing_person(
    client, tree, victim, other_commune_officer
):
    client.force_login(other_commune_officer)

    response = _post(client, village_code=tree.ward_village.code, cccd=CCCD)

    assert response.status_code == 200
    assert response.json()["id"] == victim.pk


def test_api_client_uuid_replayed_by_another_user_is_409_and_tells_nothing(
    client, tree, victim, commune_officer
):
    client.force_login(commune_officer)

    response = client.post(
        URL,
        {
            "client_uuid": str(victim.client_uuid),
            "village_code": tree.village.code,
            "full_name": "Ai Đó",
        },
        content_type="application/json",
    )

    assert response.status_code == 409
    assert response.json()["code"] == "client_uuid_taken"
    assert victim.full_name not in response.content.decode()


def test_client_uuid_replayed_by_its_creator_returns_the_person(tree):
    volunteer = user_with_role(Role.VOLUNTEER, tree.village)
    key = uuid.uuid4()
    first, _ = person_register(
        actor=volunteer, village=tree.village, full_name="Hà Văn Một", client_uuid=key
    )

    again, created = person_register(
        actor=volunteer, village=tree.village, full_name="Hà Văn Một", client_uuid=key
    )

    assert not created and again.pk == first.pk


def test_web_form_match_outside_scope_shows_no_name(client, tree, victim, commune_officer):
    client.force_login(commune_officer)

    response = client.post(
        "/nguoi-dan/them/",
        {
            "full_name": "Ai Đó",
            "village": tree.village.code,
            "cccd": CCCD,
            "client_uuid": str(uuid.uuid4()),
        },
    )

    text = response.content.decode()
    assert response.status_code == 200
    assert "đã được ghi nhận ở nơi khác" in text
    # (the last 4 digits are in the CCCD the officer typed, so they are not checked here)
    assert not [s for s in _secrets(victim) if s in text and s != victim.cccd_last4]


def test_volunteer_registers_then_sees_the_person_they_registered(client, tree):
    volunteer = user_with_role(Role.VOLUNTEER, tree.village)
    client.force_login(volunteer)

    response = client.post(
        "/nguoi-dan/them/",
        {
            "full_name": "Cao Văn Hai",
            "village": tree.village.code,
            "birth_year": "1950",
            "client_uuid": str(uuid.uuid4()),
        },
        follow=True,
    )

    assert response.status_code == 200
    assert "Cao Văn Hai" in response.content.decode()
    assert "Cao Văn Hai" in client.get("/nguoi-dan/").content.decode()


def test_volunteer_does_not_see_people_registered_by_others(client, tree, commune_officer):
    other, _ = person_register(actor=commune_officer, village=tree.village, full_name="Ông Khác")
    client.force_login(user_with_role(Role.VOLUNTEER, tree.village))

    assert client.get(f"/nguoi-dan/{other.pk}/").status_code == 404
    assert "Ông Khác" not in client.get("/nguoi-dan/").content.decode()
    assert client.get(f"{URL}/{other.pk}").status_code == 404


def test_volunteer_registering_someone_already_known_nearby_gets_409(tree, commune_officer):
    person_register(actor=commune_officer, village=tree.village, full_name="Bà Ba", birth_year=1940)
    volunteer = user_with_role(Role.VOLUNTEER, tree.village)

    with pytest.raises(Conflict) as error:
        person_register(actor=volunteer, village=tree.village, full_name="ba ba", birth_year=1940)

    assert error.value.code == "person_exists"
