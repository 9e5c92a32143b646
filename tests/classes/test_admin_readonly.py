"""The admin shows sessions, points and check-ins but never writes them: planning and
the check-in services own those writes (scope, validation, reminders)."""

import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from binhdan.classes.models import (
    BridgePoint,
    CheckIn,
    CheckInFlag,
    ClassSession,
    Headcount,
    SessionPoint,
)
from tests.classes.factories import BridgePointFactory, CheckInFactory, SessionPointFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def checked_in():
    """A session point with one check-in, a headcount and a flag."""
    checkin = CheckInFactory()
    session_point = SessionPoint.objects.get(session=checkin.session, point=checkin.point)
    Headcount.objects.create(
        session_point=session_point,
        count=12,
        counted_at=timezone.now(),
        client_uuid=uuid.uuid4(),
    )
    CheckInFlag.objects.create(
        session=checkin.session,
        checkin=checkin,
        other_point=BridgePointFactory(),
        client_uuid=uuid.uuid4(),
    )
    return checkin


def _url(model, view: str, *args) -> str:
    return reverse(f"admin:classes_{model._meta.model_name}_{view}", args=args)


READ_ONLY = [ClassSession, BridgePoint, CheckIn, Headcount]  # SessionPoint: an inline


@pytest.mark.parametrize("model", [*READ_ONLY, CheckInFlag])
def test_view_admin_pages_render(superuser_client, checked_in, model):
    # given a session with a check-in, a headcount and a flag
    row = model.objects.first()

    # when / then: the list and the row's page are still there to read
    assert superuser_client.get(_url(model, "changelist")).status_code == 200
    assert superuser_client.get(_url(model, "change", row.pk)).status_code == 200


@pytest.mark.parametrize("model", [*READ_ONLY, CheckInFlag])
def test_add_refused_in_admin(superuser_client, checked_in, model):
    # given
    before = model.objects.count()

    # when
    response = superuser_client.post(_url(model, "add"), {})

    # then
    assert response.status_code == 403
    assert model.objects.count() == before


@pytest.mark.parametrize("model", READ_ONLY)
def test_delete_refused_in_admin(superuser_client, checked_in, model):
    # given
    row = model.objects.first()

    # when
    response = superuser_client.post(_url(model, "delete", row.pk), {"post": "yes"})

    # then
    assert response.status_code == 403
    assert model.objects.filter(pk=row.pk).exists()


def test_change_session_refused_in_admin(superuser_client, checked_in):
    # given
    session = checked_in.session
    title = session.title

    # when
    response = superuser_client.post(
        _url(ClassSession, "change", session.pk),
        {"title": "Đổi tên ngoài kế hoạch", "kind": "in_person", "status": "cancelled"},
    )

    # then
    assert response.status_code == 403
    session.refresh_from_db()
    assert session.title == title and session.status != "cancelled"


def test_move_point_with_checkins_refused_in_admin(superuser_client, checked_in, tree):
    # given a bridge point where someone checked in
    point = checked_in.point
    village_id = point.village_id

    # when the admin tries to move it to another village
    response = superuser_client.post(
        _url(BridgePoint, "change", point.pk),
        {"name": point.name, "village": tree.other_village.pk, "is_active": "on"},
    )

    # then the point stays where its check-ins were counted
    assert response.status_code == 403
    point.refresh_from_db()
    assert point.village_id == village_id


def test_delete_selected_action_not_offered(superuser_client, checked_in):
    # when the admin bulk-deletes points
    response = superuser_client.post(
        _url(BridgePoint, "changelist"),
        {"action": "delete_selected", "_selected_action": [checked_in.point_id], "post": "yes"},
    )

    # then nothing is deleted (the action is not there)
    assert response.status_code == 200
    assert BridgePoint.objects.filter(pk=checked_in.point_id).exists()


def test_resolve_flag_in_admin_changes_only_resolved_at(superuser_client, checked_in):
    # given a flag, and another session point to try to re-point it to
    flag = CheckInFlag.objects.get()
    elsewhere = SessionPointFactory()

    # when the admin marks it resolved and sends other fields too
    now = timezone.localtime()
    response = superuser_client.post(
        _url(CheckInFlag, "change", flag.pk),
        {
            "resolved_at_0": now.strftime("%Y-%m-%d"),
            "resolved_at_1": now.strftime("%H:%M:%S"),
            "session": elsewhere.session_id,
            "other_point": elsewhere.point_id,
        },
    )

    # then only resolved_at changed
    assert response.status_code == 302, response.context["adminform"].form.errors
    flag.refresh_from_db()
    assert flag.resolved_at is not None
    assert flag.session_id == checked_in.session_id
    assert flag.other_point_id != elsewhere.point_id
