"""Device tokens: bound to one bridge point, check-in endpoints only, issued by its managers."""

import datetime as dt
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from binhdan.accounts.models import ApiToken, Role
from binhdan.accounts.services import hash_token, token_revoke
from binhdan.classes.checkin.device_tokens import device_token_issue, device_token_revoke
from binhdan.classes.models import CheckIn
from binhdan.core.errors import NotFound
from tests.accounts.factories import UserFactory, user_with_role
from tests.classes.factories import BridgePointFactory, ClassSessionFactory, SessionPointFactory


def bearer(raw: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.fixture
def session(tree):
    return ClassSessionFactory(area=tree.province, area_path=tree.province.path)


@pytest.fixture
def sp(session, tree):
    """Point P, in the officer's commune."""
    return SessionPointFactory(session=session, point=BridgePointFactory(village=tree.village))


@pytest.fixture
def other_sp(session, tree):
    """Point Q, in the same commune and the same session."""
    return SessionPointFactory(session=session, point=BridgePointFactory(village=tree.village2))


@pytest.fixture
def device(commune_officer, sp):
    return device_token_issue(actor=commune_officer, point_id=sp.point_id, name="Điện thoại điểm P")


def checkin_body(session_point, n=1) -> dict:
    return {
        "session_id": session_point.session_id,
        "point_id": session_point.point_id,
        "client_uuid": str(uuid.uuid4()),
        "method": "phone",
        "phone": f"0912345{n:03d}",
        "full_name": f"Trần Văn {n}",
    }


def post(client, url, body, auth):
    return client.post(url, body, content_type="application/json", **auth)


# --------------------------------------------------------------------------- issuing


def test_officer_issues_device_token_bound_to_the_point_owned_by_the_officer(
    commune_officer, sp, device
):
    token = ApiToken.objects.get()
    assert (token.user, token.created_by, token.bridge_point_id) == (
        commune_officer,
        commune_officer,
        sp.point_id,
    )
    assert token.key_hash == hash_token(device.raw)
    assert token.expires_at > timezone.now() + dt.timedelta(days=179)


def test_operator_of_the_point_cannot_issue_a_device_token(tree, sp):
    operator = user_with_role(Role.OPERATOR, tree.village)
    sp.point.operators.add(operator)

    with pytest.raises(NotFound):
        device_token_issue(actor=operator, point_id=sp.point_id, name="x")
    assert not ApiToken.objects.exists()


def test_officer_of_another_commune_cannot_issue_a_device_token(tree, sp, other_commune_officer):

    with pytest.raises(NotFound):
        device_token_issue(actor=other_commune_officer, point_id=sp.point_id, name="x")


# --------------------------------------------------------------------------- using


def test_device_token_checks_in_at_its_point_recorded_as_by_the_issuer(
    client, commune_officer, sp, device
):
    response = post(client, "/api/v1/checkins", checkin_body(sp), bearer(device.raw))

    assert response.status_code == 201
    assert CheckIn.objects.get().recorded_by == commune_officer


def test_device_token_cannot_check_in_at_another_point(client, sp, other_sp, device):
    # given a device token of P; its issuer may write at Q too (same commune)
    single = post(client, "/api/v1/checkins", checkin_body(other_sp), bearer(device.raw))
    batch = post(
        client,
        "/api/v1/checkins/batch",
        {
            "session_id": other_sp.session_id,
            "point_id": other_sp.point_id,
            "items": [{k: v for k, v in checkin_body(other_sp).items() if "_id" not in k}],
        },
        bearer(device.raw),
    )
    opened = client.post(
        f"/api/v1/sessions/{other_sp.session_id}/points/{other_sp.point_id}/open",
        **bearer(device.raw),
    )

    for response in (single, batch, opened):
        assert response.status_code == 403
        assert response.json()["code"] == "token_not_allowed"
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize(
    "method, url",
    [
        ("get", "/api/v1/people"),
        ("get", "/api/v1/me"),
        ("get", "/api/v1/areas"),
        ("post", "/api/v1/people"),
    ],
)
def test_device_token_is_refused_outside_the_check_in_endpoints(client, device, method, url):
    response = getattr(client, method)(url, content_type="application/json", **bearer(device.raw))

    assert response.status_code == 403
    assert response.json()["code"] == "token_not_allowed"


def test_device_token_cannot_read_the_live_figures(client, sp, device):
    response = client.get(f"/api/v1/sessions/{sp.session_id}/live", **bearer(device.raw))

    assert response.status_code == 403
    assert response.json()["code"] == "token_not_allowed"


def test_device_token_opens_reports_and_closes_its_point(client, sp, device):
    base = f"/api/v1/sessions/{sp.session_id}/points/{sp.point_id}"
    headcount = {
        "session_id": sp.session_id,
        "point_id": sp.point_id,
        "client_uuid": str(uuid.uuid4()),
        "count": 12,
        "counted_at": timezone.now().isoformat(),
    }

    opened = client.post(f"{base}/open", **bearer(device.raw))
    beat = client.post(f"{base}/heartbeat", **bearer(device.raw))
    counted = post(client, "/api/v1/headcounts", headcount, bearer(device.raw))
    closed = client.post(f"{base}/close", **bearer(device.raw))

    assert (opened.status_code, beat.status_code, counted.status_code) == (200, 200, 201)
    assert closed.json()["closed_at"] is not None


def test_device_token_lists_the_sessions_of_its_point_only(client, sp, other_sp, device):
    response = client.get("/api/v1/operator/sessions", **bearer(device.raw))

    assert response.status_code == 200
    assert [e["point"]["id"] for e in response.json()] == [sp.point_id]


def test_device_token_stops_when_its_issuer_loses_the_commune(client, commune_officer, sp, device):
    commune_officer.grants.all().delete()

    write = post(client, "/api/v1/checkins", checkin_body(sp), bearer(device.raw))
    listing = client.get("/api/v1/operator/sessions", **bearer(device.raw))

    assert write.status_code == 403
    assert listing.json() == []


def test_device_token_cannot_submit_a_quiz_attempt_as_helper(client, device):
    response = post(client, "/api/v1/quiz-attempts", {}, bearer(device.raw))

    assert response.status_code == 403
    assert response.json()["code"] == "token_not_allowed"


# --------------------------------------------------------------------------- revoking


def test_another_manager_of_the_point_revokes_its_device_token(client, tree, sp, device):
    province_admin = user_with_role(Role.PROVINCE_ADMIN, tree.province)

    device_token_revoke(actor=province_admin, point_id=sp.point_id, token_id=device.token.pk)

    response = post(client, "/api/v1/checkins", checkin_body(sp), bearer(device.raw))
    assert response.status_code == 401


def test_a_stranger_cannot_revoke_a_device_token(tree, sp, device, other_commune_officer):

    with pytest.raises(NotFound):
        token_revoke(actor=other_commune_officer, token_id=device.token.pk)
    assert ApiToken.objects.get().revoked_at is None


# --------------------------------------------------------------------------- pages


def test_point_tokens_page_issues_a_token_shown_once(client, commune_officer, sp):
    client.force_login(commune_officer)
    url = reverse("classes:point_tokens", args=[sp.point_id])

    issued_page = client.post(url, {"name": "Máy tính bảng"})
    later_page = client.get(url)

    token = ApiToken.objects.get()
    text = issued_page.content.decode()
    raw = text.split('id="new-token">')[1].split("<")[0]
    assert hash_token(raw) == token.key_hash
    assert token.bridge_point_id == sp.point_id
    assert raw not in later_page.content.decode()
    assert (
        timezone.localtime(token.expires_at).strftime("%H:%M %d/%m/%Y")
        in later_page.content.decode()
    )


def test_point_tokens_page_is_404_for_an_operator_and_another_commune(
    client, tree, sp, other_commune_officer
):
    operator = user_with_role(Role.OPERATOR, tree.village)
    sp.point.operators.add(operator)
    url = reverse("classes:point_tokens", args=[sp.point_id])

    for user in (operator, other_commune_officer):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.post(url, {"name": "x"}).status_code == 404
    assert not ApiToken.objects.exists()


def test_point_tokens_page_revokes(client, commune_officer, sp, device):
    client.force_login(commune_officer)

    response = client.post(
        reverse("classes:point_token_revoke", args=[sp.point_id, device.token.pk])
    )

    assert response.status_code == 302
    assert ApiToken.objects.get().revoked_at is not None


def test_point_tokens_page_does_not_revoke_a_token_of_another_point(
    client, commune_officer, sp, other_sp
):
    token_of_q = device_token_issue(
        actor=UserFactory(is_superuser=True), point_id=other_sp.point_id, name="Q"
    )
    client.force_login(commune_officer)

    response = client.post(
        reverse("classes:point_token_revoke", args=[sp.point_id, token_of_q.token.pk])
    )

    assert response.status_code == 404
    assert ApiToken.objects.get().revoked_at is None
