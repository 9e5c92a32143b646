"""At 360 px: the scam verdict shows up where the citizen is looking, with the focus on it;
communes and villages are found by typing, without diacritics, and picked by touch or keys."""

import pytest
from playwright.sync_api import expect

from binhdan.people.models import Person
from binhdan.scamcheck.models import ScamReport

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCAM = (
    "Toi la can bo cong an, tai khoan cua ong ba lien quan vu an rua tien. Goi ngay "
    "0912 345 678 va chuyen tien vao tai khoan tam giu, khong duoc noi voi ai. "
    "Xac minh tai https://vcb-xacthuc.top/dang-nhap"
)


def test_verdict_is_in_view_and_focused_after_a_check(live_server, phone_page):
    page = phone_page
    page.goto(f"{live_server.url}/kiem-tra-lua-dao/")

    # given a long scam message pasted on a phone screen
    page.get_by_label("Dán tin nhắn, đường link hoặc số điện thoại cần kiểm tra").fill(SCAM)

    # when the citizen taps "Kiểm tra" (the test scrolls nothing itself)
    page.get_by_role("button", name="Kiểm tra").click()
    heading = page.locator("#verdict-title")
    heading.wait_for()
    page.wait_for_function(
        "document.activeElement && document.activeElement.id === 'verdict-title'"
    )

    # then the verdict heading is on screen and holds the focus
    box = heading.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 800
    assert page.evaluate("document.activeElement.closest('.verdict') !== null")
    assert "Nguy hiểm" in heading.inner_text()
    # and the form for the next check follows the verdict, empty
    next_box = page.get_by_role("button", name="Kiểm tra").bounding_box()
    assert next_box["y"] > box["y"]
    assert (
        page.get_by_label("Dán tin nhắn, đường link hoặc số điện thoại cần kiểm tra").input_value()
        == ""
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.external_requests == []


def test_citizen_types_dong_hung_and_picks_commune_and_village(live_server, phone_page):
    from tests.areas.factories import build_tree

    tree = build_tree()
    page = phone_page
    page.goto(f"{live_server.url}/hoc-tap/nhan-dien/")
    page.get_by_label("Họ và tên").fill("Phạm Văn Tư")
    page.get_by_label("Năm sinh").fill("1955")

    # when the citizen types the commune without diacritics
    search = page.get_by_label("Xã, phường nơi bạn ở")
    search.press_sequentially("dong hung", delay=40)
    expect(page.locator("#commune-status")).to_have_text("Tìm thấy 1 xã/phường.")
    commune = page.get_by_label("Xã Đông Hưng · Tỉnh Hưng Yên")

    # and picks it with the keyboard (Down to the results, Space to choose)
    search.press("ArrowDown")
    page.keyboard.press("Space")
    assert commune.is_checked()

    # then the villages of that commune are offered, and one is picked by touch
    page.get_by_label("Thôn Tây").check()
    assert page.get_by_label("Tổ dân phố số 1").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("button", name="Tiếp tục").click()
    page.wait_for_url("**/hoc-tap/cua-toi/")

    assert Person.objects.get().village == tree.village2
    assert page.external_requests == []


def test_enter_in_the_picker_searches_instead_of_sending_the_report(live_server, phone_page):
    from tests.areas.factories import build_tree

    tree = build_tree()
    page = phone_page
    page.goto(f"{live_server.url}/kiem-tra-lua-dao/bao-cao/")
    page.get_by_label("Số điện thoại", exact=True).check()
    page.get_by_label("Số điện thoại, đường link").fill("0912 345 678")

    search = page.get_by_label("Bạn ở xã/phường nào? (không bắt buộc)")
    search.fill("pho hien")
    search.press("Enter")
    expect(page.locator("#commune_code-status")).to_contain_text("Tìm thấy 1 xã/phường.")
    page.get_by_label("Phường Phố Hiến · Tỉnh Hưng Yên").check()
    assert not ScamReport.objects.exists()

    page.get_by_role("button", name="Gửi báo cáo").click()
    page.wait_for_selector(".messages")
    assert ScamReport.objects.get().area == tree.ward
