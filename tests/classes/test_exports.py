import io

import pytest
from openpyxl import load_workbook

from binhdan.classes.documents.exports import (
    LIST_HEADER,
    SUMMARY_HEADER,
    attendance_workbook,
    export_filename,
)
from binhdan.classes.models import CheckInMethod
from tests.classes.factories import CheckInFactory, ClassSessionFactory, SessionPointFactory
from tests.classes.planning_helpers import point

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(tree):
    session = ClassSessionFactory(area=tree.province, title="Chuyên đề tháng 11")
    here = SessionPointFactory(session=session, point=point(tree.village, name="NVH Đông"))
    there = SessionPointFactory(session=session, point=point(tree.ward_village, name="NVH TDP 1"))
    for i in range(3):
        CheckInFactory(session_point=here, full_name=f"Nguyễn Thị {i}", birth_year=1950 + i)
    here.headcount = 10
    here.save()
    CheckInFactory(session_point=there, full_name="Trần Văn Phường", method=CheckInMethod.SHEET)
    there.headcount = 0
    there.save()
    return session


def _book(data: bytes):
    return load_workbook(io.BytesIO(data))


def _rows(sheet) -> list[list]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_export_has_a_summary_and_a_list_sheet(tree, session, province_admin):

    book = _book(attendance_workbook(user=province_admin, session=session))

    assert book.sheetnames == ["Tổng hợp", "Danh sách"]
    assert _rows(book["Danh sách"])[0] == LIST_HEADER
    assert SUMMARY_HEADER in _rows(book["Tổng hợp"])


def test_export_summary_uses_the_larger_of_checkins_and_headcount(tree, session, province_admin):

    rows = _rows(_book(attendance_workbook(user=province_admin, session=session))["Tổng hợp"])

    assert ["Phường Phố Hiến", "NVH TDP 1", "Tổ dân phố số 1", 1, 0, 1] in rows
    assert ["Xã Đông Hưng", "NVH Đông", "Thôn Đông", 3, 10, 10] in rows
    assert rows[-1] == ["Tổng cộng", None, None, 4, 10, 11]


def test_export_list_has_no_phone_or_cccd_column(tree, session, province_admin):

    listing = _rows(_book(attendance_workbook(user=province_admin, session=session))["Danh sách"])

    header = " ".join(listing[0]).lower()
    assert "điện thoại" not in header and "cccd" not in header and "căn cước" not in header
    assert len(listing) == 5
    assert listing[1][5:8] == ["Nguyễn Thị 0", 1950, "Số điện thoại"]


def test_export_keeps_to_the_users_scope(tree, session, other_commune_officer):

    book = _book(attendance_workbook(user=other_commune_officer, session=session))

    names = [row[5] for row in _rows(book["Danh sách"])[1:]]
    assert names == ["Trần Văn Phường"]
    assert all(row[0] != "Xã Đông Hưng" for row in _rows(book["Tổng hợp"]))


def test_export_of_one_point_lists_only_that_point(tree, session, province_admin):
    sp = session.points.get(point__name="NVH TDP 1")

    book = _book(attendance_workbook(user=province_admin, session=session, point=sp.point))

    assert len(_rows(book["Danh sách"])) == 2


def test_export_filename_is_vietnamese(session):
    name = export_filename(session=session)

    assert name.startswith("Điểm danh ") and name.endswith("Chuyên đề tháng 11.xlsx")


def test_export_escapes_a_formula_typed_as_a_checkin_name(tree, session, province_admin):
    # given a self check-in whose name is a spreadsheet formula
    here = session.points.get(point__name="NVH Đông")
    CheckInFactory(session_point=here, full_name='=HYPERLINK("http://x","y")')

    # when the attendance is exported
    listing = _book(attendance_workbook(user=province_admin, session=session))["Danh sách"]

    # then the name comes back as text starting with a quote, not as a formula
    [cell] = [row[5] for row in listing.iter_rows(min_row=2) if "HYPERLINK" in str(row[5].value)]
    assert cell.data_type == "s"
    assert cell.value == '\'=HYPERLINK("http://x","y")'


def test_export_escapes_formulas_in_imported_point_and_session_names(tree, province_admin):
    # given a session and a point whose names came from an import and start like formulas
    session = ClassSessionFactory(area=tree.province, title="@SUM(1,2)")
    sp = SessionPointFactory(session=session, point=point(tree.village, name="+cmd|' /C calc'!A0"))
    CheckInFactory(session_point=sp)

    # when the attendance is exported
    book = _book(attendance_workbook(user=province_admin, session=session))

    # then both are text cells with a leading quote, and the counts are still numbers
    summary = book["Tổng hợp"]
    assert (summary["A1"].value, summary["A1"].data_type) == ("'@SUM(1,2)", "s")
    [row] = [r for r in summary.iter_rows(min_row=6) if str(r[1].value).startswith("'+cmd")]
    assert row[1].data_type == "s"
    assert (row[3].value, row[3].data_type) == (1, "n")
    assert book["Danh sách"]["C2"].value == "'+cmd|' /C calc'!A0"
