"""A volunteer registers an elderly neighbour on a phone, sees them, fixes a typo, and
meets a page they may not open: every step lands on a page they can see, in Vietnamese."""

import pytest

from binhdan.accounts.models import Role
from tests.accounts.factories import PASSWORD, user_with_role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _in_view(page, selector: str) -> bool:
    box = page.locator(selector).first.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 800


def test_volunteer_registers_sees_and_fixes_a_person(live_server, phone_page):
    from tests.areas.factories import build_tree

    tree = build_tree()
    volunteer = user_with_role(Role.VOLUNTEER, tree.village, username="tinhnguyen")
    page = phone_page
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(volunteer.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/bang-dieu-khien/")

    # when the volunteer registers a neighbour
    page.goto(f"{live_server.url}/nguoi-dan/them/")
    page.get_by_label("Họ và tên").fill("Nguyen Thi Lan")
    page.get_by_label("Năm sinh").fill("1948")
    page.get_by_label("Thôn, tổ dân phố").select_option(tree.village.code)
    page.get_by_role("button", name="Lưu").click()

    # then they land on the person's page (not a 404), the confirmation in view
    page.wait_for_url("**/nguoi-dan/*/")
    assert page.get_by_role("heading", name="Nguyen Thi Lan").is_visible()
    assert _in_view(page, ".messages")
    assert page.get_by_role("link", name="In thẻ điểm danh (mã QR)").is_visible()

    # when they fix the name
    page.get_by_role("link", name="Sửa thông tin").click()
    page.get_by_label("Họ và tên").fill("Nguyễn Thị Lan")
    page.get_by_role("button", name="Lưu thay đổi").click()
    page.wait_for_url("**/nguoi-dan/*/")
    assert page.get_by_role("heading", name="Nguyễn Thị Lan").is_visible()
    assert _in_view(page, ".messages")

    # and their list finds her typed without diacritics
    page.goto(f"{live_server.url}/nguoi-dan/?q=nguyen+thi+lan")
    assert "Nguyễn Thị Lan" in page.inner_text("main")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    # the operator console, for someone who runs no point, is an empty list (never a 403)
    response = page.goto(f"{live_server.url}/van-hanh/")
    assert response.status == 200
    assert "Không có buổi học nào." in page.inner_text("main")
    # a page outside their scope answers in Vietnamese, with a way back
    missing = page.goto(f"{live_server.url}/nguoi-dan/999999/")
    assert missing.status == 404
    assert page.get_by_role("heading", name="Không tìm thấy trang").is_visible()
    assert page.get_by_role("link", name="Về bảng điều khiển").is_visible()
    assert page.external_requests == []
