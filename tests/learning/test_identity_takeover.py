"""A CCCD or phone alone must not make anyone the citizen it belongs to.

The attack from the security review: type a victim's CCCD with any name at "who are you",
get greeted with the victim's name, learn the right answers from a failed attempt, pass the
next one and download a certificate printed with the victim's full name.
"""

import uuid

import pytest
from django.urls import reverse

from binhdan.learning.models import QuizAttempt
from binhdan.learning.views.common import SESSION_PERSON
from binhdan.people.models import Person
from binhdan.people.services import person_register
from tests.learning.test_api import body, post

CCCD = "033190004321"  # synthetic: female, born 1990


@pytest.fixture
def victim(tree):
    person, _ = person_register(
        actor=None,
        village=tree.village,
        full_name="Lê Thị Nạn Nhân",
        birth_year=1990,
        phone="0912 000 111",
        cccd=CCCD,
    )
    return person


def identify(client, tree, **overrides):
    data = {
        "full_name": "Kẻ Gian",
        "birth_year": "1990",
        "phone": "",
        "cccd": CCCD,
        "commune": tree.commune.code,
        "village": tree.village.code,
        "client_uuid": str(uuid.uuid4()),
        "next": "",
    }
    data.update(overrides)
    return client.post(reverse("learning:identify"), data)


def test_identify_with_a_known_cccd_and_another_name_is_refused_naming_nobody(client, tree, victim):
    response = identify(client, tree)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Không khớp được các thông tin này" in html
    assert "Nạn Nhân" not in html
    assert SESSION_PERSON not in client.session
    assert Person.objects.count() == 1


def test_identify_with_a_known_phone_and_another_birth_year_is_refused(client, tree):
    person_register(
        actor=None,
        village=tree.village,
        full_name="Bà Có Điện Thoại",
        birth_year=1950,
        phone="0912 000 222",
    )

    response = identify(
        client, tree, full_name="Bà Có Điện Thoại", cccd="", phone="0912000222", birth_year="1951"
    )

    assert "Không khớp được các thông tin này" in response.content.decode()
    assert SESSION_PERSON not in client.session


def test_identify_with_the_cccd_name_and_year_written_differently_finds_the_person(
    client, tree, victim
):
    response = identify(client, tree, full_name="LE THI NAN NHAN")

    assert response.status_code == 302
    assert client.session[SESSION_PERSON] == victim.pk


def test_api_attempt_with_a_known_cccd_and_another_name_is_refused(client, quiz, tree, victim):
    payload = body(quiz, tree)
    payload["person"] = {
        "full_name": "Kẻ Gian",
        "birth_year": 1990,
        "cccd": CCCD,
        "village_code": tree.village.code,
    }

    response = post(client, payload)

    assert response.status_code == 422
    assert response.json()["code"] == "identity_mismatch"
    assert "Nạn Nhân" not in response.content.decode()
    assert not QuizAttempt.objects.exists()


def test_api_attempt_replayed_under_another_name_is_refused(client, quiz, tree):
    payload = body(quiz, tree)
    first = post(client, payload)
    code = first.json()["certificate"]["code"]
    payload["person"] = {**payload["person"], "full_name": "Kẻ Gian", "phone": ""}

    again = post(client, payload)

    assert again.status_code == 409
    assert again.json()["code"] == "client_uuid_taken"
    assert code not in again.content.decode()
