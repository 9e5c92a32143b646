"""The live wall is reached from the calendar and the session page while a session runs,
and its "Vừa điểm danh" list says when each check-in happened."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from binhdan.classes.checkin.selectors import session_is_live, sessions_live_for_user
from binhdan.classes.models import SessionStatus
from tests.accounts.factories import UserFactory
from tests.classes.factories import (
    BridgePointFactory,
    CheckInFactory,
    ClassSessionFactory,
    SessionPointFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def running(tree):
    """A session of the xã that started 10 minutes ago, with a point in Thôn Đông."""
    session = ClassSessionFactory(
        area=tree.commune, area_path=tree.commune.path, title="Chuyên đề đang học"
    )
    SessionPointFactory(session=session, point=BridgePointFactory(village=tree.village))
    return session


@pytest.fixture
def tomorrow(tree):
    return ClassSessionFactory(
        area=tree.commune,
        area_path=tree.commune.path,
        title="Chuyên đề ngày mai",
        starts_at=timezone.now() + dt.timedelta(days=1),
    )


def wall_url(session) -> str:
    return reverse("console:live_wall", args=[session.pk])


# --------------------------------------------------------------------------- the selector


def test_sessions_live_for_user_gives_running_sessions_in_scope(
    tree, running, tomorrow, commune_officer
):

    assert list(sessions_live_for_user(user=commune_officer)) == [running]


def test_sessions_live_for_user_leaves_out_ended_and_cancelled_sessions(
    tree, running, commune_officer
):
    ended = ClassSessionFactory(
        area=tree.commune,
        starts_at=timezone.now() - dt.timedelta(hours=3),
        ends_at=timezone.now() - dt.timedelta(minutes=1),
    )
    cancelled = ClassSessionFactory(area=tree.commune, status=SessionStatus.CANCELLED)

    live = list(sessions_live_for_user(user=commune_officer))

    assert live == [running]
    assert not session_is_live(ended) and not session_is_live(cancelled)


def test_sessions_live_for_user_is_empty_outside_scope(tree, running, other_commune_officer):

    assert list(sessions_live_for_user(user=other_commune_officer)) == []
    assert list(sessions_live_for_user(user=UserFactory())) == []


def test_sessions_live_for_user_includes_a_session_at_a_point_i_operate(tree):
    # given a province session with a point in the phường run by an operator without grants
    operator = UserFactory()
    session = ClassSessionFactory(area=tree.province, area_path=tree.province.path)
    SessionPointFactory(
        session=session, point=BridgePointFactory(village=tree.ward_village, operators=[operator])
    )

    assert list(sessions_live_for_user(user=operator)) == [session]


def test_sessions_live_for_user_costs_one_query(
    tree, running, django_assert_num_queries, commune_officer
):
    commune_officer.refresh_from_db()
    list(sessions_live_for_user(user=commune_officer))  # warm the user's grants

    with django_assert_num_queries(1):
        live = list(sessions_live_for_user(user=commune_officer))
    assert live == [running]


# --------------------------------------------------------------------------- the pages


def test_calendar_links_the_wall_of_a_running_session_only(
    client, tree, running, tomorrow, commune_officer
):
    client.force_login(commune_officer)

    body = client.get(reverse("classes:calendar")).content.decode()

    assert wall_url(running) in body
    assert wall_url(tomorrow) not in body
    assert "Đang diễn ra" in body


def test_calendar_has_no_live_section_when_nothing_runs(client, tree, tomorrow, commune_officer):
    client.force_login(commune_officer)

    body = client.get(reverse("classes:calendar")).content.decode()

    assert "Đang diễn ra" not in body
    assert "/truc-tiep/" not in body


def test_session_page_links_the_wall_while_the_session_runs(
    client, tree, running, tomorrow, commune_officer
):
    client.force_login(commune_officer)

    now_page = client.get(reverse("classes:session", args=[running.pk])).content.decode()
    later_page = client.get(reverse("classes:session", args=[tomorrow.pk])).content.decode()

    assert wall_url(running) in now_page
    assert "/truc-tiep/" not in later_page


def test_session_page_of_a_cancelled_session_has_no_wall_link(
    client, tree, running, commune_officer
):
    running.status = SessionStatus.CANCELLED
    running.save()
    client.force_login(commune_officer)

    body = client.get(reverse("classes:session", args=[running.pk])).content.decode()

    assert "/truc-tiep/" not in body


# --------------------------------------------------------------------------- "Vừa điểm danh"


def _latest_lines(client, session) -> list[str]:
    body = client.get(reverse("console:live_wall_frame", args=[session.pk])).content.decode()
    items = re.search(r'<ul class="latest">(.*?)</ul>', body, re.S)[1]
    return [re.sub(r"<[^>]+>", "", li).split() for li in items.split("</li>") if li.strip()]


def test_wall_shows_when_a_checkin_happened_in_local_time(client, tree, running, commune_officer):
    sp = running.points.get()
    at = timezone.now() - dt.timedelta(minutes=1)
    CheckInFactory(session_point=sp, full_name="Nguyễn Văn An", checked_in_at=at)
    client.force_login(commune_officer)

    [line] = _latest_lines(client, running)

    assert line[0] == timezone.localtime(at).strftime("%H:%M")
    assert "gửi" not in line


def test_wall_says_when_an_offline_checkin_was_sent(client, tree, running, commune_officer):
    # given a check-in made 9 minutes ago on a phone without network, received just now
    sp = running.points.get()
    at = timezone.now() - dt.timedelta(minutes=9)
    checkin = CheckInFactory(session_point=sp, full_name="Trần Thị Bích", checked_in_at=at)
    client.force_login(commune_officer)

    [line] = _latest_lines(client, running)

    # then the wall gives the time it happened, and the time it reached the server
    sent = timezone.localtime(checkin.received_at).strftime("%H:%M")
    assert line[0] == timezone.localtime(at).strftime("%H:%M")
    assert " ".join(line).endswith(f"gửi lúc {sent}")
