"""A CCCD entered through the UI or the API appears nowhere in the database or the logs."""

import logging
import uuid

import pytest
from django.db import connection

from binhdan.accounts.models import Role
from tests.accounts.factories import user_with_role
from tests.db_text import all_database_text

CCCD = "033190004321"  # synthetic: female, born 1990


def assert_nowhere(text: str):
    assert CCCD not in text
    assert CCCD[:8] not in text  # not even the first eight digits


@pytest.fixture
def everything_logged(caplog):
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django.db.backends")
    return caplog


def test_cccd_from_web_form_is_not_in_database_or_logs(
    client, tree, everything_logged, settings, commune_officer
):
    settings.DEBUG = True  # SQL with parameters goes to the log too
    client.force_login(commune_officer)

    response = client.post(
        "/nguoi-dan/them/",
        {
            "full_name": "Hoàng Thị Giang",
            "village": tree.village.code,
            "cccd": CCCD,
            "client_uuid": str(uuid.uuid4()),
        },
    )

    assert response.status_code == 302
    assert "INSERT" in everything_logged.text  # the SQL log was captured
    assert_nowhere(all_database_text())
    assert_nowhere(everything_logged.text)


def test_cccd_from_api_is_not_in_database_or_logs(client, tree, everything_logged, settings):
    settings.DEBUG = True
    client.force_login(user_with_role(Role.VOLUNTEER, tree.commune))

    response = client.post(
        "/api/v1/people",
        {
            "client_uuid": str(uuid.uuid4()),
            "village_code": tree.village.code,
            "full_name": "Hoàng Thị Giang",
            "cccd": CCCD,
        },
        content_type="application/json",
    )

    assert response.status_code == 201
    assert response.json()["cccd_last4"] == "4321"
    assert CCCD not in response.content.decode()
    assert_nowhere(all_database_text())
    assert_nowhere(everything_logged.text)


def test_rejected_cccd_is_not_echoed_by_api_validation_error(client, tree, everything_logged):
    client.force_login(user_with_role(Role.VOLUNTEER, tree.commune))

    response = client.post(
        "/api/v1/people",
        {
            "client_uuid": "not-a-uuid",
            "village_code": tree.village.code,
            "full_name": "X",
            "cccd": CCCD,
        },
        content_type="application/json",
    )

    assert response.status_code == 422
    assert CCCD not in response.content.decode()
    assert_nowhere(everything_logged.text)


@pytest.mark.django_db(transaction=True)
def test_cccd_is_not_in_the_sqlite_database_file(client, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the on-disk file check is SQLite's; the row scan above covers PostgreSQL")
    from tests.areas.factories import build_tree

    tree = build_tree()
    client.force_login(user_with_role(Role.VOLUNTEER, tree.commune))
    client.post(
        "/api/v1/people",
        {
            "client_uuid": str(uuid.uuid4()),
            "village_code": tree.village.code,
            "full_name": "Đinh Văn Hòa",
            "cccd": CCCD,
        },
        content_type="application/json",
    )
    copy = tmp_path / "copy.sqlite3"

    with connection.cursor() as cursor:
        cursor.execute("VACUUM INTO %s", [str(copy)])

    data = copy.read_bytes()
    assert b"\xc4\x90inh V\xc4\x83n H\xc3\xb2a" in data  # the name is there: the copy is real
    assert CCCD.encode() not in data
    assert CCCD.encode("utf-16-le") not in data
