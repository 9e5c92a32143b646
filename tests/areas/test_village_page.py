"""The village page shows what happened there: points, sessions, people reached, learners;
counts with links where the user may see the lists."""

import pytest
from django.urls import reverse

from binhdan.accounts.models import Role
from binhdan.classes.models import SessionStatus
from binhdan.learning.services import certificate_issue
from tests.accounts.factories import user_with_role
from tests.classes.factories import CheckInFactory, ClassSessionFactory, SessionPointFactory
from tests.classes.planning_helpers import point
from tests.learning.factories import finished_attempt, learner, quiz_with_questions
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def village_story(tree):
    """Thôn Đông: one point, two sessions held there (3 check-ins, a headcount of 5), one
    cancelled session; two people living there, one passed a quiz and holds a certificate."""
    here = point(tree.village, name="Nhà văn hóa thôn Đông", self_checkin_code="7KQ2M9XD4TRBZC8H")
    first = SessionPointFactory(
        session=ClassSessionFactory(area=tree.commune, title="Lớp 1"), point=here
    )
    CheckInFactory.create_batch(2, session_point=first)
    second = SessionPointFactory(
        session=ClassSessionFactory(area=tree.commune, title="Lớp 2"), point=here, headcount=5
    )
    CheckInFactory(session_point=second)
    cancelled = ClassSessionFactory(
        area=tree.commune, title="Lớp hủy", status=SessionStatus.CANCELLED
    )
    SessionPointFactory(session=cancelled, point=here)
    PersonFactory(village=tree.village)
    attempt = finished_attempt(quiz_with_questions(), learner(tree.village), correct=4)
    certificate_issue(attempt=attempt)
    PersonFactory(village=tree.village2)  # another village: not counted
    return first.session


def _page(client, user, village):
    client.force_login(user)
    return client.get(reverse("areas:detail", args=[village.code])).content.decode()


def test_officer_sees_points_sessions_people_and_learners_with_links(
    client, tree, village_story, commune_officer
):
    body = _page(client, commune_officer, tree.village)

    assert "Hoạt động tại thôn" in body
    assert "Nhà văn hóa thôn Đông" in body and "7KQ2-M9XD-4TRB-ZC8H" in body
    assert "<strong>2</strong>buổi học đã tổ chức" in body  # the cancelled one left out
    assert "<strong>7</strong>lượt tham dự" in body  # 2 + max(1, 5)
    assert "<strong>3</strong>người đã điểm danh" in body
    assert f'href="{reverse("people:list")}?thon={tree.village.code}"><strong>2</strong>' in body
    assert "<strong>1</strong>người dân đã làm bài kiểm tra" in body
    assert (
        f'{reverse("learning:staff_certificates")}?xa={tree.commune.code}"><strong>1</strong>'
        in body
    )
    assert reverse("classes:session", args=[village_story.pk]) in body


def test_volunteer_sees_only_what_their_role_may_see(client, tree, village_story):
    volunteer = user_with_role(Role.VOLUNTEER, tree.village)
    PersonFactory(village=tree.village, created_by=volunteer)

    body = _page(client, volunteer, tree.village)

    assert "người dân bạn đã ghi nhận ở thôn" in body
    assert f'?thon={tree.village.code}"><strong>1</strong>' in body
    assert "buổi học đã tổ chức" not in body  # no session.view
    assert "người dân đã làm bài kiểm tra" not in body  # no learning.view


def test_commune_page_has_no_village_activity(client, tree, village_story, commune_officer):
    body = _page(client, commune_officer, tree.commune)

    assert "Hoạt động tại thôn" not in body


def test_village_page_costs_a_few_queries(
    client, tree, village_story, django_assert_max_num_queries, commune_officer
):
    client.force_login(commune_officer)

    with django_assert_max_num_queries(25):
        response = client.get(reverse("areas:detail", args=[tree.village.code]))
    assert response.status_code == 200
    assert "Nhà văn hóa thôn Đông" in response.content.decode()
