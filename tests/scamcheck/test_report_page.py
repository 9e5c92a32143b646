"""The public "Báo cáo lừa đảo" page and the offer to report from a check result."""

import re
import uuid

import pytest

from binhdan.scamcheck.models import ScamReport

pytestmark = pytest.mark.django_db

PAGE = "/kiem-tra-lua-dao/bao-cao/"


def form_data(**fields):
    return {
        "client_uuid": str(uuid.uuid4()),
        "kind": "phone",
        "value": "0912 345 678",
        "note": "",
        "commune_code": "",
    } | fields


def test_report_page_renders_without_login(client):
    response = client.get(PAGE)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Báo cáo lừa đảo" in html and 'name="client_uuid"' in html


def test_report_page_asks_nothing_about_the_reporter(client):
    html = client.get(PAGE).content.decode()
    for name in ('name="full_name"', 'name="reporter', 'name="email"', 'name="phone"'):
        assert name not in html


def test_report_form_records_a_report_and_thanks(client):
    response = client.post(PAGE, form_data(), follow=True)
    assert "Cảm ơn bạn" in response.content.decode()
    assert ScamReport.objects.get().value == "+84912345678"


def test_report_form_resubmitted_creates_one_report(client):
    data = form_data()
    client.post(PAGE, data)
    response = client.post(PAGE, data, follow=True)
    assert ScamReport.objects.count() == 1
    assert "đã được ghi nhận trước đó" in response.content.decode()


def test_report_form_shows_the_error_next_to_the_value_in_vietnamese(client):
    html = client.post(PAGE, form_data(value="12345")).content.decode()
    assert "Số điện thoại không hợp lệ" in html
    assert 'class="field-error"' in html
    assert ScamReport.objects.count() == 0


def test_report_form_bank_account_with_letters_says_where_the_bank_name_goes(client):
    html = client.post(PAGE, form_data(kind="bank_account", value="VCB 0123")).content.decode()
    assert "Tên ngân hàng hãy ghi vào phần ghi chú" in html


def test_report_form_without_kind_asks_for_it(client):
    html = client.post(PAGE, form_data(kind="")).content.decode()
    assert "Hãy chọn loại thông tin cần báo cáo" in html


def test_report_form_is_rate_limited(client):
    for _ in range(10):
        client.post(PAGE, form_data(), REMOTE_ADDR="10.2.2.2")
    response = client.post(PAGE, form_data(), REMOTE_ADDR="10.2.2.2")
    assert response.status_code == 429
    assert "thao tác quá nhanh" in response.content.decode()


def test_report_form_offers_a_commune_picker(client, tree):
    html = client.get(PAGE).content.decode()
    assert 'id="commune_code-picker"' in html and 'name="commune_code_q"' in html


def test_report_page_is_prefilled_from_the_query_string(client):
    html = client.get(PAGE, {"kind": "domain", "value": "vcb-xacthuc.top"}).content.decode()
    checked = re.findall(r'<input[^>]*type="radio"[^>]*checked[^>]*>', html)
    assert len(checked) == 1 and 'value="domain"' in checked[0]
    assert "vcb-xacthuc.top" in html


def test_prefill_post_fills_the_form_without_recording(client):
    response = client.post(PAGE, {"prefill": "1", "kind": "message", "value": "Tin nhan la"})
    assert "Tin nhan la" in response.content.decode()
    assert ScamReport.objects.count() == 0


def test_report_page_shows_a_prefilled_phone_as_people_write_it(client):
    html = client.get(PAGE, {"kind": "phone", "value": "+84912345678"}).content.decode()
    assert "0912 345 678" in html
    assert "+84912345678" not in html


def test_report_thanks_with_the_phone_as_people_write_it(client):
    response = client.post(PAGE, form_data(value="+84912345678"), follow=True)
    assert "Đã ghi nhận báo cáo (0912 345 678)" in response.content.decode()


def test_check_result_offers_to_report_what_the_checker_found(client):
    text = "Goi ngay 0912 345 678 hoac vao https://vcb-xacthuc.top/a de nhan tien"
    html = client.post("/kiem-tra-lua-dao/", {"text": text}).content.decode()
    assert "/kiem-tra-lua-dao/bao-cao/?kind=phone&amp;value=%2B84912345678" in html
    assert "kind=domain&amp;value=vcb-xacthuc.top" in html
    assert 'name="prefill"' in html
