"""At 360 px: the lesson's "Nghe bài này" player plays and shows without scrolling,
breadcrumbs and numbered lists wrap cleanly, the certificates table hides nothing sideways,
and after saying who they are a learner sees the quiz's "Bắt đầu" without scrolling."""

import pytest
from django.core.management import call_command

from binhdan.accounts.models import Role
from binhdan.curriculum.models import Lesson, Quiz
from tests.accounts.factories import PASSWORD, user_with_role
from tests.learning.factories import finished_attempt, learner

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SMALL_PHONE = {"width": 360, "height": 640}


@pytest.fixture
def small_phone(browser):
    """360 × 640: a cheap phone's screen."""
    context = browser.new_context(viewport=SMALL_PHONE, locale="vi-VN")
    yield context.new_page()
    context.close()


@pytest.fixture
def curriculum(db):
    call_command("load_curriculum", verbosity=0)


def fits_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def bottom(locator) -> float:
    box = locator.bounding_box()
    return box["y"] + box["height"]


def test_lesson_player_is_above_the_fold_and_plays_without_debian_tools(
    live_server, small_phone, curriculum, settings, monkeypatch, tmp_path
):
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))  # no espeak-ng, no opusenc: the wheels speak
    settings.UPLOAD_DIR = tmp_path / "uploads"
    lesson = Lesson.objects.select_related("topic").order_by("topic__order", "order").first()
    page = small_phone

    page.goto(f"{live_server.url}/hoc/{lesson.topic.slug}/{lesson.slug}/")

    label = page.get_by_text("Nghe bài này", exact=True)
    player = page.locator("audio#screen-audio")
    assert label.is_visible() and player.is_visible()
    assert bottom(player) <= SMALL_PHONE["height"]
    assert player.get_attribute("aria-labelledby") == "listen-label"
    # the browser loads the audio the server makes on this first play, and can play it
    page.evaluate(
        "() => { const a = document.getElementById('screen-audio'); "
        "a.preload = 'metadata'; a.load(); }"
    )
    page.wait_for_function(
        "() => document.getElementById('screen-audio').duration > 1", timeout=60_000
    )
    assert list((tmp_path / "uploads" / "audio").rglob("*.mp3"))


def test_lesson_breadcrumb_wraps_in_the_line_and_fits(live_server, phone_page, curriculum):
    lesson = max(Lesson.objects.select_related("topic"), key=lambda item: len(item.topic.title))
    page = phone_page

    page.goto(f"{live_server.url}/hoc/{lesson.topic.slug}/{lesson.slug}/")

    assert fits_phone(page)
    # the topic's name wraps; "› Bài n/N" follows on the same line as its last word
    lines = page.locator(".breadcrumb a").first.evaluate(
        """a => { const range = document.createRange(); range.selectNodeContents(a);
                  return Array.from(range.getClientRects(), r => [r.top, r.bottom]); }"""
    )
    rects = sorted(set(map(tuple, lines)))
    assert len(rects) >= 2, "the topic's name should wrap at 360 px for this test"
    current = page.locator(".breadcrumb [aria-current]").bounding_box()
    last_top, last_bottom = rects[-1]
    assert last_top - 4 <= current["y"] <= last_bottom


def test_list_number_stays_on_the_first_line_of_a_wrapping_link(live_server, phone_page):
    page = phone_page
    page.goto(f"{live_server.url}/hoc/")
    # an ordered list whose link is an inline-block that wraps, as the scam check's lessons
    page.evaluate(
        """() => { document.querySelector('main').innerHTML =
        '<ol id="t"><li><span id="probe"></span><a href="#" style="display:inline-block;' +
        'line-height:48px">Giả danh công an, tòa án, cơ quan thuế gọi điện đe dọa bà con ' +
        'ở nông thôn</a></li></ol>'; }"""
    )
    link = page.locator("#t a").bounding_box()
    probe = page.locator("#probe").bounding_box()  # on the line the number sits on
    assert link["height"] > 60  # it wraps
    assert probe["y"] < link["y"] + 48


def test_certificates_table_shows_everything_within_the_screen(live_server, phone_page, tree):
    call_command("load_curriculum", verbosity=0)
    quiz = Quiz.objects.select_related("topic").first()
    total = quiz.questions.filter(is_active=True).count()
    for name in ("Nguyễn Thị Hường", "Trần Văn Bình"):
        finished_attempt(quiz, learner(tree.village, full_name=name), correct=total)
    admin = user_with_role(Role.PROVINCE_ADMIN, tree.province, username="tinhdoan")
    page = phone_page
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(admin.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/bang-dieu-khien/")

    page.goto(f"{live_server.url}/hoc-tap/chung-nhan/")

    assert page.locator("table.stack tbody tr").count() == 2
    assert fits_phone(page)
    wrap = page.locator(".table-wrap")
    assert wrap.evaluate("w => w.scrollWidth <= w.clientWidth")  # nothing hidden sideways
    # each cell names its column
    names = (
        page.locator("table.stack tbody tr")
        .first.locator("td")
        .evaluate_all("cells => cells.map(c => getComputedStyle(c, '::before').content)")
    )
    assert names == ['"Mã"', '"Người dân"', '"Chuyên đề"', '"Ngày cấp"', '"Trạng thái"']
    # revoking is one tap away, folded
    page.get_by_text("Thu hồi chứng nhận này…").first.click()
    assert page.get_by_label("Lý do thu hồi (hiện công khai)").first.is_visible()


def test_quiz_start_button_shows_without_scrolling_after_identifying(
    live_server, small_phone, tree, curriculum
):
    quiz = Quiz.objects.select_related("topic").order_by("topic__order").first()
    topic = quiz.topic
    page = small_phone
    page.goto(f"{live_server.url}/hoc-tap/nhan-dien/?next=/hoc/{topic.slug}/kiem-tra/")

    # the form as the pickers fill it in (the pickers have tests of their own)
    page.get_by_label("Họ và tên").fill("Nguyễn Thị Hường")
    page.get_by_label("Năm sinh").fill("1958")
    page.evaluate(
        """async ([commune, village]) => {
          const form = document.querySelector('form[action*="nhan-dien"]');
          const data = new FormData(form);
          data.set('commune', commune);
          data.set('village', village);
          await fetch(form.action, {method: 'POST', body: data, redirect: 'manual'});
        }""",
        [tree.commune.code, tree.village.code],
    )
    page.goto(f"{live_server.url}/hoc/{topic.slug}/kiem-tra/")

    assert "Xin chào Nguyễn Thị Hường!" in page.content()
    start = page.get_by_role("button", name="Bắt đầu")
    assert start.is_visible()
    assert bottom(start) <= SMALL_PHONE["height"]
    assert fits_phone(page)
