"""At 360 px, the operator sees each check-in's answer next to the button, with the
counters in sight, and a known phone checks in without typing the name."""

import os

import pytest

from tests.accounts.factories import PASSWORD, UserFactory
from tests.e2e.test_operator_offline import sync_now

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

VIEWPORT = {"width": 360, "height": 800}


def _setup():
    from tests.areas.factories import build_tree
    from tests.classes.factories import (
        BridgePointFactory,
        ClassSessionFactory,
        SessionPointFactory,
    )
    from tests.people.factories import PersonFactory

    operator = UserFactory(username="vanhanh-feedback")
    tree = build_tree()
    session = ClassSessionFactory(
        area=tree.commune, area_path=tree.commune.path, title="Chuyên đề dịch vụ công"
    )
    point = BridgePointFactory(
        village=tree.village, operators=[operator], name="Nhà văn hóa thôn Đông"
    )
    SessionPointFactory(session=session, point=point)
    PersonFactory(village=tree.village2, full_name="Lê Thị Bình", phone="+84912345678")
    PersonFactory(village=tree.village, full_name="Trần Văn Ba", phone="+84987654321")
    PersonFactory(village=tree.village, full_name="Phạm Thị Tư", phone="+84987654321")
    return operator, session, point


def _in_viewport(page, selector) -> dict:
    box = page.locator(selector).bounding_box()
    assert box is not None, f"{selector} is not displayed"
    assert box["y"] >= 0, (selector, box)
    assert box["y"] + box["height"] <= VIEWPORT["height"], (selector, box)
    return box


def _result(page, text):
    page.wait_for_function(
        "t => document.querySelector('#checkin-result').textContent.includes(t)", arg=text
    )


def _open_console(page, live_server, operator, session, point):
    base = live_server.url.replace("127.0.0.1", "localhost")
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(operator.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/bang-dieu-khien/")
    page.goto(f"{base}/van-hanh/{session.pk}/{point.pk}/")


def _phone_checkin(page, phone, name=""):
    page.get_by_role("radio", name="Số điện thoại").check()
    page.locator("#id_phone").fill(phone)
    if name:
        page.locator("#id_full_name").fill(name)
    page.locator("#checkin-form").get_by_role("button", name="Điểm danh").click()


def test_checkin_answer_and_counters_are_in_sight_at_360px(live_server, phone_page):
    from binhdan.classes.models import CheckIn

    operator, session, point = _setup()
    page = phone_page

    # given the operator on the point's screen, the point opened
    _open_console(page, live_server, operator, session, point)
    page.get_by_role("button", name="Mở điểm cầu").click()
    page.wait_for_function(
        "() => document.querySelector('#point-status').textContent === 'Đang mở'"
    )

    # when a known person is checked in by phone alone
    _phone_checkin(page, "0912 345 678")

    # then the answer, with the masked name, is under the button and in sight, and so are
    # the counters, the answer not hidden under them
    _result(page, "Đã điểm danh: Lê T*** B***")
    answer = _in_viewport(page, "#checkin-result")
    bar = _in_viewport(page, "#console-bar")
    assert answer["y"] >= bar["y"] + bar["height"]
    page.wait_for_function(
        "() => document.querySelector('#count-here').textContent === '1'"
        " && document.querySelector('#count-pending').textContent === '0'"
    )
    assert CheckIn.objects.get().full_name == "Lê Thị Bình"
    assert "Lê Thị Bình" not in page.content()
    if shots := os.environ.get("BINHDAN_E2E_SCREENSHOTS"):
        page.screenshot(path=os.path.join(shots, "console-after-checkin.png"))

    # when a sync runs afterwards, the answer stays until the next check-in
    sync_now(page)
    assert "Đã điểm danh: Lê T*** B***" in page.inner_text("#checkin-result")

    # when the same phone comes again, the answer says the person is already here
    _phone_checkin(page, "0912345678")
    _result(page, "đã điểm danh tại điểm cầu này hôm nay rồi")
    _in_viewport(page, "#checkin-result")
    assert CheckIn.objects.count() == 1

    # when a phone shared by a couple comes alone, the console asks for the name and keeps
    # the number; with the name, the person is checked in
    _phone_checkin(page, "0987654321")
    _result(page, "hãy hỏi và nhập họ tên")
    assert page.input_value("#id_phone") == "0987654321"
    assert page.locator("#rejected-box").is_hidden()
    page.locator("#id_full_name").fill("Phạm Thị Tư")
    page.locator("#checkin-form").get_by_role("button", name="Điểm danh").click()
    _result(page, "Đã điểm danh: ")
    assert CheckIn.objects.filter(full_name="Phạm Thị Tư").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.external_requests == []


def test_headcount_answer_is_next_to_its_button(live_server, phone_page):
    from binhdan.classes.models import SessionPoint

    operator, session, point = _setup()
    page = phone_page
    _open_console(page, live_server, operator, session, point)

    page.locator("#hc_count").fill("27")
    page.get_by_role("button", name="Báo số người").click()

    page.wait_for_function(
        "() => document.querySelector('#headcount-result').textContent.includes('27')"
    )
    _in_viewport(page, "#headcount-result")
    _in_viewport(page, "#console-bar")
    page.wait_for_function("() => document.querySelector('#count-headcount').textContent === '27'")
    assert SessionPoint.objects.get(session=session, point=point).headcount == 27


def test_checkin_works_on_a_phone_whose_browser_can_scan_qr_codes(live_server, phone_page):
    from binhdan.classes.models import CheckIn

    operator, session, point = _setup()
    page = phone_page
    # given a browser with the BarcodeDetector of Android's Chrome
    page.add_init_script(
        """window.BarcodeDetector = class { detect() { return Promise.resolve([]); } };
           if (!navigator.mediaDevices) Object.defineProperty(navigator, "mediaDevices",
             { value: { getUserMedia: () => Promise.reject(new Error("no camera")) } });"""
    )
    _open_console(page, live_server, operator, session, point)
    page.wait_for_function("() => !document.querySelector('#scan-start').hidden")

    # when a person is checked in by phone, the answer comes as without the scanner
    _phone_checkin(page, "0912345678")
    _result(page, "Đã điểm danh: Lê T*** B***")
    assert CheckIn.objects.get().full_name == "Lê Thị Bình"
