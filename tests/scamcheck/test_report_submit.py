"""Reporting a scam through the API: normalised, idempotent, rate limited, anonymous."""

import uuid

import pytest

from binhdan.scamcheck.models import ScamReport
from binhdan.scamcheck.services import report_submit
from tests.db_text import all_database_text

pytestmark = pytest.mark.django_db

URL = "/api/v1/scamcheck/reports"


def post_report(client, **payload):
    extra = {}
    if "REMOTE_ADDR" in payload:
        extra["REMOTE_ADDR"] = payload.pop("REMOTE_ADDR")
    body = {"client_uuid": str(uuid.uuid4()), "kind": "phone", "value": "0912 345 678"} | payload
    return client.post(URL, body, content_type="application/json", **extra)


def test_report_needs_no_login_and_stores_the_normalised_value(client):
    response = post_report(client, kind="domain", value="https://a.vcb-xacthuc.top/login")

    assert response.status_code == 201
    body = response.json()
    assert body["value"] == "vcb-xacthuc.top"
    assert body["status"] == "pending"
    assert ScamReport.objects.get().value == "vcb-xacthuc.top"


def test_report_retry_with_same_client_uuid_answers_200_with_the_same_report(client):
    key = str(uuid.uuid4())

    first = post_report(client, client_uuid=key)
    again = post_report(client, client_uuid=key)

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json() == again.json()
    assert ScamReport.objects.count() == 1


def test_report_service_returns_the_existing_row_on_retry(db):
    key = uuid.uuid4()
    first, created = report_submit(client_uuid=key, kind="phone", value="0912345678")
    again, created_again = report_submit(client_uuid=key, kind="phone", value="0987654321")
    assert created and not created_again
    assert again.pk == first.pk and again.value == "+84912345678"


def test_report_is_rate_limited_per_address_at_10_an_hour(client):
    for _ in range(10):
        assert post_report(client, REMOTE_ADDR="10.1.1.1").status_code == 201

    refused = post_report(client, REMOTE_ADDR="10.1.1.1")

    assert refused.status_code == 429
    assert refused.json()["code"] == "rate_limited"
    assert post_report(client, REMOTE_ADDR="10.1.1.2").status_code == 201


def test_retry_of_a_made_report_is_answered_even_when_rate_limited(client):
    key = str(uuid.uuid4())
    assert post_report(client, client_uuid=key, REMOTE_ADDR="10.1.1.3").status_code == 201
    for _ in range(9):
        post_report(client, REMOTE_ADDR="10.1.1.3")

    assert post_report(client, client_uuid=key, REMOTE_ADDR="10.1.1.3").status_code == 200


@pytest.mark.parametrize(
    ("kind", "value", "code"),
    [
        ("phone", "12345", "phone_invalid"),
        ("domain", "khong phai link", "domain_invalid"),
        ("bank_account", "12 34", "account_invalid"),
        ("message", "   ", "message_required"),
    ],
)
def test_invalid_value_is_422_naming_the_field(client, kind, value, code):
    response = post_report(client, kind=kind, value=value)

    assert response.status_code == 422
    body = response.json()
    assert body["code"] == code
    assert body["details"] == {"field": "value"}
    assert ScamReport.objects.count() == 0


def test_unknown_kind_is_422_naming_kind(client):
    response = post_report(client, kind="email")
    assert response.status_code == 422
    assert response.json()["details"][0]["field"] == "kind"


def test_missing_client_uuid_is_422(client):
    response = client.post(
        URL, {"kind": "phone", "value": "0912345678"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["details"][0]["field"] == "client_uuid"


def test_unknown_commune_is_422_naming_commune_code(client, tree):
    response = post_report(client, commune_code="99999")
    assert response.status_code == 422
    assert response.json()["details"] == {"field": "commune_code"}


def test_report_with_a_commune_is_placed_in_its_subtree(client, tree):
    post_report(client, commune_code=tree.commune.code)
    report = ScamReport.objects.get()
    assert report.area == tree.commune
    assert report.area_path == tree.commune.path


def test_report_body_accepts_no_reporter_fields(client):
    response = post_report(client, reporter_phone="0987654321")
    assert response.status_code == 422
    assert ScamReport.objects.count() == 0


def test_reporter_address_and_identity_are_not_stored(client):
    post_report(client, note="goi luc 9h", REMOTE_ADDR="203.0.113.77")
    text = all_database_text()
    assert "203.0.113.77" not in text
    report = ScamReport.objects.get()
    assert report.moderated_by is None and report.note == "goi luc 9h"


def test_message_report_also_reports_each_number_and_link_it_holds(client):
    key = uuid.uuid4()
    message = "Con bi tai nan, goi 0912 345 678 hoac chuyen STK 0123456789, xem vcb-x.top/a"

    response = post_report(client, client_uuid=str(key), kind="message", value=message)

    assert response.status_code == 201
    rows = {(r.kind, r.value) for r in ScamReport.objects.all()}
    assert ("phone", "+84912345678") in rows
    assert ("domain", "vcb-x.top") in rows
    assert ("bank_account", "0123456789") in rows
    assert ScamReport.objects.get(client_uuid=key).raw_text == message
    assert len(rows) == 4


def test_message_report_retry_creates_no_derived_report_twice(client):
    key = str(uuid.uuid4())
    message = "Goi ngay 0912 345 678 de nhan qua"
    post_report(client, client_uuid=key, kind="message", value=message)
    post_report(client, client_uuid=key, kind="message", value=message)
    assert ScamReport.objects.count() == 2
