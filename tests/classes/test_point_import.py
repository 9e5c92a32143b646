import io
import json
import unicodedata

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from binhdan.accounts.models import Role
from binhdan.classes.models import BridgePoint
from binhdan.classes.point_import import parse_yes_no, plan_point_import, point_import
from tests.accounts.factories import UserFactory, user_with_role

pytestmark = pytest.mark.django_db

HEADER = [
    "Xã/phường",
    "Thôn/tổ dân phố",
    "Tên điểm cầu",
    "Địa chỉ",
    "Sức chứa",
    "Người vận hành",
    "Màn hình",
    "Âm thanh",
    "Kết nối",
]


def messy_xlsx(rows) -> bytes:
    """Title rows, a blank row, NFD text and a total row, as communes send them."""
    book = Workbook()
    sheet = book.active
    sheet.append(["DANH SÁCH ĐIỂM CẦU BÌNH DÂN HỌC VỤ SỐ"])
    sheet.append([])
    sheet.append(HEADER)
    for row in rows:
        sheet.append([unicodedata.normalize("NFD", v) if isinstance(v, str) else v for v in row])
    sheet.append([])
    sheet.append(["Tổng cộng", "", "", "", 230])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def sheet(tree):
    UserFactory(username="vanhanh1", phone="+84912345678")
    return messy_xlsx(
        [
            [
                "Xã Đông Hưng",
                "Thôn Đông",
                "Nhà văn hóa thôn Đông",
                "Xóm 1",
                120,
                "0912 345 678",
                "có",
                "x",
                "không",
            ],
            ["dong hung", "thon tay", "", "", 80.0, "", "Có", "Có", "Có"],
            ["Phường Phố Hiến", "TDP số 1", "Hội trường TDP 1", "", "", "vanhanh1", "", "", ""],
            ["Xã Không Có", "Thôn Đông", "A", "", "", "", "", "", ""],
            ["Xã Đông Hưng", "Thôn Bắc", "B", "", "", "", "", "", ""],
            ["Xã Đông Hưng", "Thôn Đông", "C", "", "", "", "hơi hơi", "", ""],
        ]
    )


def test_plan_reads_a_messy_sheet(tree, sheet):
    report = plan_point_import(data=sheet, filename="diem-cau.xlsx", scope=tree.province)

    assert [(p.row, p.village.pk, p.name, p.action) for p in report.planned] == [
        (4, tree.village.pk, "Nhà văn hóa thôn Đông", "create"),
        (5, tree.village2.pk, "Nhà văn hóa Thôn Tây", "create"),
        (6, tree.ward_village.pk, "Hội trường TDP 1", "create"),
    ]
    assert [(e.row, e.field) for e in report.errors] == [
        (7, "commune"),
        (8, "village"),
        (9, "screen"),
    ]


def test_import_writes_values_operators_and_flags(tree, sheet):
    point_import(data=sheet, filename="diem-cau.xlsx", scope=tree.province)

    point = BridgePoint.objects.get(village=tree.village)
    assert (point.capacity, point.address) == (120, "Xóm 1")
    assert (point.has_screen, point.has_sound, point.has_connection) == (True, True, False)
    assert [u.username for u in point.operators.all()] == ["vanhanh1"]
    assert len(point.self_checkin_code) >= 16


def test_dry_run_writes_nothing(tree, sheet):
    report = point_import(data=sheet, filename="diem-cau.xlsx", scope=tree.province, dry_run=True)

    assert report.count("create") == 3
    assert BridgePoint.objects.count() == 0


def test_import_run_twice_creates_nothing_new(tree, sheet):
    point_import(data=sheet, filename="diem-cau.xlsx", scope=tree.province)
    codes = set(BridgePoint.objects.values_list("self_checkin_code", flat=True))

    again = point_import(data=sheet, filename="diem-cau.xlsx", scope=tree.province)

    assert (again.count("create"), again.count("unchanged")) == (0, 3)
    assert set(BridgePoint.objects.values_list("self_checkin_code", flat=True)) == codes


def test_import_updates_a_changed_point(tree, sheet):
    point_import(data=sheet, filename="diem-cau.xlsx", scope=tree.province)
    changed = messy_xlsx(
        [["Xã Đông Hưng", "Thôn Đông", "Nhà văn hóa thôn Đông", "", 150, "", "", "", "có"]]
    )

    report = point_import(data=changed, filename="x.xlsx", scope=tree.province)

    point = BridgePoint.objects.get(village=tree.village)
    assert report.count("update") == 1
    assert (point.capacity, point.has_connection, point.has_screen) == (150, True, True)


def test_import_refuses_communes_outside_the_actors_scope(tree, sheet):
    officer = user_with_role(Role.COMMUNE_OFFICER, tree.commune)

    report = plan_point_import(data=sheet, filename="x.xlsx", scope=tree.province, actor=officer)

    assert {p.village.parent_id for p in report.planned} == {tree.commune.pk}
    assert 6 in [e.row for e in report.errors]


def test_unknown_operator_is_a_warning_not_an_error(tree):
    data = messy_xlsx([["Xã Đông Hưng", "Thôn Đông", "", "", "", "0999999999", "", "", ""]])

    report = plan_point_import(data=data, filename="x.xlsx", scope=tree.province)

    assert (report.count("create"), len(report.errors), len(report.warnings)) == (1, 0, 1)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("có", True),
        ("CO", True),
        ("x", True),
        ("X", True),
        ("không", False),
        ("khong", False),
        ("", None),
    ],
)
def test_parse_yes_no_reads_vietnamese_answers(raw, expected):
    assert parse_yes_no(raw) is expected


def test_import_points_command_prints_json(tree, sheet, tmp_path):
    path = tmp_path / "diem-cau.xlsx"
    path.write_bytes(sheet)
    out = io.StringIO()

    call_command(
        "import_points", str(path), "--province", "33", "--dry-run", "--format", "json", stdout=out
    )

    summary = json.loads(out.getvalue())
    assert (summary["created"], len(summary["errors"])) == (3, 3)
    assert BridgePoint.objects.count() == 0
