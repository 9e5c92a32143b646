import uuid

import pytest
from django.db import IntegrityError, transaction

from binhdan.accounts.models import Role
from binhdan.core.errors import InvalidInput, OutsideScope
from binhdan.people.models import Person
from binhdan.people.services import person_register
from tests.accounts.factories import user_with_role
from tests.people.factories import PersonFactory

CCCD = "033090001234"


def register(village, **kwargs):
    kwargs.setdefault("actor", None)
    kwargs.setdefault("full_name", "Nguyễn Văn An")
    return person_register(village=village, **kwargs)


def test_register_person_keeps_only_hmac_and_last4_of_cccd(tree):
    person, created = register(tree.village, cccd=CCCD, birth_year=1990)

    assert created
    assert person.cccd_last4 == "1234"
    assert CCCD not in person.identity_key


def test_register_person_takes_birth_year_from_cccd_when_missing(tree):
    person, _ = register(tree.village, cccd=CCCD)
    assert person.birth_year == 1990


def test_register_same_client_uuid_twice_returns_first_row(tree):
    key = uuid.uuid4()
    first, created_first = register(tree.village, client_uuid=key, phone="0912345678")
    again, created_again = register(tree.village, client_uuid=key, phone="0912345678")

    assert created_first and not created_again
    assert again.pk == first.pk
    assert Person.objects.count() == 1


def test_register_same_cccd_in_another_village_is_the_same_person(tree):
    first, _ = register(tree.village, cccd=CCCD)
    again, created = register(tree.village2, full_name="NGUYỄN VĂN AN", cccd=CCCD)

    assert not created
    assert again.pk == first.pk


def test_register_same_phone_different_name_is_another_person(tree):
    register(tree.village, phone="0912345678", full_name="Nguyễn Văn An")
    _, created = register(tree.village, phone="0912 345 678", full_name="Trần Thị Bình")
    assert created
    assert Person.objects.filter(phone="+84912345678").count() == 2


def test_register_without_phone_or_cccd_dedupes_on_name_year_village(tree):
    register(tree.village, full_name="Lê Văn Cường", birth_year=1948)
    _, created = register(tree.village, full_name="le van cuong", birth_year=1948)
    assert not created


def test_register_sensitive_flags_without_consent_is_refused(tree):
    with pytest.raises(InvalidInput) as error:
        register(tree.village, has_disability=True)
    assert error.value.code == "consent_required"
    assert Person.objects.count() == 0


def test_register_sensitive_flags_with_consent_records_when_and_who(tree, commune_officer):

    person, _ = register(
        tree.village, actor=commune_officer, household_status="near_poor", sensitive_consent=True
    )

    assert person.sensitive_consent_at is not None
    assert person.sensitive_consent_by == commune_officer


def test_volunteer_cannot_record_sensitive_flags(tree):
    volunteer = user_with_role(Role.VOLUNTEER, tree.commune)
    with pytest.raises(OutsideScope):
        register(tree.village, actor=volunteer, has_disability=True, sensitive_consent=True)


def test_database_refuses_sensitive_flag_without_consent(tree):
    with pytest.raises(IntegrityError), transaction.atomic():
        PersonFactory(village=tree.village, has_disability=True, sensitive_consent_at=None)


def test_register_in_a_commune_not_a_village_is_refused(tree):
    with pytest.raises(InvalidInput) as error:
        register(tree.commune)
    assert error.value.details == {"field": "village"}


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"full_name": "   "}, "full_name"),
        ({"birth_year": 1850}, "birth_year"),
        ({"phone": "12"}, "phone"),
        ({"cccd": "123"}, "cccd"),
        ({"cccd": CCCD, "birth_year": 1970}, "cccd"),
    ],
)
def test_register_bad_input_names_the_field_and_writes_nothing(tree, kwargs, field):
    with pytest.raises(InvalidInput) as error:
        register(tree.village, **kwargs)
    assert error.value.details == {"field": field}
    assert Person.objects.count() == 0


def test_elderly_is_derived_from_birth_year(tree):
    old, _ = register(tree.village, full_name="Cụ Ông", birth_year=1940)
    young, _ = register(tree.village, full_name="Cháu", birth_year=2000)
    assert old.is_elderly and not young.is_elderly


def test_api_register_is_idempotent_on_client_uuid(client, tree):
    client.force_login(user_with_role(Role.VOLUNTEER, tree.commune))
    body = {
        "client_uuid": str(uuid.uuid4()),
        "village_code": tree.village.code,
        "full_name": "Phạm Thị Dung",
        "phone": "0912345678",
    }

    first = client.post("/api/v1/people", body, content_type="application/json")
    second = client.post("/api/v1/people", body, content_type="application/json")

    assert first.status_code == 201
    assert second.status_code == 200
    assert first.json()["id"] == second.json()["id"]
    assert Person.objects.count() == 1


def test_api_register_bad_phone_is_422_with_field(client, tree):
    client.force_login(user_with_role(Role.VOLUNTEER, tree.commune))

    response = client.post(
        "/api/v1/people",
        {
            "client_uuid": str(uuid.uuid4()),
            "village_code": tree.village.code,
            "full_name": "A",
            "phone": "12",
        },
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json()["code"] == "phone_invalid"
    assert response.json()["details"] == {"field": "phone"}


def test_web_form_registers_person_and_shows_detail(client, tree, commune_officer):
    client.force_login(commune_officer)

    response = client.post(
        "/nguoi-dan/them/",
        {
            "full_name": "Vũ Văn Em",
            "birth_year": "1955",
            "village": tree.village.code,
            "phone": "0912 345 678",
            "client_uuid": str(uuid.uuid4()),
        },
        follow=True,
    )

    assert response.status_code == 200
    assert "Vũ Văn Em" in response.content.decode()
    assert "0912 345 678" in response.content.decode()


def test_web_form_shows_cccd_error_next_to_field(client, tree, commune_officer):
    client.force_login(commune_officer)

    response = client.post(
        "/nguoi-dan/them/",
        {"full_name": "Vũ Văn Em", "village": tree.village.code, "cccd": "12345"},
    )

    assert response.status_code == 200
    assert "Số CCCD phải có đúng 12 chữ số" in response.content.decode()
    assert Person.objects.count() == 0
