"""The two-step upload shared by the imports (imports.upload.TwoStepUpload), seen through
the point page (the village and sheet pages have their own tests)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from binhdan.classes.models import BridgePoint


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    settings.UPLOAD_DIR = tmp_path / "uploads"


def _csv(*lines: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("ds.csv", ("\n".join(lines) + "\n").encode(), "text/csv")


def test_a_points_ticket_confirmed_on_another_page_is_a_404(client, tree, province_admin):
    client.force_login(province_admin)
    preview = client.post(
        reverse("classes:points_import", args=[tree.commune.code]),
        {"file": _csv("Thôn,Tên điểm cầu", "Thôn Đông,NVH")},
    )
    ticket = preview.context["ticket"]

    response = client.post(
        reverse("classes:points_import", args=[tree.ward.code]), {"confirm": ticket}
    )

    assert response.status_code == 404
    assert BridgePoint.objects.count() == 0


def test_an_expired_points_preview_sends_the_user_back_to_upload(client, tree, province_admin):
    client.force_login(province_admin)
    url = reverse("classes:points_import", args=[tree.commune.code])

    response = client.post(url, {"confirm": "not-a-ticket"}, follow=True)

    assert response.redirect_chain == [(url, 302)]
    assert any("hết hạn" in str(m) for m in response.context["messages"])


def test_a_confirmed_points_upload_says_what_it_did(client, tree, province_admin):
    client.force_login(province_admin)
    url = reverse("classes:points_import", args=[tree.commune.code])
    preview = client.post(url, {"file": _csv("Thôn,Tên điểm cầu", "Thôn Đông,NVH", "Thôn Lạ,")})

    response = client.post(url, {"confirm": preview.context["ticket"]}, follow=True)

    assert response.redirect_chain == [(reverse("classes:points", args=[tree.commune.code]), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "Đã nhập: 1 điểm cầu mới, 0 cập nhật, 0 không đổi, 1 dòng lỗi."
    ]
