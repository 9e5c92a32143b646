import datetime as dt

import pytest

from binhdan.accounts.models import Role
from binhdan.classes.models import BridgePoint, SessionKind, SessionPoint, SessionStatus
from binhdan.classes.planning import services as planning
from binhdan.classes.planning.points import PointData, point_create, points_bulk_per_village
from binhdan.core.errors import Conflict, InvalidInput, OutsideScope
from tests.accounts.factories import user_with_role
from tests.classes.factories import CheckInFactory
from tests.classes.planning_helpers import point, session_data

pytestmark = pytest.mark.django_db


def _error(exc_info) -> tuple[str, str]:
    return exc_info.value.code, exc_info.value.details["field"]


def test_create_session_refuses_end_before_start(commune_officer, tree):
    data = session_data(tree.commune)
    data.ends_at = data.starts_at - dt.timedelta(minutes=1)

    with pytest.raises(InvalidInput) as exc:
        planning.session_create(actor=commune_officer, data=data)

    assert _error(exc) == ("ends_before_start", "ends_at")
    assert "sau giờ bắt đầu" in exc.value.message


def test_create_session_refuses_more_than_twelve_hours(commune_officer, tree):
    data = session_data(tree.commune)
    data.ends_at = data.starts_at + dt.timedelta(hours=13)

    with pytest.raises(InvalidInput) as exc:
        planning.session_create(actor=commune_officer, data=data)

    assert _error(exc) == ("session_too_long", "ends_at")
    assert exc.value.message == "Một buổi học dài tối đa 12 giờ. Hãy kiểm tra ngày kết thúc."


def test_in_person_session_and_bulk_points_keep_their_own_area_level_message(province_admin, tree):
    with pytest.raises(InvalidInput) as in_person:
        planning.session_create(
            actor=province_admin,
            data=session_data(tree.province, kind=SessionKind.IN_PERSON, venue="Hội trường"),
        )
    with pytest.raises(InvalidInput) as bulk:
        points_bulk_per_village(actor=province_admin, area=tree.village)

    assert _error(in_person) == _error(bulk) == ("area_level", "area")
    assert "thôn/tổ dân phố" in in_person.value.message
    assert bulk.value.message == "Hãy chọn một xã/phường hoặc cả tỉnh."


def test_create_in_person_session_requires_a_venue(commune_officer, tree):
    data = session_data(tree.village, kind=SessionKind.IN_PERSON, venue=" ")

    with pytest.raises(InvalidInput) as exc:
        planning.session_create(actor=commune_officer, data=data)

    assert _error(exc) == ("venue_required", "venue")


def test_create_online_session_refuses_a_village_as_organiser(commune_officer, tree):
    with pytest.raises(InvalidInput) as exc:
        planning.session_create(actor=commune_officer, data=session_data(tree.village))

    assert _error(exc) == ("area_level", "area")


def test_create_session_refuses_a_bad_stream_link(commune_officer, tree):
    with pytest.raises(InvalidInput) as exc:
        planning.session_create(
            actor=commune_officer, data=session_data(tree.commune, stream_url="javascript:alert(1)")
        )

    assert _error(exc) == ("stream_url_invalid", "stream_url")


def test_create_session_refuses_an_instructor_without_the_role(commune_officer, tree):
    not_instructor = user_with_role(Role.OPERATOR, tree.village)

    with pytest.raises(InvalidInput) as exc:
        planning.session_create(
            actor=commune_officer, data=session_data(tree.commune, instructor=not_instructor)
        )

    assert _error(exc) == ("instructor_role", "instructor")


def test_create_session_outside_scope_is_refused(commune_officer, tree):
    with pytest.raises(OutsideScope):
        planning.session_create(actor=commune_officer, data=session_data(tree.ward))


def test_online_session_covers_every_active_point_of_its_area(province_admin, tree):
    a = point(tree.village)
    b = point(tree.village2)
    point(tree.village2, is_active=False)
    c = point(tree.ward_village)
    point(tree.other_village)

    session = planning.session_create(actor=province_admin, data=session_data(tree.province))

    rows = SessionPoint.objects.filter(session=session)
    assert {r.point_id for r in rows} == {a.pk, b.pk, c.pk}
    assert {r.area_path for r in rows} == {a.area_path, b.area_path, c.area_path}


def test_online_session_of_a_commune_covers_only_its_points(commune_officer, tree):
    a = point(tree.village)
    point(tree.ward_village)

    session = planning.session_create(actor=commune_officer, data=session_data(tree.commune))

    assert list(session.points.values_list("point_id", flat=True)) == [a.pk]


def test_in_person_session_in_a_commune_starts_without_points(commune_officer, tree):
    point(tree.village)

    session = planning.session_create(
        actor=commune_officer,
        data=session_data(tree.commune, kind=SessionKind.IN_PERSON, venue="Hội trường"),
    )

    assert session.points.count() == 0
    assert session.stream_url == ""


def test_add_point_outside_the_session_area_is_refused(province_admin, tree):
    session = planning.session_create(actor=province_admin, data=session_data(tree.commune))
    elsewhere = point(tree.ward_village)

    with pytest.raises(InvalidInput) as exc:
        planning.session_point_add(actor=province_admin, session=session, point=elsewhere)

    assert _error(exc) == ("point_outside_session_area", "point")
    assert exc.value.message == (
        f"Điểm cầu “{elsewhere.name}” không thuộc địa bàn tổ chức buổi học."
    )


def test_add_point_twice_adds_it_once(commune_officer, tree):
    session = planning.session_create(actor=commune_officer, data=session_data(tree.commune))
    new = point(tree.village)

    _sp, first = planning.session_point_add(actor=commune_officer, session=session, point=new)
    _sp, second = planning.session_point_add(actor=commune_officer, session=session, point=new)

    assert (first, second) == (True, False)
    assert session.points.filter(point=new).count() == 1


def test_remove_point_with_checkins_is_refused(commune_officer, tree):
    p = point(tree.village)
    session = planning.session_create(actor=commune_officer, data=session_data(tree.commune))
    CheckInFactory(session_point=session.points.get())

    with pytest.raises(Conflict) as exc:
        planning.session_point_remove(actor=commune_officer, session=session, point=p)

    assert exc.value.code == "point_has_checkins"
    assert session.points.count() == 1


def test_remove_point_without_checkins_takes_it_out(commune_officer, tree):
    p = point(tree.village)
    session = planning.session_create(actor=commune_officer, data=session_data(tree.commune))

    planning.session_point_remove(actor=commune_officer, session=session, point=p)

    assert session.points.count() == 0


def test_remove_point_of_another_commune_is_outside_scope(province_admin, tree):
    p = point(tree.ward_village)
    session = planning.session_create(actor=province_admin, data=session_data(tree.province))
    commune_officer = user_with_role(Role.COMMUNE_OFFICER, tree.commune)

    with pytest.raises(OutsideScope):
        planning.session_point_remove(actor=commune_officer, session=session, point=p)


def test_cancelled_session_cannot_be_edited(commune_officer, tree):
    session = planning.session_create(actor=commune_officer, data=session_data(tree.commune))
    planning.session_cancel(actor=commune_officer, session=session)

    with pytest.raises(Conflict) as exc:
        planning.session_update(
            actor=commune_officer, session=session, data=session_data(tree.commune)
        )

    assert exc.value.code == "session_cancelled"
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED


def test_update_session_changes_title_and_time(commune_officer, tree):
    session = planning.session_create(actor=commune_officer, data=session_data(tree.commune))
    data = session_data(tree.commune, title="Buổi mới")
    data.starts_at += dt.timedelta(days=2)
    data.ends_at += dt.timedelta(days=2)

    planning.session_update(actor=commune_officer, session=session, data=data)

    session.refresh_from_db()
    assert (session.title, session.starts_at) == ("Buổi mới", data.starts_at)


def test_bulk_points_create_one_per_village_then_skip_them(province_admin, tree):
    first = points_bulk_per_village(actor=province_admin, area=tree.province)
    second = points_bulk_per_village(actor=province_admin, area=tree.province)

    assert len(first.created) == 3
    assert (len(second.created), len(second.skipped)) == (0, 3)
    assert BridgePoint.objects.filter(village=tree.village).get().name == "Nhà văn hóa Thôn Đông"


def test_bulk_points_skip_a_village_that_already_has_a_point(commune_officer, tree):
    point(tree.village, name="Hội trường thôn")

    result = points_bulk_per_village(actor=commune_officer, area=tree.commune)

    assert [v.pk for v in result.skipped] == [tree.village.pk]
    assert [p.village_id for p in result.created] == [tree.village2.pk]


def test_bulk_points_outside_scope_is_refused(commune_officer, tree):
    with pytest.raises(OutsideScope):
        points_bulk_per_village(actor=commune_officer, area=tree.province)


def test_point_create_draws_an_unguessable_unique_code(commune_officer, tree):
    codes = {
        point_create(
            actor=commune_officer, data=PointData(village=tree.village, name=f"Điểm {i}")
        ).self_checkin_code
        for i in range(5)
    }

    assert len(codes) == 5
    assert all(len(code) >= 16 for code in codes)


def test_point_create_refuses_a_duplicate_name_in_the_village(commune_officer, tree):
    point_create(actor=commune_officer, data=PointData(village=tree.village, name="A"))

    with pytest.raises(InvalidInput) as exc:
        point_create(actor=commune_officer, data=PointData(village=tree.village, name="a"))

    assert _error(exc) == ("name_taken", "name")
    assert exc.value.message == "Thôn này đã có điểm cầu tên “a”."


def test_session_with_checkins_cannot_be_cancelled(commune_officer, tree):
    point(tree.village)
    session = planning.session_create(actor=commune_officer, data=session_data(tree.commune))
    CheckInFactory(session_point=session.points.get())

    with pytest.raises(Conflict) as exc:
        planning.session_cancel(actor=commune_officer, session=session)

    assert exc.value.code == "session_has_checkins"
