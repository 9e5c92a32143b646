"""A commune officer logs in on a phone, browses the commune and finds a village."""

import pytest

from binhdan.accounts.models import Role
from tests.accounts.factories import PASSWORD, user_with_role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_officer_logs_in_browses_and_filters_villages(live_server, phone_page):
    from tests.areas.factories import build_tree

    tree = build_tree()
    officer = user_with_role(Role.COMMUNE_OFFICER, tree.commune, username="doanxa")
    page = phone_page

    # given the login page
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    # when the officer logs in
    page.get_by_label("Tên đăng nhập").fill(officer.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    # then the dashboard greets them with their role
    page.wait_for_url("**/bang-dieu-khien/")
    assert "Cán bộ Đoàn xã/phường" in page.content()

    # when they open their area: straight to their commune
    page.get_by_role("link", name="Xem địa bàn").click()
    page.wait_for_url(f"**/dia-ban/{tree.commune.code}/")
    assert page.get_by_role("heading", name="Xã Đông Hưng").is_visible()

    # when they type a village name without diacritics, HTMX filters the list
    page.get_by_label("Lọc theo tên (có dấu hoặc không dấu)").fill("tay")
    page.wait_for_function(
        "() => !document.querySelector('#children').textContent.includes('Thôn Đông')"
    )
    assert "Thôn Tây" in page.inner_text("#children")

    # and the page fits a 360 px phone without horizontal scrolling
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.external_requests == []


def test_officer_sees_no_other_commune(live_server, phone_page):
    from tests.areas.factories import build_tree

    tree = build_tree()
    officer = user_with_role(Role.COMMUNE_OFFICER, tree.commune)
    page = phone_page
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(officer.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/bang-dieu-khien/")

    response = page.goto(f"{live_server.url}/dia-ban/{tree.ward.code}/")

    assert response.status == 404
