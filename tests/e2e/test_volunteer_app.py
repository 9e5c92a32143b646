"""A volunteer logs three visits with no network; the app syncs them exactly once."""

import pytest

from tests.accounts.factories import PASSWORD, user_with_role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

KIND = ("vneid-level-2", "Kích hoạt định danh điện tử mức 2 (VNeID)")


def _team_with_todo():
    from binhdan.accounts.models import Role
    from binhdan.volunteers.models import ServiceKind, TodoItem, TodoSource
    from tests.areas.factories import build_tree
    from tests.people.factories import PersonFactory
    from tests.volunteers.factories import TeamFactory, VolunteerFactory

    tree = build_tree()
    # A transactional test may run after the seeded kinds were flushed.
    ServiceKind.objects.get_or_create(code=KIND[0], defaults={"name": KIND[1], "order": 10})
    user = user_with_role(Role.VOLUNTEER, tree.commune, username="tinhnguyen-e2e")
    member = VolunteerFactory(
        team=TeamFactory(commune=tree.commune), village=tree.village, user=user
    )
    for n in range(3):
        person = PersonFactory(village=tree.village, birth_year=1950 + n)
        TodoItem.objects.create(team=member.team, person=person, source=TodoSource.IMPORTED)
    return member


def _pending(page, count):
    page.wait_for_function(
        "n => document.querySelector('#count-pending').textContent === n", arg=str(count)
    )


def _items(page, count):
    page.wait_for_function(
        "n => document.querySelectorAll('#todo-list > li').length === n", arg=count
    )


def test_three_visits_logged_offline_are_stored_once_and_leave_the_list(live_server, browser):
    from binhdan.volunteers.models import SupportVisit, TodoItem

    member = _team_with_todo()
    base = live_server.url.replace("127.0.0.1", "localhost")  # a secure context for the worker
    context = browser.new_context(viewport={"width": 360, "height": 800}, locale="vi-VN")
    page = context.new_page()
    batches = []
    page.on(
        "request",
        lambda r: (
            batches.append(r.post_data_json)
            if r.method == "POST" and r.url.endswith("/api/v1/visits/batch")
            else None
        ),
    )

    # given a volunteer logged in on the app, which the worker keeps for offline use
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(member.user.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/bang-dieu-khien/")
    page.goto(f"{base}/tinh-nguyen/")
    page.wait_for_selector("#volunteer-app[data-offline-ready='1'][data-ready='1']")
    _items(page, 3)

    # when the network drops and a visit is logged for each of the three people
    context.set_offline(True)
    for n in range(3):
        item = page.locator("#todo-list > li").nth(n)
        item.get_by_text("Ghi nhận hỗ trợ").click()
        item.get_by_label(KIND[1]).check()
        item.get_by_role("button", name="Đã xong").click()
        _pending(page, n + 1)
        flash = page.locator("#app-flash")
        assert "Đã lưu trên máy" in flash.inner_text()
        # the confirmation is in sight on a 360 px phone without scrolling
        box = flash.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= 800

    # then all three wait on the phone, and the app still opens with no network
    assert SupportVisit.objects.count() == 0
    assert batches == []
    page.reload()
    page.wait_for_selector("#volunteer-app[data-ready='1']")
    _pending(page, 3)
    _items(page, 3)
    assert "Mất mạng" in page.inner_text("#net-status")

    # when the network is back, the visits are sent and the items leave the list
    context.set_offline(False)
    _pending(page, 0)
    _items(page, 0)
    assert SupportVisit.objects.count() == 3
    assert not TodoItem.objects.filter(done_at__isnull=True).exists()
    assert "chưa gửi lần nào" not in page.inner_text("#last-sync")
    sent = [v["client_uuid"] for batch in batches for v in batch["visits"]]
    assert len(sent) == 3 == len(set(sent))

    # and replaying the same upload stores nothing more
    results = page.evaluate(
        """body => fetch('/api/v1/visits/batch', {
             method: 'POST', credentials: 'same-origin', body: JSON.stringify(body),
             headers: {'Content-Type': 'application/json', 'X-CSRFToken':
               decodeURIComponent(document.cookie.match(/csrftoken=([^;]+)/)[1])}
           }).then(r => r.json())""",
        {"visits": [v for batch in batches for v in batch["visits"]]},
    )["results"]
    assert [r["status"] for r in results] == ["duplicate"] * 3
    assert SupportVisit.objects.count() == 3
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()


def test_a_rejected_visit_is_shown_with_its_message_and_nothing_is_stored(live_server, browser):
    from binhdan.people.models import Person
    from binhdan.volunteers.models import SupportVisit, TodoItem

    member = _team_with_todo()
    base = live_server.url.replace("127.0.0.1", "localhost")
    context = browser.new_context(viewport={"width": 360, "height": 800}, locale="vi-VN")
    page = context.new_page()
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(member.user.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/bang-dieu-khien/")
    page.goto(f"{base}/tinh-nguyen/")
    page.wait_for_selector("#volunteer-app[data-ready='1']")
    _items(page, 3)

    # given a visit logged offline for a person who has since moved to another commune
    context.set_offline(True)
    item = page.locator("#todo-list > li").first
    item.get_by_text("Ghi nhận hỗ trợ").click()
    item.get_by_label(KIND[1]).check()
    item.get_by_role("button", name="Cần quay lại").click()
    _pending(page, 1)
    person = TodoItem.objects.filter(team=member.team).order_by("pk").first().person
    ward_village = member.team.commune.parent.children.exclude(pk=member.team.commune_id).get()
    ward_village = ward_village.children.get()
    Person.objects.filter(pk=person.pk).update(village=ward_village, area_path=ward_village.path)

    # when the network is back, the server refuses it and the app says why
    context.set_offline(False)
    _pending(page, 0)
    page.wait_for_selector("#rejected-box:not([hidden])")
    assert "không thuộc xã/phường của đội hình" in page.inner_text("#rejected-list")
    assert "không ghi nhận được" in page.inner_text("#app-flash")
    assert SupportVisit.objects.count() == 0
    # and the volunteer can dismiss it
    page.locator("#rejected-list").get_by_role("button", name="Đã xem").click()
    page.wait_for_selector("#rejected-box[hidden]", state="attached")
    context.close()
