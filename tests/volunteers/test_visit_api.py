import datetime as dt
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from binhdan.accounts.models import Role
from binhdan.accounts.services import token_issue
from binhdan.people.models import Person
from binhdan.volunteers.models import SupportVisit, TodoItem
from tests.accounts.factories import UserFactory, user_with_role
from tests.people.factories import PersonFactory
from tests.volunteers.factories import TeamFactory, VolunteerFactory


def bearer(user):
    raw = token_issue(actor=user, user=user, name="điện thoại").raw
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.fixture
def member(tree):
    user = user_with_role(Role.VOLUNTEER, tree.commune)
    return VolunteerFactory(team=TeamFactory(commune=tree.commune), village=tree.village, user=user)


@pytest.fixture
def auth(member):
    return bearer(member.user)


@pytest.fixture
def person(tree):
    return PersonFactory(village=tree.village, birth_year=1990)


def visit(person_id=None, **kwargs):
    body = {
        "client_uuid": str(uuid.uuid4()),
        "visited_at": (timezone.now() - dt.timedelta(hours=1)).isoformat(),
        "person_id": person_id,
        "service_kinds": ["vneid-level-2"],
        "outcome": "done",
        "note": "",
    }
    body.update(kwargs)
    return body


def post(client, url, body, auth):
    return client.post(url, body, content_type="application/json", **auth)


def put(client, url, body, auth):
    return client.put(url, body, content_type="application/json", **auth)


def test_a_visit_is_201_then_a_replay_200_duplicate_storing_it_once(client, auth, member, person):
    body = visit(person.pk, service_kinds=["vneid-level-2", "scam-awareness"], note="Đã kích hoạt")
    first = post(client, "/api/v1/visits", body, auth)
    again = post(client, "/api/v1/visits", body, auth)

    assert first.status_code == 201
    stored = SupportVisit.objects.get()
    assert first.json()["status"] == "created"
    assert first.json()["visit_id"] == stored.pk
    assert again.status_code == 200
    assert again.json()["status"] == "duplicate"
    assert again.json()["visit_id"] == stored.pk
    assert (stored.team, stored.volunteer, stored.village) == (member.team, member, person.village)
    assert sorted(stored.services.values_list("code", flat=True)) == [
        "scam-awareness",
        "vneid-level-2",
    ]
    assert stored.recorded_by == member.user


def test_another_members_client_uuid_is_409_and_reveals_nothing(client, tree, auth, person):
    body = visit(person.pk)
    post(client, "/api/v1/visits", body, auth)
    other = VolunteerFactory(
        team=TeamFactory(commune=tree.commune), village=tree.village, user=UserFactory()
    )
    response = post(client, "/api/v1/visits", body, bearer(other.user))
    assert response.status_code == 409
    assert response.json()["code"] == "client_uuid_taken"
    assert "visit_id" not in response.json()
    assert SupportVisit.objects.count() == 1


def test_a_person_or_village_outside_the_teams_commune_is_403(client, tree, auth):
    outsider = PersonFactory(village=tree.ward_village)
    response = post(client, "/api/v1/visits", visit(outsider.pk), auth)
    assert response.status_code == 403
    assert response.json()["code"] == "outside_scope"
    inside = PersonFactory(village=tree.village)
    response = post(
        client, "/api/v1/visits", visit(inside.pk, village_code=tree.ward_village.code), auth
    )
    assert response.status_code == 403
    assert response.json()["code"] == "outside_scope"
    assert not SupportVisit.objects.exists()


def test_someone_who_is_not_an_active_member_is_403(client, tree, person):
    officer = user_with_role(Role.COMMUNE_OFFICER, tree.commune)
    response = post(client, "/api/v1/visits", visit(person.pk), bearer(officer))
    assert response.status_code == 403
    assert response.json()["code"] == "outside_scope"


@pytest.mark.parametrize(
    ("change", "status", "code", "field"),
    [
        ({"visited_at": "hôm qua"}, 422, "validation_error", "visited_at"),
        ({"client_uuid": "abc"}, 422, "validation_error", "client_uuid"),
        ({"outcome": "xong"}, 422, "outcome_invalid", "outcome"),
        ({"service_kinds": ["bay"]}, 422, "service_kind_unknown", "service_kinds"),
        ({"service_kinds": []}, 422, "service_kind_unknown", "service_kinds"),
        ({"note": "x" * 1001}, 422, "note_too_long", "note"),
        ({"visited_at": "2020-01-01T08:00:00+07:00"}, 422, "visited_at_invalid", "visited_at"),
        ({"visited_at": "2099-01-01T08:00:00+07:00"}, 422, "visited_at_invalid", "visited_at"),
        ({"person_id": None}, 422, "person_required", "person_id"),
    ],
)
def test_a_malformed_visit_is_422_naming_the_field(
    client, auth, person, change, status, code, field
):
    response = post(client, "/api/v1/visits", {**visit(person.pk), **change}, auth)
    assert response.status_code == status
    data = response.json()
    assert data["code"] == code
    if code == "validation_error":
        assert [d["field"] for d in data["details"]] == [field]
    else:
        assert data["details"] == {"field": field}
    assert not SupportVisit.objects.exists()


def test_a_naive_visited_at_is_refused(client, auth, person):
    naive = (timezone.now() - dt.timedelta(hours=1)).replace(tzinfo=None).isoformat()
    response = post(client, "/api/v1/visits", visit(person.pk, visited_at=naive), auth)
    assert response.json()["code"] == "visited_at_invalid"


def test_an_inline_person_is_registered_in_the_teams_commune(client, tree, auth, member):
    new = {"full_name": "Lê Thị Mơ", "birth_year": 1950, "village_code": tree.village2.code}
    response = post(client, "/api/v1/visits", visit(person=new, outcome="follow_up"), auth)
    assert response.status_code == 201
    stored = SupportVisit.objects.get()
    assert stored.person.full_name == "Lê Thị Mơ"
    assert stored.person.created_by == member.user
    assert stored.village == tree.village2
    assert TodoItem.objects.get(done_at__isnull=True).person == stored.person


def test_a_vulnerable_flag_without_consent_is_422_and_nothing_is_stored(client, tree, auth, person):
    post(client, "/api/v1/visits", visit(person.pk), auth)
    people_before = Person.objects.count()
    new = {"full_name": "Lê Văn Tư", "birth_year": 1980, "has_disability": True}
    response = post(
        client, "/api/v1/visits", visit(person=new, village_code=tree.village.code), auth
    )
    assert response.status_code == 422
    assert response.json()["code"] == "consent_required"
    assert response.json()["details"] == {"field": "person.sensitive_consent"}
    assert Person.objects.count() == people_before
    assert SupportVisit.objects.count() == 1


def test_a_batch_answers_each_item_in_order_and_one_bad_item_blocks_nothing(
    client, tree, auth, person
):
    stored = visit(person.pk)
    post(client, "/api/v1/visits", stored, auth)
    outsider = PersonFactory(village=tree.ward_village)
    fresh = visit(person.pk, outcome="partly")
    items = [
        fresh,
        stored,
        visit(outsider.pk),
        visit(person.pk, outcome="??"),
        fresh,
        visit(person.pk, note="Lần hai"),
    ]
    response = post(client, "/api/v1/visits/batch", {"visits": items}, auth)
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["client_uuid"] for r in results] == [i["client_uuid"] for i in items]
    assert [r["status"] for r in results] == [
        "created",
        "duplicate",
        "rejected",
        "rejected",
        "duplicate",
        "created",
    ]
    assert [r["code"] for r in results] == ["", "", "outside_scope", "outcome_invalid", "", ""]
    assert results[2]["field"] == "person_id"
    assert results[2]["message"]
    assert results[4]["visit_id"] == results[0]["visit_id"]
    assert SupportVisit.objects.count() == 3

    replay = post(client, "/api/v1/visits/batch", {"visits": items}, auth).json()["results"]
    assert [r["status"] for r in replay] == ["duplicate"] * 2 + ["rejected"] * 2 + ["duplicate"] * 2
    assert [r["visit_id"] for r in replay] == [r["visit_id"] for r in results]
    assert SupportVisit.objects.count() == 3


@pytest.mark.parametrize("size", [0, 1001])
def test_an_empty_or_too_large_batch_is_422(client, auth, person, size):
    items = [visit(person.pk) for _ in range(size)]
    response = post(client, "/api/v1/visits/batch", {"visits": items}, auth)
    assert response.status_code == 422
    assert response.json()["code"] == "batch_too_large"
    assert not SupportVisit.objects.exists()


def test_a_batch_costs_the_same_queries_for_10_and_80_visits(client, tree, auth):
    # 80, not 100: SQLite's 999 parameters split a bulk insert every 83 visits
    # (PostgreSQL inserts 1,000 in one statement).
    people = iter([PersonFactory(village=tree.village) for _ in range(100)])

    def run(n):
        items = [
            visit(next(people).pk, outcome="done" if i % 2 else "follow_up", note=f"n{i}")
            for i in range(n)
        ]
        with CaptureQueriesContext(connection) as queries:
            response = post(client, "/api/v1/visits/batch", {"visits": items}, auth)
        results = response.json()["results"]
        assert [r["status"] for r in results] == ["created"] * n
        assert [r["client_uuid"] for r in results] == [i["client_uuid"] for i in items]
        return len(queries)

    run(10)  # the token and the service kinds are cached from here on
    small, large = run(10), run(80)
    assert small == large
    assert SupportVisit.objects.count() == 100
    assert TodoItem.objects.filter(done_at__isnull=True).count() == 50


def test_an_edit_with_the_updated_at_it_saw_is_saved(client, auth, person):
    body = visit(person.pk, outcome="follow_up")
    created = post(client, "/api/v1/visits", body, auth).json()
    edit = {**body, "outcome": "done", "note": "Xong", "base_updated_at": created["updated_at"]}
    response = put(client, f"/api/v1/visits/{body['client_uuid']}", edit, auth)
    assert response.status_code == 200
    assert response.json()["status"] == "updated"
    assert response.json()["updated_at"] != created["updated_at"]
    stored = SupportVisit.objects.get()
    assert (stored.outcome, stored.note) == ("done", "Xong")
    assert not TodoItem.objects.filter(done_at__isnull=True).exists()


def test_a_stale_edit_is_409_with_both_versions_and_changes_nothing(client, auth, person):
    body = visit(person.pk, outcome="follow_up", note="Lần đầu")
    created = post(client, "/api/v1/visits", body, auth).json()
    url = f"/api/v1/visits/{body['client_uuid']}"
    first = {**body, "note": "Sửa trên máy A", "base_updated_at": created["updated_at"]}
    assert put(client, url, first, auth).status_code == 200
    second = {**body, "note": "Sửa trên máy B", "base_updated_at": created["updated_at"]}
    response = put(client, url, second, auth)
    assert response.status_code == 409
    data = response.json()
    assert data["code"] == "visit_conflict"
    assert data["details"]["stored"]["note"] == "Sửa trên máy A"
    assert data["details"]["yours"]["note"] == "Sửa trên máy B"
    assert SupportVisit.objects.get().note == "Sửa trên máy A"


def test_only_the_member_who_logged_it_or_a_manager_may_edit(client, tree, auth, person):
    body = visit(person.pk)
    created = post(client, "/api/v1/visits", body, auth).json()
    edit = {**body, "note": "Khác", "base_updated_at": created["updated_at"]}
    url = f"/api/v1/visits/{body['client_uuid']}"
    other = VolunteerFactory(
        team=TeamFactory(commune=tree.commune), village=tree.village, user=UserFactory()
    )
    assert put(client, url, edit, bearer(other.user)).status_code == 404
    officer = user_with_role(Role.COMMUNE_OFFICER, tree.commune)
    assert put(client, url, edit, bearer(officer)).status_code == 200


def test_a_body_client_uuid_other_than_the_paths_is_422(client, auth, person):
    body = visit(person.pk)
    created = post(client, "/api/v1/visits", body, auth).json()
    edit = {**visit(person.pk), "base_updated_at": created["updated_at"]}
    response = put(client, f"/api/v1/visits/{body['client_uuid']}", edit, auth)
    assert response.status_code == 422
    assert response.json()["code"] == "client_uuid_mismatch"
