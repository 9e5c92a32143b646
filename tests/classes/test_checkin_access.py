"""classes.access: one rule for who sees, manages and operates a session and a point.

Planning used to ignore point operators and ``session.manage`` when it decided who sees a
session, while check-in and the live wall counted them.
"""

import pytest
from django.urls import reverse

from binhdan.accounts import permissions
from binhdan.accounts.models import Role
from binhdan.accounts.permissions import Action
from binhdan.classes import access
from binhdan.classes.planning import selectors as planning
from binhdan.classes.planning.attendance import checkins_for_export
from tests.accounts.factories import UserFactory, user_with_role
from tests.classes.factories import (
    BridgePointFactory,
    CheckInFactory,
    ClassSessionFactory,
    SessionPointFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def province_session(tree):
    """A province's online class with a point in the commune and one in the ward."""
    session = ClassSessionFactory(area=tree.province, area_path=tree.province.path)
    operator = UserFactory()  # operates the commune's point, holds no grant at all
    mine = SessionPointFactory(
        session=session, point=BridgePointFactory(village=tree.village, operators=[operator])
    )
    other = SessionPointFactory(
        session=session, point=BridgePointFactory(village=tree.ward_village)
    )
    return session, operator, mine, other


def test_an_operator_of_a_point_opens_the_session_page(client, province_session):
    session, operator, mine, other = province_session
    client.force_login(operator)

    response = client.get(reverse("classes:session", args=[session.pk]))

    assert response.status_code == 200
    body = response.content.decode()
    assert mine.point.name in body
    assert other.point.name not in body


def test_an_operator_sees_their_point_of_the_session_and_may_not_manage_it(province_session):
    session, operator, mine, _other = province_session

    assert list(planning.sessions_for_user(user=operator)) == [session]
    assert list(planning.session_points_for_user(user=operator, session=session)) == [mine]
    assert not planning.session_can_manage(user=operator, session=session)
    assert access.session_scope(session=session, user=operator).point_ids == {mine.point_id}


def test_an_operator_exports_the_check_ins_of_their_point_only(province_session):
    session, operator, mine, other = province_session
    here = CheckInFactory(session_point=mine)
    CheckInFactory(session_point=other)

    rows = checkins_for_export(user=operator, session=session)

    assert [row.pk for row in rows] == [here.pk]


def test_a_user_who_operates_nothing_and_holds_no_grant_sees_no_session(client, province_session):
    session, *_ = province_session
    client.force_login(UserFactory())

    assert client.get(reverse("classes:session", args=[session.pk])).status_code == 404
    assert list(planning.sessions_for_user(user=UserFactory())) == []


def test_whoever_may_manage_a_session_may_see_it(tree, monkeypatch, province_session):
    # A role that manages sessions without the view action (none does today): managing
    # implies seeing, in planning as in the live figures.
    session, *_ = province_session
    monkeypatch.setitem(
        permissions.ROLE_ACTIONS,
        Role.COMMUNE_OFFICER,
        frozenset({Action.AREA_VIEW, Action.SESSION_MANAGE}),
    )
    manager = user_with_role(Role.COMMUNE_OFFICER, tree.province)

    assert planning.session_can_manage(user=manager, session=session)
    assert list(planning.sessions_for_user(user=manager)) == [session]
    assert access.session_scope(session=session, user=manager).everything


def test_a_commune_officer_manages_and_sees_a_commune_session(
    tree, commune_officer, other_commune_officer
):
    session = ClassSessionFactory(area=tree.commune, area_path=tree.commune.path)

    assert planning.session_can_manage(user=commune_officer, session=session)
    assert list(planning.sessions_for_user(user=commune_officer)) == [session]
    assert not planning.session_can_manage(user=other_commune_officer, session=session)
    assert list(planning.sessions_for_user(user=other_commune_officer)) == []


def test_check_ins_are_written_by_operators_and_checkin_write_scope_only(tree, province_session):
    _session, operator, mine, other = province_session
    team_leader = user_with_role(Role.TEAM_LEADER, tree.ward)
    instructor = user_with_role(Role.INSTRUCTOR, tree.province)  # sees, does not write

    def writable(user, sp):
        return access.checkin_writable(user=user, point_id=sp.point_id, area_path=sp.area_path)

    assert writable(operator, mine) and not writable(operator, other)
    assert writable(team_leader, other) and not writable(team_leader, mine)
    assert not writable(instructor, mine)
