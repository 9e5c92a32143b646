"""A sheet with both a commune name and a commune code column: the code serves when the
name is empty, a row whose name and code disagree is refused, and a name found in two
provinces is settled by the province most other rows resolve to."""

import io
import json
import unicodedata

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from binhdan.areas.models import Area
from binhdan.classes.models import BridgePoint
from binhdan.classes.planning.point_import import plan_point_import
from binhdan.imports.villages import plan_village_import
from tests.areas.factories import commune

pytestmark = pytest.mark.django_db


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def messy_xlsx(header, rows) -> bytes:
    """Title rows, a blank row, NFD text and a total row, as communes send them."""
    book = Workbook()
    sheet = book.active
    sheet.append([nfd("DANH SÁCH THÔN, TỔ DÂN PHỐ")])
    sheet.append([nfd("Tỉnh Hưng Yên")])
    sheet.append([])
    sheet.append([nfd(cell) for cell in header])
    for row in rows:
        sheet.append([nfd(cell) if isinstance(cell, str) else cell for cell in row])
    sheet.append([])
    sheet.append([nfd("Tổng cộng"), None, len(rows)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


VILLAGE_HEADER = ["Xã/Phường", "Mã xã", "Thôn/tổ dân phố"]


def test_rows_giving_only_the_code_are_imported(tree):
    # given a messy sheet where some rows give the commune only by its code
    data = messy_xlsx(
        VILLAGE_HEADER,
        [
            ["Xã Đông Hưng", 12001, "Thôn Bắc"],
            ["", 12001, "Thôn Nam"],
            [None, "11953", "Tổ dân phố số 9"],
            ["Phố Hiến", None, "Tổ dân phố số 10"],
        ],
    )

    # when it is planned from the province
    report = plan_village_import(data=data, filename="thon.xlsx", scope=tree.province)

    # then every row is taken, in the right commune, with the sheet's row numbers
    assert report.errors == []
    assert [(p.row, p.commune, p.name) for p in report.planned] == [
        (5, tree.commune, "Thôn Bắc"),
        (6, tree.commune, "Thôn Nam"),
        (7, tree.ward, "Tổ dân phố số 9"),
        (8, tree.ward, "Tổ dân phố số 10"),
    ]


def test_a_row_whose_name_and_code_disagree_is_refused(tree):
    # given a row naming Đông Hưng but giving Phố Hiến's code
    data = messy_xlsx(
        VILLAGE_HEADER,
        [["Đông Hưng", 12001, "Thôn Bắc"], ["Xã Đông Hưng", "11953", "Thôn Nam"]],
    )

    report = plan_village_import(data=data, filename="thon.xlsx", scope=tree.province)

    # then that row is refused, naming both, and the other is taken
    assert [p.name for p in report.planned] == ["Thôn Bắc"]
    [error] = report.errors
    assert (error.row, error.field, error.column) == (6, "commune", "Xã/Phường")
    assert "Xã Đông Hưng" in error.message
    assert "11953" in error.message
    assert "Phường Phố Hiến" in error.message


def test_a_name_and_code_that_agree_settle_an_ambiguous_name(tree):
    # given "Đông Hưng" in two provinces, and its Hưng Yên code beside it
    commune(tree.other_province, "00010", "Xã Đông Hưng")
    data = messy_xlsx(VILLAGE_HEADER, [["Đông Hưng", "12001", "Thôn Bắc"]])

    report = plan_village_import(data=data, filename="thon.xlsx")

    assert report.errors == []
    assert report.warnings == []
    assert [p.commune for p in report.planned] == [tree.commune]


def test_an_unknown_code_is_refused_under_the_code_column(tree):
    data = messy_xlsx(VILLAGE_HEADER, [["", "99999", "Thôn Bắc"]])

    report = plan_village_import(data=data, filename="thon.xlsx", scope=tree.province)

    [error] = report.errors
    assert (error.row, error.field, error.column) == (5, "commune_code", "Mã xã")
    assert "99999" in error.message


def test_a_sheet_with_only_a_code_column_is_read(tree):
    data = messy_xlsx(["Mã xã", "Thôn"], [[12001, "Thôn Bắc"]])

    report = plan_village_import(data=data, filename="thon.xlsx", scope=tree.province)

    assert report.errors == []
    assert [p.commune for p in report.planned] == [tree.commune]


def test_an_ambiguous_name_is_settled_by_the_sheets_majority_province(tree):
    # given "Đông Hưng" in Hà Nội too, and a sheet whose other rows are in Hưng Yên
    commune(tree.other_province, "00010", "Xã Đông Hưng")
    data = messy_xlsx(
        VILLAGE_HEADER,
        [
            ["Phố Hiến", None, "Tổ dân phố số 9"],
            ["", "11953", "Tổ dân phố số 10"],
            ["Đông Hưng", None, "Thôn Bắc"],
        ],
    )

    # when it is planned with no province given
    report = plan_village_import(data=data, filename="thon.xlsx")

    # then the ambiguous row goes to Hưng Yên's Đông Hưng, with a note on that row
    assert report.errors == []
    assert [(p.row, p.commune) for p in report.planned] == [
        (5, tree.ward),
        (6, tree.ward),
        (7, tree.commune),
    ]
    [note] = report.warnings
    assert (note.row, note.field) == (7, "commune")
    assert "Đông Hưng" in note.message
    assert "Hưng Yên" in note.message
    assert "nhiều tỉnh" in note.message


def test_without_a_majority_an_ambiguous_name_stays_refused(tree):
    # given one row in each province, and "Đông Hưng" in both
    commune(tree.other_province, "00010", "Xã Đông Hưng")
    data = messy_xlsx(
        VILLAGE_HEADER,
        [
            ["Phố Hiến", None, "Tổ dân phố số 9"],
            ["Ba Đình", None, "Tổ dân phố số 6"],
            ["Đông Hưng", None, "Thôn Bắc"],
        ],
    )

    report = plan_village_import(data=data, filename="thon.xlsx")

    assert [(e.row, e.field) for e in report.errors] == [(7, "commune")]
    assert "khớp nhiều xã/phường" in report.errors[0].message
    assert report.warnings == []


def test_the_command_reports_the_majority_note_in_json(tree, tmp_path):
    commune(tree.other_province, "00010", "Xã Đông Hưng")
    path = tmp_path / "thon.xlsx"
    path.write_bytes(
        messy_xlsx(
            VILLAGE_HEADER,
            [["Phố Hiến", None, "Tổ dân phố số 9"], ["Đông Hưng", None, "Thôn Bắc"]],
        )
    )
    out = io.StringIO()

    call_command("import_villages", str(path), "--format", "json", stdout=out)

    summary = json.loads(out.getvalue())
    assert (summary["created"], summary["errors"]) == (2, [])
    assert [(w["row"], w["field"]) for w in summary["warnings"]] == [(6, "commune")]
    assert Area.objects.filter(parent=tree.commune, name="Thôn Bắc").exists()


POINT_HEADER = ["Xã/Phường", "Mã xã", "Thôn/tổ dân phố", "Tên điểm cầu"]


def test_points_take_the_code_when_the_name_is_empty(tree):
    data = messy_xlsx(
        POINT_HEADER,
        [
            ["", 12001, "Thôn Đông", "Nhà văn hóa thôn Đông"],
            [None, "11953", "Tổ dân phố số 1", ""],
        ],
    )

    report = plan_point_import(data=data, filename="diem.xlsx", scope=tree.province)

    assert report.errors == []
    assert [(p.row, p.village) for p in report.planned] == [
        (5, tree.village),
        (6, tree.ward_village),
    ]


def test_points_refuse_a_row_whose_name_and_code_disagree(tree):
    data = messy_xlsx(POINT_HEADER, [["Đông Hưng", "11953", "Thôn Đông", ""]])

    report = plan_point_import(data=data, filename="diem.xlsx", scope=tree.province)

    assert report.planned == []
    [error] = report.errors
    assert (error.row, error.field) == (5, "commune")
    assert "Đông Hưng" in error.message and "11953" in error.message


def test_points_settle_an_ambiguous_name_by_the_majority(tree, tmp_path):
    commune(tree.other_province, "00010", "Xã Đông Hưng")
    path = tmp_path / "diem.xlsx"
    path.write_bytes(
        messy_xlsx(
            POINT_HEADER,
            [
                ["Phố Hiến", None, "Tổ dân phố số 1", ""],
                ["Đông Hưng", None, "Thôn Đông", ""],
            ],
        )
    )
    out = io.StringIO()

    call_command("import_points", str(path), "--format", "json", stdout=out)

    summary = json.loads(out.getvalue())
    assert (summary["created"], summary["errors"]) == (2, [])
    assert [(w["row"], w["field"]) for w in summary["warnings"]] == [(6, "commune")]
    assert BridgePoint.objects.filter(village=tree.village).exists()
