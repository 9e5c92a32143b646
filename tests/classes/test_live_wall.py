"""The live wall of a session: figures refreshed by HTMX, scoped to the viewer."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from binhdan.accounts.models import Role
from binhdan.classes.models import SessionPoint
from tests.accounts.factories import UserFactory, user_with_role
from tests.classes.factories import (
    BridgePointFactory,
    CheckInFactory,
    ClassSessionFactory,
    SessionPointFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(tree):
    session = ClassSessionFactory(
        area=tree.province, area_path=tree.province.path, title="Chuyên đề VNeID"
    )
    east = SessionPointFactory(
        session=session, point=BridgePointFactory(village=tree.village, name="Điểm thôn Đông")
    )
    ward = SessionPointFactory(
        session=session, point=BridgePointFactory(village=tree.ward_village, name="Điểm tổ 1")
    )
    for name in ("Nguyễn Văn An", "Trần Thị Bích"):
        CheckInFactory(session_point=east, full_name=name)
    SessionPoint.objects.filter(pk=east.pk).update(checkin_count=2)
    SessionPoint.objects.filter(pk=ward.pk).update(headcount=30)
    return session


def frame(client, session):
    return client.get(reverse("console:live_wall_frame", args=[session.pk]))


def test_live_wall_refreshes_its_frame_every_five_seconds(client, session, tree, province_admin):
    client.force_login(province_admin)

    response = client.get(reverse("console:live_wall", args=[session.pk]))

    body = response.content.decode()
    assert response.status_code == 200
    assert 'hx-trigger="every 5s"' in body
    assert reverse("console:live_wall_frame", args=[session.pk]) in body
    assert "số lớn hơn giữa số người điểm danh và số người đếm được" in body


def test_live_wall_frame_shows_attendance_by_the_counting_rule(
    client, session, tree, province_admin
):
    client.force_login(province_admin)

    response = frame(client, session)

    assert response.status_code == 200
    assert response.context["f"]["attendance"] == 32  # 2 check-ins + a headcount of 30
    assert response.context["headcounted"] == 30
    body = response.content.decode()
    assert "<strong>32</strong>" in body
    assert tree.commune.name in body and tree.ward.name in body


def test_live_wall_frame_masks_the_names_of_people(client, session, tree, province_admin):
    client.force_login(province_admin)

    body = frame(client, session).content.decode()

    assert "Nguyễn V*** A***" in body
    assert "Nguyễn Văn An" not in body


def test_live_wall_frame_lists_points_silent_for_over_two_minutes(
    client, session, tree, province_admin
):
    long_ago = timezone.now() - dt.timedelta(minutes=5)
    SessionPoint.objects.filter(session=session, point__name="Điểm tổ 1").update(
        opened_at=long_ago, last_heartbeat_at=long_ago
    )
    SessionPoint.objects.filter(session=session, point__name="Điểm thôn Đông").update(
        opened_at=long_ago, last_heartbeat_at=timezone.now()
    )
    client.force_login(province_admin)

    response = frame(client, session)

    assert [row["point_name"] for row in response.context["silent"]] == ["Điểm tổ 1"]
    assert response.context["f"]["points_silent"] == 1


def test_live_wall_frame_shows_a_commune_officer_only_the_commune(
    client, session, tree, commune_officer
):
    client.force_login(commune_officer)

    response = frame(client, session)

    assert response.status_code == 200
    assert response.context["f"]["attendance"] == 2
    assert "Điểm tổ 1" not in response.content.decode()


def test_live_wall_is_404_outside_the_viewer_scope(client, session, tree):
    client.force_login(user_with_role(Role.COMMUNE_OFFICER, tree.other_commune))

    assert client.get(reverse("console:live_wall", args=[session.pk])).status_code == 404
    assert frame(client, session).status_code == 404


def test_live_wall_is_404_for_a_user_without_a_role(client, session):
    client.force_login(UserFactory())

    assert frame(client, session).status_code == 404


def test_live_wall_redirects_anonymous_to_login(client, session):
    response = client.get(reverse("console:live_wall", args=[session.pk]))

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_live_wall_of_an_unknown_session_is_404(client, tree, province_admin):
    client.force_login(province_admin)

    assert client.get(reverse("console:live_wall", args=[999999])).status_code == 404
