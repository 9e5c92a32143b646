"""The village import pages: upload and preview (nothing written), then confirm."""

import csv
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from binhdan.areas.models import Area
from tests.accounts.factories import user_with_role

HEADER = ("Xã/phường", "Thôn/tổ dân phố")


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    settings.UPLOAD_DIR = tmp_path / "uploads"


@pytest.fixture
def officer_client(client, commune_officer):
    client.force_login(commune_officer)
    return client


def _url(area: Area) -> str:
    return reverse("areas:import_villages", kwargs={"code": area.code})


def _upload(name: str, *rows) -> SimpleUploadedFile:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([HEADER, *rows])
    return SimpleUploadedFile(name, buffer.getvalue().encode(), content_type="text/csv")


def _ticket(response) -> str:
    match = re.search(r'name="confirm" value="([^"]+)"', response.content.decode())
    assert match, "the preview page carries no confirm ticket"
    return match.group(1)


def _preview(client, area: Area, *rows):
    return client.post(_url(area), {"file": _upload("thon.csv", *rows)})


def test_upload_shows_planned_and_error_rows(tree, officer_client):
    # given an officer of Xã Đông Hưng on their import page
    # when they upload a file with a good row and a row for an unknown commune
    response = _preview(
        officer_client, tree.commune, ("Đông Hưng", "Thôn Mới"), ("Xã Lạ", "Thôn 1")
    )

    # then the preview lists the planned village and the refused row
    assert response.status_code == 200
    report = response.context["report"]
    assert [(item.row, item.name, item.action) for item in report.planned] == [
        (2, "Thôn Mới", "create")
    ]
    assert [(error.row, error.field) for error in report.errors] == [(3, "commune")]
    html = response.content.decode()
    assert "Thôn Mới" in html
    assert "Xã Lạ" in html


def test_upload_writes_nothing_before_confirm(tree, officer_client):
    # given the villages as they are
    before = Area.objects.count()

    # when an officer uploads a file with a new village
    response = _preview(officer_client, tree.commune, ("Đông Hưng", "Thôn Mới"))

    # then only a preview is shown
    assert response.status_code == 200
    assert Area.objects.count() == before
    assert not Area.objects.filter(name="Thôn Mới").exists()


def test_confirm_creates_villages_and_redirects_to_area(tree, officer_client):
    # given a preview of a file with a new village
    preview = _preview(officer_client, tree.commune, ("Đông Hưng", "Thôn Mới"))

    # when the officer confirms it
    response = officer_client.post(_url(tree.commune), {"confirm": _ticket(preview)})

    # then the village is created and the officer lands on the commune page
    assert response.status_code == 302
    assert response.url == reverse("areas:detail", kwargs={"code": tree.commune.code})
    created = Area.objects.get(parent=tree.commune, name="Thôn Mới")
    assert created.code == "12001-0003"


def test_confirm_with_tampered_ticket_writes_nothing(tree, officer_client):
    # given a preview whose ticket is then altered
    preview = _preview(officer_client, tree.commune, ("Đông Hưng", "Thôn Mới"))
    ticket = _ticket(preview)
    tampered = ticket[:-1] + ("A" if ticket[-1] != "A" else "B")
    before = Area.objects.count()

    # when the altered ticket is posted
    response = officer_client.post(_url(tree.commune), {"confirm": tampered}, follow=True)

    # then the officer is told the preview expired and nothing is written
    messages = [str(m) for m in response.context["messages"]]
    assert any("hết hạn" in m for m in messages)
    assert Area.objects.count() == before


def test_confirm_returns_404_for_ticket_of_another_user(tree, client, commune_officer):
    # given a preview made by one officer
    client.force_login(commune_officer)
    ticket = _ticket(_preview(client, tree.commune, ("Đông Hưng", "Thôn Mới")))
    colleague = user_with_role("commune_officer", tree.commune)
    before = Area.objects.count()

    # when another officer of the same commune posts that ticket
    client.force_login(colleague)
    response = client.post(_url(tree.commune), {"confirm": ticket})

    # then it is refused and nothing is written
    assert response.status_code == 404
    assert Area.objects.count() == before


def test_import_page_returns_404_for_officer_of_other_commune(tree, client):
    # given an officer of Phường Phố Hiến
    client.force_login(user_with_role("commune_officer", tree.ward))

    # when they open the import page of Xã Đông Hưng
    response = client.get(_url(tree.commune))

    # then the page does not exist for them
    assert response.status_code == 404


def test_upload_returns_404_for_officer_of_other_commune(tree, client):
    # given an officer of Phường Phố Hiến
    client.force_login(user_with_role("commune_officer", tree.ward))
    before = Area.objects.count()

    # when they post a file to the import page of Xã Đông Hưng
    response = _preview(client, tree.commune, ("Đông Hưng", "Thôn Mới"))

    # then it is refused and nothing is written
    assert response.status_code == 404
    assert Area.objects.count() == before


def test_import_page_returns_404_for_volunteer(tree, client):
    # given a volunteer of Xã Đông Hưng (may view the area, not manage villages)
    client.force_login(user_with_role("volunteer", tree.commune))

    # when they open the import page of their commune
    response = client.get(_url(tree.commune))

    # then the page does not exist for them
    assert response.status_code == 404


def test_import_page_returns_404_for_village(tree, client, province_admin):
    # given a province admin
    client.force_login(province_admin)

    # when they open the import page of a village
    response = client.get(_url(tree.village))

    # then there is no such page: villages have no villages
    assert response.status_code == 404


def test_upload_shows_error_next_to_field_for_pdf(tree, officer_client):
    # given a PDF file
    upload = SimpleUploadedFile("thon.pdf", b"%PDF-1.7", content_type="application/pdf")

    # when it is uploaded
    response = officer_client.post(_url(tree.commune), {"file": upload})

    # then the form is shown again with a Vietnamese error on the file field
    assert response.status_code == 200
    assert "report" not in response.context
    [error] = response.context["form"].errors["file"]
    assert "Chỉ nhận tệp" in error
    html = response.content.decode()
    assert 'class="field-error"' in html
    assert "Chỉ nhận tệp" in html


def test_upload_refuses_file_over_5_mb(tree, officer_client, settings):
    # given a CSV just over 5 MB
    data = b"Xa,Thon\n" + b"x" * (5 * 1024 * 1024)
    upload = SimpleUploadedFile("thon.csv", data, content_type="text/csv")

    # when it is uploaded
    response = officer_client.post(_url(tree.commune), {"file": upload})

    # then it is refused next to the field and nothing is kept
    assert response.status_code == 200
    assert "report" not in response.context
    [error] = response.context["form"].errors["file"]
    assert "5 MB" in error
    assert not settings.UPLOAD_DIR.exists() or not any(settings.UPLOAD_DIR.iterdir())


def test_upload_shows_error_next_to_field_when_header_missing(tree, officer_client):
    # given a CSV without the commune and village columns
    upload = SimpleUploadedFile("thon.csv", b"Ho ten,So dien thoai\nA,1\n", content_type="text/csv")

    # when it is uploaded
    response = officer_client.post(_url(tree.commune), {"file": upload})

    # then the header error is shown on the file field
    assert response.status_code == 200
    assert "report" not in response.context
    [error] = response.context["form"].errors["file"]
    assert "tiêu đề" in error
