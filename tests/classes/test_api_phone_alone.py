"""Check-in API: a phone alone for a known person answers with the masked name."""

import uuid

import pytest

from binhdan.classes.models import CheckIn
from tests.classes.factories import BridgePointFactory, ClassSessionFactory, SessionPointFactory
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sp(tree, operator):
    session = ClassSessionFactory(area=tree.province, area_path=tree.province.path)
    point = BridgePointFactory(village=tree.village, operators=[operator])
    return SessionPointFactory(session=session, point=point)


def post(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_batch_answers_a_known_phone_alone_with_the_masked_name(client, sp, operator, tree):
    # given a known person of the commune and a couple sharing another phone
    PersonFactory(village=tree.village, full_name="Hoàng Văn Nam", phone="+84912345001")
    PersonFactory(village=tree.village, phone="+84912345002")
    PersonFactory(village=tree.village, phone="+84912345002")
    client.force_login(operator)
    items = [
        {"client_uuid": str(uuid.uuid4()), "method": "phone", "phone": "0912345001"},
        {"client_uuid": str(uuid.uuid4()), "method": "phone", "phone": "0912345002"},
    ]

    # when both are sent without a name
    body = {"session_id": sp.session_id, "point_id": sp.point_id, "items": items}
    data = post(client, "/api/v1/checkins/batch", body).json()

    # then the known one is created and named masked; the shared one asks for the name
    assert [(r["status"], r["reason"], r["name_masked"]) for r in data["results"]] == [
        ("created", "", "Hoàng V*** N***"),
        ("rejected", "phone_shared", ""),
    ]
    assert CheckIn.objects.count() == 1


def test_single_checkin_answers_a_known_phone_alone_with_the_masked_name(
    client, sp, operator, tree
):
    PersonFactory(village=tree.village, full_name="Hoàng Văn Nam", phone="+84912345001")
    client.force_login(operator)
    body = {
        "session_id": sp.session_id,
        "point_id": sp.point_id,
        "client_uuid": str(uuid.uuid4()),
        "method": "phone",
        "phone": "0912345001",
    }

    response = post(client, "/api/v1/checkins", body)

    assert response.status_code == 201
    assert response.json()["name_masked"] == "Hoàng V*** N***"


def test_single_checkin_of_a_shared_phone_alone_is_422_naming_the_name_field(
    client, sp, operator, tree
):
    PersonFactory(village=tree.village, phone="+84912345002")
    PersonFactory(village=tree.village, phone="+84912345002")
    client.force_login(operator)
    body = {
        "session_id": sp.session_id,
        "point_id": sp.point_id,
        "client_uuid": str(uuid.uuid4()),
        "method": "phone",
        "phone": "0912345002",
    }

    response = post(client, "/api/v1/checkins", body)

    assert response.status_code == 422
    assert response.json()["code"] == "phone_shared"
    assert response.json()["details"]["field"] == "full_name"
