import io
import json
import unicodedata

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from binhdan.accounts.models import Role, RoleGrant
from binhdan.classes.models import BridgePoint
from binhdan.classes.planning.point_import import (
    parse_yes_no,
    plan_point_import,
    point_import,
)
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


def test_import_refuses_communes_outside_the_actors_scope(tree, sheet, commune_officer):

    report = plan_point_import(
        data=sheet, filename="x.xlsx", scope=tree.province, actor=commune_officer
    )

    assert {p.village.parent_id for p in report.planned} == {tree.commune.pk}
    assert 6 in [e.row for e in report.errors]


def test_unknown_operator_is_a_warning_not_an_error(tree):
    data = messy_xlsx([["Xã Đông Hưng", "Thôn Đông", "", "", "", "0999999999", "", "", ""]])

    report = plan_point_import(data=data, filename="x.xlsx", scope=tree.province)

    assert (report.count("create"), len(report.errors), len(report.warnings)) == (1, 0, 1)


@pytest.mark.parametrize("named_by", ["username", "phone"])
def test_operator_outside_the_importers_scope_reads_as_unknown(tree, named_by, commune_officer):
    # given an officer of commune A and an operator of commune B
    stranger = user_with_role(
        Role.OPERATOR, tree.ward_village, username="vanhanh_b", phone="+84987654321"
    )
    typed = {"username": "vanhanh_b", "phone": "0987 654 321"}[named_by]
    data = messy_xlsx([["Xã Đông Hưng", "Thôn Đông", "", "", "", typed, "", "", ""]])

    # when the officer imports a point of A naming B's operator
    report = point_import(data=data, filename="x.xlsx", scope=tree.commune, actor=commune_officer)

    # then the point is imported with no operator, and the warning is exactly the one an
    # unknown account gets
    point = BridgePoint.objects.get(village=tree.village)
    assert list(point.operators.all()) == []
    assert [(w.row, w.field) for w in report.warnings] == [(4, "operator")]
    stranger.delete()
    unknown = plan_point_import(
        data=data, filename="x.xlsx", scope=tree.commune, actor=commune_officer
    )
    assert report.as_dict()["warnings"] == unknown.as_dict()["warnings"]


def test_operator_inside_the_importers_scope_is_linked(tree, commune_officer):
    # given an officer of commune A and an operator of a village of A
    user_with_role(Role.OPERATOR, tree.village2, username="vanhanh_a")
    data = messy_xlsx([["Xã Đông Hưng", "Thôn Đông", "", "", "", "vanhanh_a", "", "", ""]])

    # when the officer imports a point naming that operator
    report = point_import(data=data, filename="x.xlsx", scope=tree.commune, actor=commune_officer)

    # then the operator is linked
    point = BridgePoint.objects.get(village=tree.village)
    assert [u.username for u in point.operators.all()] == ["vanhanh_a"]
    assert report.warnings == []


def test_operator_with_a_grant_outside_the_importers_scope_reads_as_unknown(tree, commune_officer):
    # given an operator of commune A who also holds a grant in commune B
    both = user_with_role(Role.OPERATOR, tree.village, username="vanhanh_ab")
    RoleGrant.objects.create(user=both, area=tree.ward, role=Role.VOLUNTEER)
    data = messy_xlsx([["Xã Đông Hưng", "Thôn Đông", "", "", "", "vanhanh_ab", "", "", ""]])

    # when A's officer names them
    report = plan_point_import(
        data=data, filename="x.xlsx", scope=tree.commune, actor=commune_officer
    )

    # then they are not found: the officer manages only users wholly inside A
    assert [p.operators for p in report.planned] == [[]]
    assert [w.field for w in report.warnings] == ["operator"]


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
