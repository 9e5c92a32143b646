"""An operator checks people in with no network; the console syncs them exactly once."""

from collections import Counter

import pytest

from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CCCD = "001058012345"  # born in Hà Nội (001) in 1958: a valid shape, not a real person


def _point_for(operator):
    from tests.areas.factories import build_tree
    from tests.classes.factories import (
        BridgePointFactory,
        ClassSessionFactory,
        SessionPointFactory,
    )

    tree = build_tree()
    session = ClassSessionFactory(area=tree.commune, area_path=tree.commune.path)
    point = BridgePointFactory(village=tree.village, operators=[operator])
    SessionPointFactory(session=session, point=point)
    return session, point, tree


def _check_in(page, method, **fields):
    page.get_by_role("radio", name=method).check()
    for field, value in fields.items():
        locator = page.locator(f"#id_{field}")
        if field == "village":
            locator.select_option(value)
        else:
            locator.fill(value)
    page.locator("#checkin-form").get_by_role("button", name="Điểm danh").click()


def _pending(page, count):
    page.wait_for_function(
        "n => document.querySelector('#count-pending').textContent === n", arg=str(count)
    )


def sent_checkins(page) -> Counter:
    """How many times each check-in's client_uuid leaves the phone in a batch request."""
    sent = Counter()

    def log(request):
        if request.method == "POST" and request.url.endswith("/api/v1/checkins/batch"):
            sent.update(item["client_uuid"] for item in request.post_data_json["items"])

    page.on("request", log)
    return sent


def sync_now(page):
    """Press "Gửi ngay" and wait until the sync has redrawn the counters (its last step)."""
    page.evaluate(
        """() => {
          window.redrawn = false;
          new MutationObserver((_, o) => { window.redrawn = true; o.disconnect(); })
            .observe(document.querySelector('#count-pending'),
                     { childList: true, characterData: true, subtree: true });
        }"""
    )
    page.get_by_role("button", name="Gửi ngay").click()
    page.wait_for_function("() => window.redrawn")


def test_operator_checks_in_offline_then_syncs_exactly_once(live_server, browser):
    from binhdan.classes.models import CheckIn, SessionPoint

    operator = UserFactory(username="vanhanh")
    session, point, tree = _point_for(operator)
    base = live_server.url.replace("127.0.0.1", "localhost")  # a secure context for the worker
    context = browser.new_context(viewport={"width": 360, "height": 800}, locale="vi-VN")
    page = context.new_page()
    external = []
    page.on(
        "request",
        lambda r: (
            external.append(r.url) if not r.url.startswith(("http://localhost", "data:")) else None
        ),
    )

    # given an operator logged in on the point's screen, which the worker keeps for offline use
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(operator.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/bang-dieu-khien/")
    page.goto(f"{base}/van-hanh/{session.pk}/{point.pk}/")
    page.wait_for_selector("#console[data-offline-ready='1']")
    sent = sent_checkins(page)
    page.get_by_role("button", name="Mở điểm cầu").click()
    page.wait_for_function(
        "() => document.querySelector('#point-status').textContent === 'Đang mở'"
    )
    assert SessionPoint.objects.get(session=session, point=point).opened_at is not None

    # when the network drops and three people are checked in
    context.set_offline(True)
    _check_in(page, "Số điện thoại", phone="0912345678", full_name="Lê Thị Bình")
    _pending(page, 1)
    _check_in(
        page,
        "Họ tên, năm sinh",
        full_name="Nguyễn Văn An",
        birth_year="1955",
        village=tree.village2.code,
    )
    _pending(page, 2)
    _check_in(page, "Số CCCD", cccd=CCCD)
    # then all three wait on the phone
    _pending(page, 3)
    assert CheckIn.objects.count() == 0
    assert sent == Counter()

    # when the page is reloaded with no network, the service worker serves it
    page.reload()
    page.wait_for_selector("#console")
    _pending(page, 3)
    assert "Mất mạng" in page.inner_text("#net-status")
    # (the worker itself has no network either: an uncached console URL answers 503)
    assert (
        page.evaluate("() => fetch('/van-hanh/?khong-co-trong-bo-nho').then(r => r.status)") == 503
    )

    # when the network is back, the queue is sent
    context.set_offline(False)
    _pending(page, 0)
    assert CheckIn.objects.filter(session=session, point=point).count() == 3
    assert set(CheckIn.objects.values_list("method", flat=True)) == {"phone", "name", "cccd"}
    page.wait_for_function("() => document.querySelector('#count-here').textContent === '3'")
    assert len(sent) == 3
    assert set(sent.values()) == {1}

    # and a second sync sends nothing twice
    sync_now(page)
    _pending(page, 0)
    assert len(sent) == 3
    assert set(sent.values()) == {1}
    assert CheckIn.objects.count() == 3
    # the CCCD left the phone once the server had it
    stored = page.evaluate(
        """() => new Promise(ok => {
             const r = indexedDB.open('binhdan-console');
             r.onsuccess = () => {
               const g = r.result.transaction('queue').objectStore('queue').getAll();
               g.onsuccess = () => ok(JSON.stringify(g.result));
             };
           })"""
    )
    assert CCCD not in stored
    # and the console fits a 360 px phone without horizontal scrolling
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert external == []
    context.close()


def test_a_lost_acknowledgement_is_retried_without_a_second_row(live_server, browser):
    from binhdan.classes.models import CheckIn

    operator = UserFactory(username="vanhanh2")
    session, point, _tree = _point_for(operator)
    base = live_server.url.replace("127.0.0.1", "localhost")
    context = browser.new_context(viewport={"width": 360, "height": 800}, locale="vi-VN")
    page = context.new_page()
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(operator.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/bang-dieu-khien/")
    page.goto(f"{base}/van-hanh/{session.pk}/{point.pk}/")
    page.wait_for_selector("#console[data-offline-ready='1']")
    sent = sent_checkins(page)
    lost = []

    def lose_the_answer(route):
        # the server stores the batch, but its answer never reaches the phone
        route.fetch()
        lost.append(route.request.url)
        route.abort()

    page.route("**/api/v1/checkins/batch", lose_the_answer, times=1)

    # when one check-in is sent and its answer is lost
    _check_in(page, "Số điện thoại", phone="0987654321", full_name="Đỗ Văn Hùng")
    page.wait_for_function(
        "() => document.querySelector('#console-flash').textContent.includes('Chưa gửi được')"
    )
    # then the row exists on the server, and the phone still holds it
    assert lost
    assert CheckIn.objects.count() == 1
    _pending(page, 1)

    # when the operator sends again, the server answers "duplicate" and nothing is added
    page.get_by_role("button", name="Gửi ngay").click()
    _pending(page, 0)
    assert CheckIn.objects.count() == 1
    assert list(sent.values()) == [2]
    context.close()


def test_a_point_opened_offline_is_reported_later_with_its_real_time(live_server, browser):
    from binhdan.classes.models import SessionPoint

    operator = UserFactory(username="vanhanh3")
    session, point, _tree = _point_for(operator)
    base = live_server.url.replace("127.0.0.1", "localhost")
    context = browser.new_context(viewport={"width": 360, "height": 800}, locale="vi-VN")
    page = context.new_page()
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(operator.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/bang-dieu-khien/")
    page.goto(f"{base}/van-hanh/{session.pk}/{point.pk}/")
    page.wait_for_selector("#console[data-offline-ready='1']")
    opens = []
    page.on("request", lambda r: opens.append(r.url) if "/open" in r.url else None)

    # when the operator opens the point with no network
    context.set_offline(True)
    page.get_by_role("button", name="Mở điểm cầu").click()
    _pending(page, 1)
    opened_on_phone = page.evaluate("() => Date.now()")
    page.wait_for_function(
        "() => document.querySelector('#console-flash').textContent.includes('khi có mạng')"
    )
    assert opens == []
    assert SessionPoint.objects.get(session=session, point=point).opened_at is None

    # then, back online, the server learns it with the time it happened
    context.set_offline(False)
    _pending(page, 0)
    opened_at = SessionPoint.objects.get(session=session, point=point).opened_at
    assert opened_at is not None
    assert opened_at.timestamp() * 1000 < opened_on_phone + 100
    assert len(opens) == 1
    context.close()
