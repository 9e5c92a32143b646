"""The dashboard shows each role the few figures it needs, inside its scope, each a link;
and a "Đang diễn ra" card for a session running now. A handful of queries however big."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from binhdan.accounts.models import Role
from binhdan.learning.services import certificate_issue
from binhdan.web.selectors import dashboard_figures
from tests.accounts.factories import UserFactory, user_with_role
from tests.classes.factories import CheckInFactory, ClassSessionFactory, SessionPointFactory
from tests.classes.planning_helpers import point
from tests.learning.factories import finished_attempt, learner, quiz_with_questions
from tests.people.factories import PersonFactory
from tests.scamcheck.factories import ScamReportFactory

pytestmark = pytest.mark.django_db


def _figures(user) -> dict[str, int]:
    return {f.key: f.value for f in dashboard_figures(user=user)}


@pytest.fixture
def activity(tree):
    """This month: a session in Đông Hưng with two check-ins (one point opened), one in the
    other province; people, a certificate and a pending scam report on each side."""
    session = ClassSessionFactory(area=tree.commune)
    sp = SessionPointFactory(session=session, point=point(tree.village), opened_at=timezone.now())
    CheckInFactory.create_batch(2, session_point=sp)
    elsewhere = ClassSessionFactory(area=tree.other_commune)
    other_sp = SessionPointFactory(session=elsewhere, point=point(tree.other_village))
    CheckInFactory(session_point=other_sp)
    quiz = quiz_with_questions()
    for village in (tree.village, tree.other_village):
        PersonFactory(village=village)
        attempt = finished_attempt(quiz, learner(village), correct=4)
        certificate_issue(attempt=attempt)
        ScamReportFactory(area=village.parent)
    return session


def test_province_admin_sees_figures_of_their_province_only(tree, activity, province_admin):

    figures = _figures(province_admin)

    assert figures == {
        "sessions_month": 1,
        "points_opened_month": 1,
        "checkins_month": 2,
        "people_month": 2,
        "people": 2,  # one registered person and one learner
        "certificates": 1,
        "scam_pending": 1,
    }


def test_volunteer_sees_only_the_people_they_registered(tree, activity):
    volunteer = user_with_role(Role.VOLUNTEER, tree.village)
    PersonFactory(village=tree.village, created_by=volunteer)

    assert _figures(volunteer) == {"people_mine": 1}


def test_operator_sees_their_points_and_todays_sessions(tree, activity):
    operator = user_with_role(Role.OPERATOR, tree.village)
    mine = activity.points.get().point
    mine.operators.add(operator)

    figures = _figures(operator)

    assert (figures["my_points"], figures["my_sessions_today"]) == (1, 1)
    assert "certificates" not in figures
    assert "scam_pending" not in figures
    assert "people" not in figures


def test_user_without_roles_sees_no_figures(tree, activity):
    assert _figures(UserFactory()) == {}


def test_figures_link_to_their_lists(client, tree, activity, province_admin):
    client.force_login(province_admin)

    body = client.get(reverse("web:dashboard")).content.decode()

    assert f'href="{reverse("scamcheck:moderation")}" data-figure="scam_pending"' in body
    assert f'href="{reverse("learning:staff_certificates")}" data-figure="certificates"' in body
    assert f'href="{reverse("people:list")}" data-figure="people"' in body


def test_running_session_card_links_to_its_live_wall(client, tree, activity, commune_officer):
    client.force_login(commune_officer)

    body = client.get(reverse("web:dashboard")).content.decode()

    assert "Đang diễn ra" in body
    assert reverse("console:live_wall", args=[activity.pk]) in body


def test_running_card_leaves_out_sessions_outside_scope_and_finished_ones(
    client, tree, activity, other_commune_officer
):
    # given an officer of the ward: the running session is in Đông Hưng, not theirs
    ClassSessionFactory(
        area=tree.ward,
        starts_at=timezone.now() - dt.timedelta(hours=3),
        ends_at=timezone.now() - dt.timedelta(hours=1),
    )
    client.force_login(other_commune_officer)

    body = client.get(reverse("web:dashboard")).content.decode()

    assert "live-card" not in body


def test_operator_sees_the_running_session_of_their_point(client, tree, activity):
    operator = UserFactory()  # no grant at all: only operator of the point
    activity.points.get().point.operators.add(operator)
    client.force_login(operator)

    body = client.get(reverse("web:dashboard")).content.decode()

    assert reverse("console:live_wall", args=[activity.pk]) in body


def test_dashboard_costs_the_same_few_queries_with_more_data(
    client, tree, activity, django_assert_max_num_queries, province_admin
):
    # given a province admin and ten times the activity
    for _ in range(10):
        sp = SessionPointFactory(session=ClassSessionFactory(area=tree.commune))
        CheckInFactory.create_batch(3, session_point=sp)
        PersonFactory(village=tree.village)
    client.force_login(province_admin)

    # when the dashboard is rendered, then a handful of queries answer every figure
    with django_assert_max_num_queries(30):
        response = client.get(reverse("web:dashboard"))
    assert response.status_code == 200


def test_figures_alone_take_at_most_a_dozen_queries(
    tree, activity, django_assert_max_num_queries, province_admin
):

    with django_assert_max_num_queries(12):
        figures = {f.key: f.value for f in dashboard_figures(user=province_admin)}
    assert figures["sessions_month"] == 1 and figures["checkins_month"] == 2
