import datetime as dt
import uuid
from urllib.parse import urlencode

import pytest
from django.utils import timezone

from binhdan.accounts.services import token_issue
from binhdan.classes.models import CheckIn, ClassSession, SessionPoint, SessionStatus
from tests.accounts.factories import UserFactory
from tests.classes.factories import BridgePointFactory, ClassSessionFactory, SessionPointFactory


@pytest.fixture
def auth(operator):
    raw = token_issue(actor=operator, user=operator, name="máy điểm cầu").raw
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.fixture
def sp(tree, operator):
    session = ClassSessionFactory(area=tree.province, area_path=tree.province.path)
    point = BridgePointFactory(village=tree.village, operators=[operator])
    return SessionPointFactory(session=session, point=point)


def item(n=0, **kwargs):
    values = {
        "client_uuid": str(uuid.uuid4()),
        "method": "phone",
        "phone": f"0912345{n:03d}",
        "full_name": f"Trần Văn {n}",
    }
    values.update(kwargs)
    return values


def post(client, url, body, auth):
    return client.post(url, body, content_type="application/json", **auth)


def test_single_check_in_is_201_then_200_duplicate(client, sp, auth):
    body = {"session_id": sp.session_id, "point_id": sp.point_id, **item(1)}
    first = post(client, "/api/v1/checkins", body, auth)
    again = post(client, "/api/v1/checkins", body, auth)
    assert first.status_code == 201
    assert first.json()["status"] == "created"
    assert again.status_code == 200
    assert again.json() == {
        "client_uuid": body["client_uuid"],
        "status": "duplicate",
        "reason": "retry",
    }
    assert CheckIn.objects.count() == 1


def test_single_rejected_item_is_422_naming_the_field(client, sp, auth):
    body = {"session_id": sp.session_id, "point_id": sp.point_id, **item(1, phone="12")}
    response = post(client, "/api/v1/checkins", body, auth)
    assert response.status_code == 422
    assert response.json()["code"] == "phone_invalid"
    assert response.json()["details"] == {"field": "phone"}


def test_rejected_single_item_message_is_the_reason_text_not_its_code(client, sp, auth):
    body = {"session_id": sp.session_id, "point_id": sp.point_id, **item(1, phone="12")}

    data = post(client, "/api/v1/checkins", body, auth).json()

    assert data["code"] == "phone_invalid"
    assert data["message"] == "Số điện thoại không hợp lệ: hãy nhập 10 số, ví dụ 0912 345 678."
    assert "phone_invalid" not in data["message"]


def test_rejected_batch_items_carry_the_reason_text(client, sp, auth):
    items = [item(1), item(2, phone="x"), item(3, method="name", phone="")]
    body = {"session_id": sp.session_id, "point_id": sp.point_id, "items": items}

    results = post(client, "/api/v1/checkins/batch", body, auth).json()["results"]

    assert results[0]["message"] == ""
    assert (results[1]["reason"], results[1]["message"]) == (
        "phone_invalid",
        "Số điện thoại không hợp lệ: hãy nhập 10 số, ví dụ 0912 345 678.",
    )
    assert (results[2]["reason"], results[2]["message"]) == (
        "identity_missing",
        "Cần họ tên, năm sinh và thôn (hoặc số điện thoại, số CCCD).",
    )


def test_batch_reports_each_item(client, sp, auth):
    items = [item(1), item(2), item(1), item(3, phone="x")]
    response = post(
        client,
        "/api/v1/checkins/batch",
        {"session_id": sp.session_id, "point_id": sp.point_id, "items": items},
        auth,
    )
    assert response.status_code == 200
    data = response.json()
    assert (data["created"], data["duplicate"], data["rejected"]) == (2, 1, 1)
    assert [r["reason"] for r in data["results"]] == ["", "", "already_checked_in", "phone_invalid"]
    assert SessionPoint.objects.get(pk=sp.pk).checkin_count == 2


def test_batch_over_1000_items_is_422_batch_too_large(client, sp, auth):
    items = [item(i % 999) for i in range(1001)]
    response = post(
        client,
        "/api/v1/checkins/batch",
        {"session_id": sp.session_id, "point_id": sp.point_id, "items": items},
        auth,
    )
    assert response.status_code == 422
    assert response.json()["code"] == "batch_too_large"
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize(
    "body, field",
    [
        ({"point_id": 1, "client_uuid": str(uuid.uuid4()), "method": "phone"}, "session_id"),
        (
            {"session_id": 1, "point_id": 1, "client_uuid": "not-a-uuid", "method": "phone"},
            "client_uuid",
        ),
        (
            {
                "session_id": 1,
                "point_id": 1,
                "client_uuid": str(uuid.uuid4()),
                "method": "phone",
                "x": 1,
            },
            "x",
        ),
    ],
    ids=["missing-session", "bad-uuid", "unknown-field"],
)
def test_malformed_body_is_422_with_the_field(client, auth, body, field):
    response = post(client, "/api/v1/checkins", body, auth)
    assert response.status_code == 422
    assert field in [d["field"] for d in response.json()["details"]]


def test_not_json_is_a_400_not_a_500(client, auth):
    response = client.post(
        "/api/v1/checkins/batch", "{not json", content_type="application/json", **auth
    )
    assert response.status_code == 400
    assert set(response.json()) == {"code", "message", "details"}
    assert response.json()["code"] == "bad_request"


def test_operator_of_another_point_gets_403_outside_scope(client, sp, tree):
    other = UserFactory()
    BridgePointFactory(village=tree.village2, operators=[other])
    raw = token_issue(actor=other, user=other, name="máy khác").raw
    body = {"session_id": sp.session_id, "point_id": sp.point_id, **item(1)}
    response = post(client, "/api/v1/checkins", body, {"HTTP_AUTHORIZATION": f"Bearer {raw}"})
    assert response.status_code == 403
    assert response.json()["code"] == "outside_scope"


def test_point_not_in_session_is_403(client, sp, auth, tree):
    other_session = ClassSessionFactory(area=tree.province, area_path=tree.province.path)
    body = {"session_id": other_session.pk, "point_id": sp.point_id, **item(1)}
    response = post(client, "/api/v1/checkins", body, auth)
    assert response.status_code == 403
    assert response.json()["code"] == "point_not_in_session"


def test_unknown_session_is_404(client, sp, auth):
    body = {"session_id": 999999, "point_id": sp.point_id, **item(1)}
    assert post(client, "/api/v1/checkins", body, auth).status_code == 404


def test_anonymous_is_401(client, sp):
    body = {"session_id": sp.session_id, "point_id": sp.point_id, **item(1)}
    assert post(client, "/api/v1/checkins", body, {}).status_code == 401


def test_staff_session_of_commune_officer_may_write(client, sp, tree, commune_officer):
    client.force_login(commune_officer)
    body = {"session_id": sp.session_id, "point_id": sp.point_id, **item(1)}
    response = client.post("/api/v1/checkins", body, content_type="application/json")
    assert response.status_code == 201


def test_headcount_endpoint_is_idempotent_and_latest_wins(client, sp, auth):
    now = timezone.now()
    key = str(uuid.uuid4())
    base = {"session_id": sp.session_id, "point_id": sp.point_id}
    first = post(
        client,
        "/api/v1/headcounts",
        {**base, "client_uuid": key, "count": 50, "counted_at": now.isoformat()},
        auth,
    )
    again = post(
        client,
        "/api/v1/headcounts",
        {**base, "client_uuid": key, "count": 50, "counted_at": now.isoformat()},
        auth,
    )
    older = post(
        client,
        "/api/v1/headcounts",
        {
            **base,
            "client_uuid": str(uuid.uuid4()),
            "count": 10,
            "counted_at": (now - dt.timedelta(minutes=3)).isoformat(),
        },
        auth,
    )
    assert (first.status_code, again.status_code, older.status_code) == (201, 200, 201)
    assert older.json()["point_headcount"] == 50


def test_headcount_negative_count_is_422(client, sp, auth):
    body = {
        "session_id": sp.session_id,
        "point_id": sp.point_id,
        "client_uuid": str(uuid.uuid4()),
        "count": -1,
        "counted_at": timezone.now().isoformat(),
    }
    response = post(client, "/api/v1/headcounts", body, auth)
    assert response.status_code == 422
    assert response.json()["details"][0]["field"] == "count"


@pytest.mark.parametrize("action", ["open", "heartbeat", "close"])
def test_point_status_endpoints_are_idempotent(client, sp, auth, action):
    url = f"/api/v1/sessions/{sp.session_id}/points/{sp.point_id}/{action}"
    first = client.post(url, **auth)
    again = client.post(url, **auth)
    assert first.status_code == again.status_code == 200
    assert first.json()["opened_at"] == again.json()["opened_at"] is not None


@pytest.mark.parametrize("action", ["open", "heartbeat", "close"])
def test_point_status_at_in_the_future_is_422_at_invalid(client, sp, auth, action):
    # given a time far ahead (it would keep the point from ever counting as silent)
    url = f"/api/v1/sessions/{sp.session_id}/points/{sp.point_id}/{action}"
    ahead = timezone.now() + dt.timedelta(minutes=10)

    response = client.post(f"{url}?{urlencode({'at': ahead.isoformat()})}", **auth)

    assert response.status_code == 422
    assert response.json()["code"] == "at_invalid"
    assert response.json()["details"] == {"field": "at"}
    sp.refresh_from_db()
    assert (sp.opened_at, sp.last_heartbeat_at, sp.closed_at) == (None, None, None)


@pytest.mark.parametrize("action", ["open", "heartbeat", "close"])
def test_point_status_at_before_the_session_day_is_422_at_invalid(client, sp, auth, action):
    # given a time just before local midnight of the session's day (Asia/Ho_Chi_Minh)
    url = f"/api/v1/sessions/{sp.session_id}/points/{sp.point_id}/{action}"
    day = timezone.localtime(sp.session.starts_at).date()
    midnight = timezone.make_aware(dt.datetime.combine(day, dt.time.min))

    late_eve = client.post(
        f"{url}?{urlencode({'at': (midnight - dt.timedelta(seconds=1)).isoformat()})}", **auth
    )
    at_midnight = client.post(f"{url}?{urlencode({'at': midnight.isoformat()})}", **auth)

    assert late_eve.status_code == 422
    assert late_eve.json()["code"] == "at_invalid"
    assert at_midnight.status_code == 200


def test_point_status_at_far_in_the_future_as_a_date_is_422(client, sp, auth):
    url = f"/api/v1/sessions/{sp.session_id}/points/{sp.point_id}/heartbeat?at=2099-01-01"

    response = client.post(url, **auth)

    assert response.status_code == 422
    assert response.json()["code"] == "at_invalid"


def test_point_status_at_within_tolerance_is_kept(client, sp, auth):
    url = f"/api/v1/sessions/{sp.session_id}/points/{sp.point_id}/open"
    at = timezone.now() + dt.timedelta(minutes=4)

    response = client.post(f"{url}?{urlencode({'at': at.isoformat()})}", **auth)

    assert response.status_code == 200
    sp.refresh_from_db()
    assert sp.opened_at == at


def test_operator_sessions_lists_my_points_with_commune_villages(client, sp, auth, tree):
    response = client.get("/api/v1/operator/sessions", **auth)
    assert response.status_code == 200
    [entry] = response.json()
    assert entry["session"]["id"] == sp.session_id
    assert entry["point"]["id"] == sp.point_id
    codes = {v["code"] for v in entry["villages"]}
    assert codes == {tree.village.code, tree.village2.code}


def test_operator_sessions_hides_ended_sessions(client, sp, auth):
    sp.session.starts_at = timezone.now() - dt.timedelta(days=2)
    sp.session.ends_at = sp.session.starts_at + dt.timedelta(hours=1)
    sp.session.save()
    assert client.get("/api/v1/operator/sessions", **auth).json() == []


def test_a_point_streaming_check_ins_skips_the_session_point_query(
    client, sp, auth, django_assert_max_num_queries
):
    # given one check-in made: the token and the session point are now remembered
    body = {"session_id": sp.session_id, "point_id": sp.point_id, **item(1)}
    assert post(client, "/api/v1/checkins", body, auth).status_code == 201

    # when the next one comes, then only the write is left (one statement on PostgreSQL;
    # on SQLite the insert and the counter in one transaction)
    with django_assert_max_num_queries(4):
        response = post(client, "/api/v1/checkins", {**body, **item(2)}, auth)
    assert response.status_code == 201
    assert CheckIn.objects.count() == 2


def test_a_session_cancelled_meanwhile_is_not_written_to(client, sp, auth):
    # given the session point remembered from a first check-in
    body = {"session_id": sp.session_id, "point_id": sp.point_id, **item(1)}
    assert post(client, "/api/v1/checkins", body, auth).status_code == 201

    # when the session is cancelled by someone else a moment later
    ClassSession.objects.filter(pk=sp.session_id).update(status=SessionStatus.CANCELLED)
    single = post(client, "/api/v1/checkins", {**body, **item(2)}, auth)
    batch = post(
        client,
        "/api/v1/checkins/batch",
        {"session_id": sp.session_id, "point_id": sp.point_id, "items": [item(3)]},
        auth,
    )

    # then nothing more is stored and the console is told why
    assert (single.status_code, single.json()["code"]) == (409, "session_cancelled")
    assert (batch.status_code, batch.json()["code"]) == (409, "session_cancelled")
    assert CheckIn.objects.count() == 1


def test_a_point_removed_from_the_session_meanwhile_is_not_written_to(client, sp, auth):
    body = {"session_id": sp.session_id, "point_id": sp.point_id, **item(1)}
    assert post(client, "/api/v1/checkins", body, auth).status_code == 201
    CheckIn.objects.all().delete()

    SessionPoint.objects.filter(pk=sp.pk).delete()
    response = post(client, "/api/v1/checkins", {**body, **item(2)}, auth)

    assert (response.status_code, response.json()["code"]) == (403, "point_not_in_session")
    assert CheckIn.objects.count() == 0
