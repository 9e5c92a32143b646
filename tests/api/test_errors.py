"""The API's error contract, through the full API (its exception handlers included)."""

import json
import uuid
from pathlib import Path

from binhdan.accounts.models import Role
from binhdan.config.api import api
from tests.accounts.factories import user_with_role

SNAPSHOT = Path(__file__).parent / "openapi.snapshot.json"


def test_malformed_json_is_a_400_error_body_not_500(client, tree):
    client.force_login(user_with_role(Role.VOLUNTEER, tree.commune))

    response = client.post("/api/v1/people", "{not json", content_type="application/json")

    assert response.status_code == 400
    assert set(response.json()) == {"code", "message", "details"}
    assert response.json()["code"] == "bad_request"


def test_missing_field_is_422_naming_the_field(client, tree):
    client.force_login(user_with_role(Role.VOLUNTEER, tree.commune))

    response = client.post(
        "/api/v1/people",
        {"client_uuid": str(uuid.uuid4()), "village_code": tree.village.code},
        content_type="application/json",
    )

    body = response.json()
    assert response.status_code == 422
    assert body["code"] == "validation_error"
    assert {"field": "full_name", "message": "Field required"} in body["details"]
    assert "full_name" in body["message"]


def test_unknown_field_is_refused(client, tree):
    client.force_login(user_with_role(Role.VOLUNTEER, tree.commune))

    response = client.post(
        "/api/v1/people",
        {
            "client_uuid": str(uuid.uuid4()),
            "village_code": tree.village.code,
            "full_name": "A",
            "cccd_number": "x",
        },
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json()["details"][0]["field"] == "cccd_number"


def test_unknown_area_is_404_with_code(client, tree, province_admin):
    client.force_login(province_admin)

    response = client.get("/api/v1/areas/99999")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_wrong_type_in_query_is_422(client, tree, province_admin):
    client.force_login(province_admin)
    response = client.get("/api/v1/areas?limit=abc")
    assert response.status_code == 422
    assert response.json()["details"][0]["field"] == "limit"


def test_session_write_without_csrf_is_refused(tree):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user_with_role(Role.VOLUNTEER, tree.commune))

    response = strict.post(
        "/api/v1/people",
        {"client_uuid": str(uuid.uuid4()), "village_code": tree.village.code, "full_name": "A"},
        content_type="application/json",
    )

    assert response.status_code == 403


def test_responses_are_utf8_not_escaped(client, tree, province_admin):
    client.force_login(province_admin)
    response = client.get(f"/api/v1/areas/{tree.province.code}")
    assert "Hưng Yên".encode() in response.content


def test_openapi_document_matches_committed_snapshot(db):
    """An API change must be deliberate: regenerate with `make openapi` and commit it."""
    current = api.get_openapi_schema()
    assert json.loads(json.dumps(current)) == json.loads(SNAPSHOT.read_text(encoding="utf-8"))


def test_openapi_json_is_served(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "binhdan API"


def test_api_docs_page_uses_local_assets_only(client, db):
    response = client.get("/api/v1/docs")
    html = response.content.decode()
    head = html.replace("http://testserver", "").split("<body")[0].replace("<!--", "")
    assert response.status_code == 200, html[:500]
    assert "cdn" not in html.lower()
    assert "//" not in head, head
