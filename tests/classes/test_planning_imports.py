"""Bridge-point and attendance-sheet imports speak to users: the sheet's column names, the
commune implied on a commune's page, a template file to download."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from binhdan.accounts.models import Role
from binhdan.classes.documents.attendance_sheets import plan_sheet
from binhdan.classes.planning.point_import import plan_point_import
from tests.accounts.factories import user_with_role
from tests.classes.factories import ClassSessionFactory, SessionPointFactory
from tests.classes.planning_helpers import point

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    settings.UPLOAD_DIR = tmp_path / "uploads"


def _csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def _xlsx_rows(data: bytes) -> list[list]:
    return [list(r) for r in load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True)]


def test_point_import_from_a_commune_needs_no_commune_column(tree):
    # given a sheet with villages and point names only, imported from Xã Đông Hưng's page
    data = _csv("Thôn,Tên điểm cầu", "Thôn Đông,Nhà văn hóa thôn Đông", "Tây,")

    report = plan_point_import(data=data, filename="diem.csv", scope=tree.commune)

    # then both rows land in that commune's villages
    assert report.errors == []
    assert [(p.village, p.action) for p in report.planned] == [
        (tree.village, "create"),
        (tree.village2, "create"),
    ]


def test_point_import_errors_name_the_sheets_columns(tree):
    # given a sheet with a bad flag under "Loa" and an unknown village under "Tên thôn"
    data = _csv("Xã,Tên thôn,Loa", "Đông Hưng,Thôn Đông,chắc có", "Đông Hưng,Thôn Lạ,có")

    report = plan_point_import(data=data, filename="diem.csv", scope=tree.province)

    # then the column is named as the sheet has it, in the table and in the message
    assert [(e.row, e.field, e.column) for e in report.errors] == [
        (2, "sound", "Loa"),
        (3, "village", "Tên thôn"),
    ]
    assert "Cột Loa chỉ nhận" in report.errors[0].message


def test_points_import_preview_shows_the_sheets_column_name(client, tree, commune_officer):
    client.force_login(commune_officer)
    upload = SimpleUploadedFile("diem.csv", _csv("Tên thôn", "Thôn Lạ"))

    response = client.post(
        reverse("classes:points_import", args=[tree.commune.code]), {"file": upload}
    )

    body = response.content.decode()
    assert "<td>Tên thôn</td>" in body
    assert "<td>village</td>" not in body


@pytest.mark.parametrize(
    ("where", "first"), [("commune", "Thôn/tổ dân phố"), ("province", "Xã/phường")]
)
def test_points_template_has_header_and_example_and_reads_back(
    client, tree, where, first, province_admin
):
    client.force_login(province_admin)
    area = getattr(tree, where)

    response = client.get(reverse("classes:points_import_template", args=[area.code]))

    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    rows = _xlsx_rows(data)
    assert rows[0][0] == first
    assert len(rows) == 2
    # the untouched template reads back as one new point in a real village
    report = plan_point_import(data=data, filename="mau.xlsx", scope=area)
    assert report.errors == []
    assert [p.action for p in report.planned] == ["create"]


def test_points_template_is_refused_outside_scope(client, tree, other_commune_officer):
    client.force_login(other_commune_officer)

    response = client.get(reverse("classes:points_import_template", args=[tree.commune.code]))

    assert response.status_code == 404


def test_points_import_page_links_the_template(client, tree, commune_officer):
    client.force_login(commune_officer)

    response = client.get(reverse("classes:points_import", args=[tree.commune.code]))

    body = response.content.decode()
    assert reverse("classes:points_import_template", args=[tree.commune.code]) in body
    assert "Không cần cột xã" in body


def test_sheet_template_downloads_and_reads_back(client, tree, commune_officer):
    # given a session point and its commune officer
    session = ClassSessionFactory(area=tree.commune)
    session_point = SessionPointFactory(session=session, point=point(tree.village))
    client.force_login(commune_officer)

    # when they download the attendance-sheet template
    url = reverse("classes:sheet_import_template", args=[session.pk, session_point.point_id])
    response = client.get(url)

    # then it has the header and one example row in the point's village
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    rows = _xlsx_rows(data)
    assert rows[0] == ["Họ tên", "Năm sinh", "Số điện thoại", "Thôn"]
    assert rows[1][3] == "Thôn Đông"
    report = plan_sheet(session_point=session_point, data=data, filename="mau.xlsx")
    assert [line.error for line in report.lines] == [""]


def test_sheet_template_is_refused_outside_scope(client, tree):
    session = ClassSessionFactory(area=tree.commune)
    session_point = SessionPointFactory(session=session, point=point(tree.village))
    client.force_login(user_with_role(Role.COMMUNE_OFFICER, tree.other_commune))

    response = client.get(
        reverse("classes:sheet_import_template", args=[session.pk, session_point.point_id])
    )

    assert response.status_code == 404
