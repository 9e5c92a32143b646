"""Choosing many bridge points of a session at once, by commune, keeping the filter."""

import pytest
from django.urls import reverse

from binhdan.accounts.models import Role
from binhdan.classes.models import SessionPoint
from binhdan.classes.planning.forms import SessionForm
from binhdan.classes.planning.services import session_points_choose
from binhdan.core.errors import OutsideScope
from tests.accounts.factories import user_with_role
from tests.areas.factories import village
from tests.classes.factories import CheckInFactory, ClassSessionFactory, SessionPointFactory
from tests.classes.planning_helpers import point

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(tree):
    """A province session with no point yet."""
    return ClassSessionFactory(area=tree.province, title="Lớp toàn tỉnh")


@pytest.fixture
def points(tree):
    return {
        "dong": point(tree.village, name="Nhà văn hóa thôn Đông"),
        "tay": point(tree.village2, name="Nhà văn hóa thôn Tây"),
        "pho": point(tree.ward_village, name="Nhà văn hóa tổ 1"),
    }


def _in_session(session) -> set[int]:
    return set(SessionPoint.objects.filter(session=session).values_list("point_id", flat=True))


def test_choose_adds_and_removes_many_points_at_once(province_admin, session, points):
    SessionPointFactory(session=session, point=points["pho"])

    result = session_points_choose(
        actor=province_admin,
        session=session,
        add=[points["dong"], points["tay"]],
        remove=[points["pho"]],
    )

    assert _in_session(session) == {points["dong"].pk, points["tay"].pk}
    assert (len(result.added), len(result.removed), result.refused) == (2, 1, [])


def test_choose_keeps_a_point_with_checkins_and_says_why(province_admin, session, points):
    sp = SessionPointFactory(session=session, point=points["dong"])
    CheckInFactory(session_point=sp)
    SessionPointFactory(session=session, point=points["tay"])

    result = session_points_choose(
        actor=province_admin, session=session, remove=[points["dong"], points["tay"]]
    )

    assert _in_session(session) == {points["dong"].pk}
    assert [(p, "điểm danh" in reason) for p, reason in result.refused] == [(points["dong"], True)]


def test_choose_refuses_points_outside_the_actors_scope(tree, session, points, commune_officer):

    with pytest.raises(OutsideScope):
        session_points_choose(actor=commune_officer, session=session, add=[points["pho"]])
    assert _in_session(session) == set()


def test_choose_refuses_an_inactive_point(province_admin, session, points):
    points["tay"].is_active = False
    points["tay"].save()

    result = session_points_choose(actor=province_admin, session=session, add=[points["tay"]])

    assert _in_session(session) == set()
    assert [p for p, _reason in result.refused] == [points["tay"]]


def _url(session, **params):
    from urllib.parse import urlencode

    url = reverse("classes:session_points_choose", args=[session.pk])
    return url + ("?" + urlencode(params) if params else "")


def test_page_lists_communes_sorted_and_one_communes_points_ticked(
    client, tree, province_admin, session, points
):
    SessionPointFactory(session=session, point=points["dong"])
    client.force_login(province_admin)

    response = client.get(_url(session, xa=tree.commune.code))

    body = response.content.decode()
    assert response.status_code == 200
    assert body.index("Phường Phố Hiến") < body.index("Xã Đông Hưng")  # by name, folded
    assert f'value="{points["dong"].pk}" checked' in body
    assert f'value="{points["tay"].pk}"' in body
    assert "Nhà văn hóa tổ 1" not in body  # another commune's point
    assert "Chọn tất cả điểm của xã này" in body


def test_save_ticks_and_unticks_and_keeps_commune_and_filter(
    client, tree, province_admin, session, points
):
    # given thôn Đông's point in the session, the officer filtering "nha van hoa" in Đông Hưng
    SessionPointFactory(session=session, point=points["dong"])
    client.force_login(province_admin)

    # when they untick Đông, tick Tây and save
    response = client.post(
        _url(session),
        {
            "xa": tree.commune.code,
            "q": "nha van hoa",
            "action": "save",
            "shown": [points["dong"].pk, points["tay"].pk],
            "point": [points["tay"].pk],
        },
    )

    # then only Tây is in the session and they are back on the same commune and filter
    assert _in_session(session) == {points["tay"].pk}
    assert response.status_code == 302
    assert response["Location"] == _url(session, xa=tree.commune.code, q="nha van hoa")


def test_choose_all_of_a_commune_then_none(client, tree, province_admin, session, points):
    client.force_login(province_admin)

    client.post(_url(session), {"xa": tree.commune.code, "action": "all"})
    assert _in_session(session) == {points["dong"].pk, points["tay"].pk}

    client.post(_url(session), {"xa": tree.commune.code, "action": "none"})
    assert _in_session(session) == set()


def test_filter_without_commune_searches_every_commune(
    client, tree, province_admin, session, points
):
    client.force_login(province_admin)

    response = client.get(_url(session, q="to 1"))

    body = response.content.decode()
    assert "Nhà văn hóa tổ 1" in body
    assert "Nhà văn hóa thôn Đông" not in body


def test_page_is_not_found_for_a_user_who_cannot_plan_there(client, tree, session, points):
    client.force_login(user_with_role(Role.OPERATOR, tree.village))

    response = client.get(_url(session))

    assert response.status_code == 404


def test_officer_sees_only_their_communes_points(client, tree, session, points, commune_officer):
    # given a province session holding one point of the officer's commune (so they see it)
    SessionPointFactory(session=session, point=points["tay"])
    client.force_login(commune_officer)

    response = client.get(_url(session))

    body = response.content.decode()
    assert "Nhà văn hóa thôn Đông" in body  # their one commune is opened directly
    assert "Nhà văn hóa tổ 1" not in body
    assert "Phường Phố Hiến" not in body


def test_removing_from_the_session_page_keeps_the_commune_filter(
    client, tree, province_admin, session, points
):
    SessionPointFactory(session=session, point=points["dong"])
    client.force_login(province_admin)

    response = client.post(
        reverse("classes:session_point_remove", args=[session.pk, points["dong"].pk]),
        {"xa": tree.commune.code},
    )

    assert response["Location"].endswith(f"?xa={tree.commune.code}#points")


def test_session_form_areas_are_sorted_by_folded_name_with_villages_under_their_commune(
    tree, commune_officer
):
    # given an officer of two communes (so villages are offered too)
    from binhdan.accounts.models import RoleGrant

    RoleGrant.objects.create(user=commune_officer, area=tree.ward, role=Role.COMMUNE_OFFICER)
    village(tree.commune, 3, "Thôn Ấp Bắc")

    labels = [label for _value, label in SessionForm(user=commune_officer).fields["area"].choices][
        1:
    ]

    assert labels == [
        "Phường Phố Hiến",
        "— Tổ dân phố số 1",
        "Xã Đông Hưng",
        "— Thôn Ấp Bắc",
        "— Thôn Đông",
        "— Thôn Tây",
    ]


def test_session_form_area_select_is_searchable(tree, province_admin):
    html = str(SessionForm(user=province_admin)["area"])

    assert "data-filter=" in html
