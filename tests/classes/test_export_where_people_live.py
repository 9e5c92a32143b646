"""The attendance list says where each person lives: commune, village, birth year."""

import io
import uuid

import pytest
from openpyxl import load_workbook

from binhdan.classes.checkin import services
from binhdan.classes.checkin.services import CheckInItem
from binhdan.classes.documents.exports import LIST_HEADER, attendance_workbook
from binhdan.people.identity import identity_key_for
from tests.areas.factories import village
from tests.classes.factories import ClassSessionFactory, SessionPointFactory
from tests.classes.planning_helpers import point
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(tree):
    return ClassSessionFactory(area=tree.province, area_path=tree.province.path)


def _listing(province_admin, session) -> list[dict]:
    book = load_workbook(io.BytesIO(attendance_workbook(user=province_admin, session=session)))
    rows = list(book["Danh sách"].iter_rows(values_only=True))
    assert list(rows[0]) == LIST_HEADER
    return [dict(zip(LIST_HEADER, row, strict=True)) for row in rows[1:]]


def _record(sp, item):
    [result] = services.checkins_record(actor=None, session_point=sp, items=[item])
    assert result.status == "created", result


def test_export_lists_the_village_typed_at_a_name_checkin(province_admin, session, tree):
    # given a point in Thôn Đông, and someone from Thôn Tây checked in by name + year + village
    sp = SessionPointFactory(session=session, point=point(tree.village, name="NVH Đông"))
    _record(
        sp,
        CheckInItem(
            uuid.uuid4(),
            "name",
            full_name="Lê Văn Tám",
            birth_year=1950,
            village_code=tree.village2.code,
        ),
    )

    # when the attendance is exported
    [row] = _listing(province_admin, session)

    # then the list says Thôn Tây, not the point's village
    assert row["Thôn/tổ dân phố"] == "Thôn Tây"
    assert row["Xã/phường"] == "Xã Đông Hưng"
    assert row["Năm sinh"] == 1950


def test_export_fills_the_birth_year_of_a_known_person_checked_in_by_phone(
    province_admin, session, tree
):
    # given a known person of Thôn Tây checked in by phone + name (no birth year typed)
    PersonFactory(
        village=tree.village2,
        full_name="Nguyễn Thị Hoa",
        birth_year=1947,
        phone="+84912345678",
        identity_key=identity_key_for(
            cccd=None,
            phone_e164="+84912345678",
            full_name="Nguyễn Thị Hoa",
            birth_year=None,
            village_code="",
        ),
    )
    sp = SessionPointFactory(session=session, point=point(tree.village, name="NVH Đông"))
    _record(sp, CheckInItem(uuid.uuid4(), "phone", phone="0912345678", full_name="Nguyễn Thị Hoa"))

    [row] = _listing(province_admin, session)

    # then the person's birth year and village are listed
    assert row["Năm sinh"] == 1947
    assert row["Thôn/tổ dân phố"] == "Thôn Tây"


def test_export_leaves_the_birth_year_blank_for_an_unknown_phone_checkin(
    province_admin, session, tree
):
    sp = SessionPointFactory(session=session, point=point(tree.village, name="NVH Đông"))
    _record(sp, CheckInItem(uuid.uuid4(), "phone", phone="0912345678", full_name="Người Lạ"))

    [row] = _listing(province_admin, session)

    assert row["Năm sinh"] is None
    assert row["Thôn/tổ dân phố"] == "Thôn Đông"  # nothing said: the point's village


def test_export_tells_same_named_villages_of_two_communes_apart(province_admin, session, tree):
    # given a "Thôn Tây" in the xã and another "Thôn Tây" in the phường, a point in each
    ward_tay = village(tree.ward, 2, "Thôn Tây")
    for where in (tree.village2, ward_tay):
        sp = SessionPointFactory(session=session, point=point(where, name=f"NVH {where.code}"))
        _record(
            sp,
            CheckInItem(
                uuid.uuid4(),
                "name",
                full_name=f"Người ở {where.code}",
                birth_year=1960,
                village_code=where.code,
            ),
        )

    rows = _listing(province_admin, session)

    # then the commune column tells them apart
    assert {(r["Xã/phường"], r["Thôn/tổ dân phố"]) for r in rows} == {
        ("Xã Đông Hưng", "Thôn Tây"),
        ("Phường Phố Hiến", "Thôn Tây"),
    }


def test_export_query_count_does_not_grow_with_the_rows(
    province_admin, session, tree, django_assert_max_num_queries
):
    # given one check-in of a known person (phone alone) and the queries of its export
    sp = SessionPointFactory(session=session, point=point(tree.village, name="NVH Đông"))
    PersonFactory(village=tree.village2, phone="+84912345000")
    _record(sp, CheckInItem(uuid.uuid4(), "phone", phone="0912345000"))
    with django_assert_max_num_queries(20) as few:
        attendance_workbook(user=province_admin, session=session)
    for n in range(30):
        _record(
            sp,
            CheckInItem(
                uuid.uuid4(),
                "name",
                full_name=f"Người {n}",
                birth_year=1960,
                village_code=tree.village2.code,
            ),
        )

    # when thirty more are exported, then no query is added per row
    with django_assert_max_num_queries(len(few.captured_queries)):
        book = load_workbook(io.BytesIO(attendance_workbook(user=province_admin, session=session)))
    assert book["Danh sách"].max_row == 1 + 31  # the header, then every check-in
