import datetime as dt
import threading
import uuid
from unittest import mock

import pytest
from django.core.cache import cache
from django.utils import timezone

from binhdan.accounts.models import Role
from binhdan.classes.checkin import selectors, services
from binhdan.classes.checkin.services import CheckInItem
from binhdan.classes.models import SessionPoint
from binhdan.core.errors import OutsideScope
from tests.accounts.factories import UserFactory, user_with_role
from tests.classes.factories import (
    BridgePointFactory,
    ClassSessionFactory,
    SessionPointFactory,
)


@pytest.fixture
def session(tree):
    return ClassSessionFactory(area=tree.province, area_path=tree.province.path)


@pytest.fixture
def points(session, tree):
    """Two points in the xã, one in the phường."""
    return [
        SessionPointFactory(session=session, point=BridgePointFactory(village=village))
        for village in (tree.village, tree.village2, tree.ward_village)
    ]


def check_in(sp, *numbers):
    items = [
        CheckInItem(uuid.uuid4(), "phone", phone=f"0912345{n:03d}", full_name=f"Lê Văn Nam {n}")
        for n in numbers
    ]
    return services.checkins_record(actor=None, session_point=sp, items=items)


def test_live_figures_count_points_people_and_attendance(session, points):
    a, b, c = points
    now = timezone.now()
    services.point_open(actor=None, session_point=a)
    services.point_open(actor=None, session_point=b, at=now - dt.timedelta(minutes=5))
    services.point_open(actor=None, session_point=c)
    services.point_close(actor=None, session_point=c)
    check_in(a, 1, 2, 3)
    check_in(b, 4)
    check_in(b, 1)  # seen at a: flagged, not counted again
    services.headcount_record(
        actor=None, session_point=b, count=20, counted_at=now, client_uuid=uuid.uuid4()
    )
    figures = selectors.session_live_figures(session=session)
    counts = {k: v for k, v in figures.items() if isinstance(v, int)}
    assert counts == {
        "points_expected": 3,
        "points_opened": 3,
        "points_silent": 1,
        "points_closed": 1,
        "checkins": 4,
        "attendance": 3 + 20,
        "unique_people": 4,
        "flagged": 1,
    }


def test_live_figures_by_commune_and_latest_masked(session, points, tree):
    a, _, c = points
    check_in(a, 1)
    check_in(c, 2)
    figures = selectors.session_live_figures(session=session)
    by_code = {row["code"]: row for row in figures["by_commune"]}
    assert by_code[tree.commune.code]["points_expected"] == 2
    assert by_code[tree.commune.code]["attendance"] == 1
    assert by_code[tree.ward.code]["name"] == tree.ward.name
    assert {row["name_masked"] for row in figures["latest"]} == {
        "Lê V*** N*** 1***",
        "Lê V*** N*** 2***",
    }
    assert all("Nam" not in row["name_masked"] for row in figures["latest"])


def test_commune_officer_sees_only_their_commune(session, points, tree, other_commune_officer):
    a, _, c = points
    check_in(a, 1, 2)
    check_in(c, 3)
    figures = selectors.session_live_figures(session=session, user=other_commune_officer)
    assert (figures["points_expected"], figures["checkins"]) == (1, 1)
    assert [row["code"] for row in figures["by_commune"]] == [tree.ward.code]


def test_officer_of_a_commune_without_points_is_outside_scope(session, points, tree):
    stranger = user_with_role(Role.COMMUNE_OFFICER, tree.other_commune)
    with pytest.raises(OutsideScope):
        selectors.session_live_figures(session=session, user=stranger)


def test_operator_without_role_sees_their_point(session, points):
    operator = UserFactory()
    points[0].point.operators.add(operator)
    check_in(points[0], 1)
    check_in(points[1], 2)
    figures = selectors.session_live_figures(session=session, user=operator)
    assert (figures["points_expected"], figures["checkins"]) == (1, 1)


def test_live_figures_are_cached_for_a_few_seconds(session, points):
    first = selectors.session_live_figures(session=session)
    check_in(points[0], 1)
    assert selectors.session_live_figures(session=session) == first
    cache.clear()
    assert selectors.session_live_figures(session=session)["checkins"] == 1


def test_many_watchers_trigger_one_computation(session, points):
    calls = []
    started = threading.Event()
    release = threading.Event()

    def slow_compute(**kwargs):
        calls.append(1)
        started.set()
        release.wait(2)
        return {"checkins": 7}

    results = []
    with mock.patch.object(selectors, "_compute_live", side_effect=slow_compute):
        first = threading.Thread(
            target=lambda: results.append(selectors.session_live_figures(session=session))
        )
        first.start()
        started.wait(2)
        watchers = [
            threading.Thread(
                target=lambda: results.append(selectors.session_live_figures(session=session))
            )
            for _ in range(20)
        ]
        for t in watchers:
            t.start()
        release.set()
        for t in [first, *watchers]:
            t.join(5)
    assert len(calls) == 1
    assert results == [{"checkins": 7}] * 21


def test_watcher_taking_the_lock_just_after_a_computation_reuses_it(session, points):
    """The race CI once hit: a watcher misses the figures, the holder stores them and
    releases the lock, then the watcher takes the lock. It must not compute again."""
    key_prefix = f"classes:live:{session.pk}:"
    real_add = cache.add

    def add_after_the_holder_finished(key, value, timeout=None):
        stored_key = key.removesuffix(":lock")
        assert stored_key.startswith(key_prefix)
        cache.set(stored_key, {"checkins": 3}, 30)
        return real_add(key, value, timeout)

    with (
        mock.patch.object(selectors.cache, "add", side_effect=add_after_the_holder_finished),
        mock.patch.object(selectors, "_compute_live", return_value={"checkins": 9}) as compute,
    ):
        figures = selectors.session_live_figures(session=session)
    assert figures == {"checkins": 3}
    compute.assert_not_called()


def test_live_endpoint_requires_session_scope(client, session, points, tree):
    stranger = user_with_role(Role.COMMUNE_OFFICER, tree.other_commune)
    client.force_login(stranger)
    assert client.get(f"/api/v1/sessions/{session.pk}/live").status_code == 403


def test_live_endpoint_gives_figures(client, session, points, tree, commune_officer):
    check_in(points[0], 1)
    client.force_login(commune_officer)
    response = client.get(f"/api/v1/sessions/{session.pk}/live")
    assert response.status_code == 200
    assert response.json()["checkins"] == 1


def test_attendance_rows_give_one_row_per_point_in_scope(session, points, tree, commune_officer):
    check_in(points[0], 1, 2)
    rows = selectors.session_attendance_rows(session=session, user=commune_officer)
    assert [(r["village_code"], r["checkins"]) for r in rows] == [
        (tree.village.code, 2),
        (tree.village2.code, 0),
    ]
    assert rows[0]["commune_name"] == tree.commune.name
    assert SessionPoint.objects.count() == 3
