"""A citizen reports a scam number from a check result; a commune officer confirms it;
the next check of that number says the community reported it."""

import pytest

from binhdan.accounts.models import Role
from tests.accounts.factories import PASSWORD, user_with_role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCAM = "Toi la can bo cong an, goi ngay 0912 345 678 de xac minh, khong duoc noi voi ai"


def fits_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def test_reported_number_confirmed_by_officer_is_flagged_next_time(live_server, phone_page):
    from tests.areas.factories import build_tree

    tree = build_tree()
    officer = user_with_role(Role.COMMUNE_OFFICER, tree.commune)
    page = phone_page

    # given a citizen who checked a scam message
    page.goto(f"{live_server.url}/kiem-tra-lua-dao/")
    page.get_by_label("Dán tin nhắn, đường link hoặc số điện thoại cần kiểm tra").fill(SCAM)
    page.get_by_role("button", name="Kiểm tra").click()
    page.wait_for_selector(".verdict")
    assert fits_phone(page)

    # when they report the number, from their commune
    page.get_by_role("link", name="Báo cáo số/link này: 0912 345 678").click()
    page.wait_for_url("**/kiem-tra-lua-dao/bao-cao/**")
    assert page.get_by_label("Số điện thoại", exact=True).is_checked()
    page.get_by_label("Bạn ở xã/phường nào? (không bắt buộc)").fill("đông hưng")
    page.get_by_label("Xã Đông Hưng · Tỉnh Hưng Yên").check()
    page.get_by_role("button", name="Gửi báo cáo").click()
    page.wait_for_selector(".messages")
    assert "Cảm ơn bạn" in page.inner_text(".messages")
    assert fits_phone(page)

    # and the officer confirms it in the moderation queue (HTMX, no page load)
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(officer.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/kiem-tra-lua-dao/kiem-duyet/")
    assert "+84912345678" in page.inner_text("main")
    page.get_by_role("button", name="Xác nhận lừa đảo (cả nhóm)").click()
    page.wait_for_selector(".moderated")
    assert fits_phone(page)

    # then the next check of that number says it was reported
    page.goto(f"{live_server.url}/kiem-tra-lua-dao/")
    page.get_by_label("Dán tin nhắn, đường link hoặc số điện thoại cần kiểm tra").fill(
        "Goi lai 0912345678"
    )
    page.get_by_role("button", name="Kiểm tra").click()
    page.wait_for_selector(".verdict")
    assert "1 người đã báo số 0912\u00a0345\u00a0678 là lừa đảo" in page.inner_text(".verdict")
    assert page.external_requests == []
