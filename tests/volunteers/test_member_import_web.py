"""The member list upload page (preview, then confirm) and its template download."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from binhdan.volunteers.models import Team, Volunteer
from tests.volunteers.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    settings.UPLOAD_DIR = tmp_path / "uploads"


def _csv(*lines: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("ds.csv", ("\n".join(lines) + "\n").encode(), "text/csv")


def _url(area, name="volunteers:import_members"):
    return reverse(name, args=[area.code])


def test_preview_writes_nothing_and_confirm_writes(client, tree, commune_officer):
    client.force_login(commune_officer)
    url = _url(tree.commune)
    sheet = _csv(
        "Họ và tên,Năm sinh,SĐT,Thôn,Đội hình",
        "Nguyễn Văn An,2001,0901 815 908,Thôn Đông,Đội 1",
        "Trần Bình,1999,0977.493.257,Xóm Lạ,Đội 1",
        ",2000,0911111111,Thôn Đông,",
    )

    preview = client.post(url, {"file": sheet})

    assert preview.status_code == 200
    assert preview.context["summary"]["created"] == 2
    assert [e.row for e in preview.context["report"].errors] == [4]
    assert preview.context["report"].new_teams == ["Đội 1 (Xã Đông Hưng)"]
    assert "chưa khớp thôn" in preview.content.decode()
    assert not Volunteer.objects.exists() and not Team.objects.exists()

    done = client.post(url, {"confirm": preview.context["ticket"]})

    assert done.status_code == 200 and done.context["applied"]
    assert Volunteer.objects.filter(commune=tree.commune, team__name="Đội 1").count() == 2


def test_another_communes_officer_gets_the_404_page(client, tree, other_commune_officer):
    client.force_login(other_commune_officer)

    for name in ("volunteers:import_members", "volunteers:import_members_template"):
        assert client.get(_url(tree.commune, name)).status_code == 404
    response = client.post(_url(tree.commune), {"file": _csv("Họ và tên", "An")})

    assert response.status_code == 404
    assert not Volunteer.objects.exists()


def test_a_member_listed_by_another_commune_is_not_taken(client, tree, commune_officer):
    VolunteerFactory(village=tree.ward_village, full_name="Nguyễn Văn An", phone="+84901815908")
    client.force_login(commune_officer)

    preview = client.post(
        _url(tree.commune), {"file": _csv("Họ và tên,SĐT", "Nguyễn Văn An,0901815908")}
    )

    assert [(e.row, e.field) for e in preview.context["report"].errors] == [(2, "phone")]
    assert preview.context["summary"]["created"] == 0


def test_the_template_downloads_and_reads_back(client, tree, province_admin):
    client.force_login(province_admin)

    response = client.get(_url(tree.province, "volunteers:import_members_template"))
    data = b"".join(response.streaming_content)

    assert response.status_code == 200
    header = [cell.value for cell in load_workbook(io.BytesIO(data)).active[1]]
    assert "Xã/phường" in header and "Họ và tên" in header
    preview = client.post(_url(tree.province), {"file": SimpleUploadedFile("mau.xlsx", data)})
    assert preview.context["summary"]["created"] == 1
    assert preview.context["summary"]["errors"] == []


def test_a_commune_template_has_no_commune_column(client, tree, commune_officer):
    client.force_login(commune_officer)

    response = client.get(_url(tree.commune, "volunteers:import_members_template"))

    header = [
        cell.value
        for cell in load_workbook(io.BytesIO(b"".join(response.streaming_content))).active[1]
    ]
    assert "Xã/phường" not in header


def test_a_village_has_no_import_page(client, tree, province_admin):
    client.force_login(province_admin)

    assert client.get(_url(tree.village)).status_code == 404
