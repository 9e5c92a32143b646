"""Village imports speak to users: column names as the sheet has them, the commune implied
on a commune's page, a template file to fill in."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from binhdan.core.errors import InvalidInput
from binhdan.imports.villages import plan_village_import
from tests.accounts.factories import user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    settings.UPLOAD_DIR = tmp_path / "uploads"


def _csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def test_commune_import_needs_no_commune_column(tree):
    # given a file with only a village column, imported from Xã Đông Hưng's page
    data = _csv("Tên thôn", "Thôn Bắc", "Xóm Mới")

    # when it is planned
    report = plan_village_import(data=data, filename="thon.csv", scope=tree.commune)

    # then both villages go into that commune
    assert report.errors == []
    assert [(p.commune, p.name) for p in report.planned] == [
        (tree.commune, "Thôn Bắc"),
        (tree.commune, "Xóm Mới"),
    ]


def test_commune_import_refuses_a_row_naming_another_commune(tree):
    data = _csv("Xã,Thôn", "Đông Hưng,Thôn Bắc", "Phố Hiến,Thôn Lạ")

    report = plan_village_import(data=data, filename="thon.csv", scope=tree.commune)

    assert [p.name for p in report.planned] == ["Thôn Bắc"]
    assert [(e.row, e.field) for e in report.errors] == [(3, "commune")]


def test_province_import_still_needs_the_commune_column(tree):
    with pytest.raises(InvalidInput) as caught:
        plan_village_import(data=_csv("Thôn", "Thôn Bắc"), filename="thon.csv", scope=tree.province)

    assert caught.value.code == "header_not_found"
    assert "commune" not in caught.value.message


def test_row_errors_name_the_column_as_the_sheet_calls_it(tree):
    # given a sheet whose commune column is headed "Đơn vị cấp xã"
    data = _csv("Đơn vị cấp xã,Thôn/TDP", "Xã Không Có,Thôn 1", "Đông Hưng,")

    report = plan_village_import(data=data, filename="thon.csv", scope=tree.province)

    # then each error carries the sheet's own header text, never the internal key
    assert [(e.row, e.column) for e in report.errors] == [
        (2, "Đơn vị cấp xã"),
        (3, "Thôn/TDP"),
    ]


def test_preview_page_shows_the_sheets_column_name(client, tree, province_admin):
    client.force_login(province_admin)
    upload = SimpleUploadedFile("thon.csv", _csv("Tên xã,Tên thôn", "Xã Không Có,Thôn 1"))

    response = client.post(
        reverse("areas:import_villages", kwargs={"code": tree.province.code}), {"file": upload}
    )

    body = response.content.decode()
    assert "<td>Tên xã</td>" in body
    assert "<td>commune</td>" not in body


@pytest.mark.parametrize(
    ("where", "header"),
    [
        ("commune", ["Thôn/tổ dân phố", "Loại"]),
        ("province", ["Xã/phường", "Thôn/tổ dân phố", "Loại"]),
    ],
)
def test_template_file_has_header_and_example_and_reads_back(
    client, tree, where, header, province_admin
):
    # given a province admin on a commune's or the province's import page
    client.force_login(province_admin)
    area = getattr(tree, where)

    # when they download the template
    response = client.get(reverse("areas:import_villages_template", kwargs={"code": area.code}))

    # then it is an .xlsx with the header row and one example row
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    data = b"".join(response.streaming_content)
    rows = list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
    assert list(rows[0]) == header
    assert len(rows) == 2
    # and the importer reads it back without an error
    report = plan_village_import(data=data, filename="mau.xlsx", scope=area)
    assert report.errors == []
    assert len(report.planned) == 1


def test_template_file_needs_the_village_manage_right(client, tree):
    client.force_login(user_with_role("volunteer", tree.commune))

    response = client.get(
        reverse("areas:import_villages_template", kwargs={"code": tree.commune.code})
    )

    assert response.status_code == 404


def test_import_page_links_the_template(client, tree, commune_officer):
    client.force_login(commune_officer)

    response = client.get(reverse("areas:import_villages", kwargs={"code": tree.commune.code}))

    assert reverse("areas:import_villages_template", kwargs={"code": tree.commune.code}) in (
        response.content.decode()
    )
