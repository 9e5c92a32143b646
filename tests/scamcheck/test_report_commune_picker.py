"""The report form's commune: chosen with the area picker, never a list of every commune."""

import re
import uuid

import pytest

from binhdan.scamcheck.models import ScamReport
from tests.areas.factories import commune

pytestmark = pytest.mark.django_db

PAGE = "/kiem-tra-lua-dao/bao-cao/"


def form_data(**fields):
    return {
        "client_uuid": str(uuid.uuid4()),
        "kind": "phone",
        "value": "0912 345 678",
        "note": "",
    } | fields


def test_report_page_does_not_list_every_commune(client, tree):
    # given many communes in the site's province
    for n in range(200):
        commune(tree.province, f"4{n:04d}", f"Xã Thử Nghiệm Số {n}")

    response = client.get(PAGE)

    html = response.content.decode()
    assert "Xã Thử Nghiệm Số" not in html
    assert len(response.content) < 20_000


def test_report_with_a_picked_commune_is_placed_in_it(client, tree):
    response = client.post(PAGE, form_data(commune_code=tree.commune.code, commune_code_q="dong"))

    assert response.status_code == 302
    assert ScamReport.objects.get().area == tree.commune


def test_report_of_a_commune_in_another_province_is_accepted(client, tree):
    client.post(PAGE, form_data(commune_code=tree.other_commune.code))

    assert ScamReport.objects.get().area == tree.other_commune


def test_report_without_a_commune_is_accepted(client, tree):
    client.post(PAGE, form_data())
    client.post(PAGE, form_data(value="0912 345 679", commune_code=""))

    assert list(ScamReport.objects.values_list("area", flat=True)) == [None, None]


@pytest.mark.parametrize("code", ["99999", "33", "12001-0001"])
def test_report_with_a_code_the_picker_does_not_offer_is_refused(client, tree, code):
    # an unknown code, a province, a village: the picker offers communes only
    response = client.post(PAGE, form_data(commune_code=code))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Không tìm thấy xã/phường này" in html
    assert not ScamReport.objects.exists()


def test_search_button_without_javascript_returns_the_matches_and_records_nothing(client, tree):
    data = form_data(commune_code_q="Dong Hung", note="Gọi lúc 9 giờ", _picker="commune_code")

    response = client.post(PAGE, data)

    html = response.content.decode()
    assert response.status_code == 200
    assert not ScamReport.objects.exists()
    assert f'<input type="radio" name="commune_code" value="{tree.commune.code}">' in html
    assert "Xã Đông Hưng · Tỉnh Hưng Yên" in html
    assert "Gọi lúc 9 giờ" in html and "0912 345 678" in html  # what was typed is kept
    assert data["client_uuid"] in html  # the same report when it is sent


def test_commune_typed_and_not_chosen_asks_to_choose_instead_of_sending(client, tree):
    response = client.post(PAGE, form_data(commune_code_q="pho hien"))

    html = response.content.decode()
    assert not ScamReport.objects.exists()
    assert "Hãy chọn một xã/phường trong danh sách" in html
    assert re.search(rf'value="{tree.ward.code}"', html)


def test_choosing_no_commune_after_a_search_sends_the_report(client, tree):
    response = client.post(PAGE, form_data(commune_code_q="pho hien", commune_code=""))

    assert response.status_code == 302
    assert ScamReport.objects.get().area is None


def test_report_page_with_an_error_keeps_the_chosen_commune_checked(client, tree):
    html = client.post(PAGE, form_data(value="12345", commune_code=tree.ward.code)).content.decode()

    assert "Số điện thoại không hợp lệ" in html
    assert f'value="{tree.ward.code}" checked' in html
