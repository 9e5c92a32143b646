import datetime as dt

import pytest
from django.utils import timezone

from binhdan.accounts.models import Role
from binhdan.classes.planning import services as planning
from binhdan.classes.planning.points import PointData, point_update
from binhdan.classes.planning.reminders import session_reminders_queue
from binhdan.notifications.models import OutboxMessage
from tests.accounts.factories import UserFactory, user_with_role
from tests.classes.factories import ClassSessionFactory, SessionPointFactory
from tests.classes.planning_helpers import point

pytestmark = pytest.mark.django_db


@pytest.fixture
def session_in_two_days(tree):
    starts = timezone.now() + dt.timedelta(days=2)
    session = ClassSessionFactory(
        area=tree.province, starts_at=starts, ends_at=starts + dt.timedelta(hours=2)
    )
    operator = UserFactory(email="vanhanh@example.vn")
    SessionPointFactory(session=session, point=point(tree.village, operators=[operator]))
    leader = user_with_role(Role.TEAM_LEADER, tree.commune, email="doitruong@example.vn")
    user_with_role(Role.TEAM_LEADER, tree.ward, email="khac@example.vn")
    return session, operator, leader


def test_reminders_go_to_the_operator_and_the_team_leader_concerned(session_in_two_days):
    session, operator, _leader = session_in_two_days

    queued = session_reminders_queue(session=session)

    recipients = sorted(OutboxMessage.objects.values_list("recipient", "dedupe_key"))
    assert queued == 4
    assert {r for r, _ in recipients} == {"vanhanh@example.vn", "doitruong@example.vn"}
    keys = " ".join(key for _, key in recipients)
    assert f"session-reminder:{session.pk}:{operator.pk}:day_before:" in keys


def test_reminders_queued_twice_are_stored_once(session_in_two_days):
    session, _operator, _leader = session_in_two_days

    session_reminders_queue(session=session)
    again = session_reminders_queue(session=session)

    assert again == 0
    assert OutboxMessage.objects.count() == 4


def test_reminder_times_are_a_day_and_an_hour_before(session_in_two_days):
    session, operator, _leader = session_in_two_days

    session_reminders_queue(session=session)

    times = sorted(
        OutboxMessage.objects.filter(recipient=operator.email).values_list("send_after", flat=True)
    )
    assert times == [
        session.starts_at - dt.timedelta(days=1),
        session.starts_at - dt.timedelta(hours=1),
    ]


def test_day_before_reminder_is_skipped_when_its_time_has_passed(session_in_two_days):
    session, operator, _leader = session_in_two_days
    now = session.starts_at - dt.timedelta(hours=5)

    session_reminders_queue(session=session, now=now)

    keys = OutboxMessage.objects.filter(recipient=operator.email).values_list(
        "dedupe_key", flat=True
    )
    assert [":hour_before:" in key for key in keys] == [True]


def test_cancelling_a_session_drops_its_queued_reminders(
    session_in_two_days, django_capture_on_commit_callbacks
):
    session, _operator, _leader = session_in_two_days
    session_reminders_queue(session=session)

    with django_capture_on_commit_callbacks(execute=True):
        planning.session_cancel(actor=None, session=session)

    assert OutboxMessage.objects.count() == 0


def test_reminder_text_names_the_point_and_the_stream_link(session_in_two_days):
    session, operator, _leader = session_in_two_days
    session.stream_url = "https://video.example.vn/live/9"
    session.save()

    session_reminders_queue(session=session)

    body = OutboxMessage.objects.filter(recipient=operator.email).first().body
    assert "https://video.example.vn/live/9" in body
    assert "Điểm cầu của bạn" in body


def test_operator_added_to_a_point_later_gets_reminders(
    tree, session_in_two_days, django_capture_on_commit_callbacks
):
    session, _operator, _leader = session_in_two_days
    sp = session.points.get()
    newcomer = UserFactory(email="moi@example.vn")
    data = PointData(village=sp.point.village, name=sp.point.name, operators=[newcomer])

    with django_capture_on_commit_callbacks(execute=True):
        point_update(actor=None, point=sp.point, data=data)

    assert OutboxMessage.objects.filter(recipient="moi@example.vn").count() == 2
