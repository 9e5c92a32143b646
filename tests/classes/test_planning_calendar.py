import datetime as dt

import pytest

from binhdan.accounts.models import Role
from binhdan.classes.models import SessionKind, SessionStatus
from binhdan.classes.planning.calendar import (
    month_bounds,
    month_calendar,
    parse_month,
    upcoming_sessions_for,
)
from binhdan.classes.planning.selectors import sessions_for_user
from tests.accounts.factories import user_with_role
from tests.classes.factories import ClassSessionFactory, SessionPointFactory
from tests.classes.planning_helpers import local, point
from tests.curriculum.factories import TopicFactory

pytestmark = pytest.mark.django_db


def _session(area, starts_at, **kwargs):
    return ClassSessionFactory(
        area=area, starts_at=starts_at, ends_at=starts_at + dt.timedelta(hours=2), **kwargs
    )


def _days(cal):
    return {
        day.date: [s.pk for s in day.sessions] for week in cal.weeks for day in week if day.sessions
    }


def test_month_bounds_are_local_midnights():
    start, end = month_bounds(2026, 12)

    assert start.isoformat() == "2026-12-01T00:00:00+07:00"
    assert end.isoformat() == "2027-01-01T00:00:00+07:00"


def test_calendar_places_late_evening_sessions_on_their_local_day(tree, province_admin):
    # 23:30 on 30 November in Hà Nội is 16:30 UTC; 00:30 on 1 December is 17:30 UTC on the 30th.
    november = _session(tree.commune, local(2026, 11, 30, 23, 30))
    december = _session(tree.commune, local(2026, 12, 1, 0, 30))

    nov = month_calendar(user=province_admin, year=2026, month=11)
    dec = month_calendar(user=province_admin, year=2026, month=12)

    assert [s.pk for s in nov.sessions] == [november.pk]
    assert _days(nov) == {dt.date(2026, 11, 30): [november.pk]}
    assert [s.pk for s in dec.sessions] == [december.pk]


def test_calendar_counts_distinct_topics_of_online_sessions(tree, province_admin):
    t1, t2, t3, t4 = TopicFactory.create_batch(4)
    _session(tree.province, local(2026, 11, 5)).topics.set([t1, t2])
    _session(tree.province, local(2026, 11, 19)).topics.set([t2])
    _session(tree.commune, local(2026, 11, 20), kind=SessionKind.IN_PERSON).topics.set([t3])
    _session(tree.province, local(2026, 11, 21), status=SessionStatus.CANCELLED).topics.set([t4])

    cal = month_calendar(user=province_admin, year=2026, month=11)

    assert (cal.online_topics, cal.target) == (2, 2)


def test_calendar_links_to_neighbouring_months(tree, province_admin):

    cal = month_calendar(user=province_admin, year=2027, month=1)

    assert (cal.previous, cal.next) == ("2026-12", "2027-02")


@pytest.mark.parametrize("value", ["", "2026-13", "abc", "2026", "1800-01"])
def test_parse_month_falls_back_to_this_month(value):
    assert parse_month(value, today=dt.date(2026, 11, 26)) == (2026, 11)


def test_parse_month_reads_year_and_month():
    assert parse_month("2027-02") == (2027, 2)


def test_operator_sees_province_session_through_their_point(tree):
    operator = user_with_role(Role.OPERATOR, tree.village)
    session = _session(tree.province, local(2026, 11, 5))
    SessionPointFactory(session=session, point=point(tree.village))
    _session(tree.province, local(2026, 11, 6))

    assert list(sessions_for_user(user=operator)) == [session]


def test_commune_officer_does_not_see_another_communes_class(tree, commune_officer):
    _session(tree.ward, local(2026, 11, 5), kind=SessionKind.IN_PERSON)

    assert list(sessions_for_user(user=commune_officer)) == []


def test_upcoming_sessions_put_the_operators_own_first(tree):
    from django.utils import timezone

    operator = user_with_role(Role.OPERATOR, tree.commune)
    mine = point(tree.village2, operators=[operator])
    soon = timezone.now() + dt.timedelta(hours=2)
    other = _session(tree.commune, soon)
    own = _session(tree.commune, soon + dt.timedelta(days=3))
    SessionPointFactory(session=own, point=mine)
    _session(tree.commune, timezone.now() - dt.timedelta(days=3))

    sessions = upcoming_sessions_for(user=operator)

    assert [s.pk for s in sessions] == [own.pk, other.pk]
    assert [sp.point_id for sp in sessions[0].my_points] == [mine.pk]


def test_superuser_sees_sessions_without_points(tree):
    from tests.accounts.factories import UserFactory

    root = UserFactory(is_superuser=True)
    session = _session(tree.commune, local(2026, 11, 5))

    assert list(sessions_for_user(user=root)) == [session]
