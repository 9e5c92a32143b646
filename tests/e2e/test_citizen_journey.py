"""A citizen on a phone reads a lesson, takes the quiz, gets a certificate anyone can check."""

import re

import pytest
from django.core.management import call_command

from binhdan.curriculum.models import Question, Topic
from binhdan.learning import services
from binhdan.learning.models import Certificate
from tests.accounts.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def fits_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def answer_every_question_right(page, topic):
    while True:
        page.wait_for_selector("#quiz-card")
        text = page.inner_text(".question-text")
        question = Question.objects.get(quiz__topic=topic, text=text.strip(), is_active=True)
        right = question.choices.get(is_correct=True)
        page.locator("label.choice", has_text=right.text).click()
        page.get_by_role("button", name="Trả lời").click()
        page.wait_for_selector(".feedback-right")  # swapped in by HTMX, no page load
        assert fits_phone(page)
        finish = page.get_by_role("link", name="Xem kết quả")
        if finish.count():
            finish.click()
            return
        page.get_by_role("link", name="Câu tiếp theo").click()


def test_citizen_learns_passes_and_the_certificate_is_verifiable(live_server, phone_page, tmp_path):
    from tests.areas.factories import build_tree

    tree = build_tree()
    call_command("load_curriculum", verbosity=0)
    topic = Topic.objects.public().order_by("order", "pk").first()
    lesson = topic.lessons.order_by("order", "pk").first()
    page = phone_page

    # given the list of topics, the citizen opens the first topic and its first lesson
    page.goto(f"{live_server.url}/hoc/")
    assert fits_phone(page)
    page.get_by_role("link", name=topic.title).first.click()
    page.wait_for_url(f"**/hoc/{topic.slug}/")
    page.get_by_role("link", name="Học bài đầu tiên").click()
    page.wait_for_url(f"**/hoc/{topic.slug}/{lesson.slug}/")

    # when they read it screen by screen
    while page.get_by_role("link", name=re.compile("^Tiếp")).count():
        assert fits_phone(page)
        page.get_by_role("link", name=re.compile("^Tiếp")).click()
    page.get_by_role("button", name="Tôi đã học xong bài này").click()
    page.wait_for_load_state()

    # then they go to the quiz and say who they are (no password)
    page.goto(f"{live_server.url}/hoc/{topic.slug}/kiem-tra/")
    assert fits_phone(page)
    page.get_by_role("link", name="Bắt đầu").click()
    page.wait_for_url("**/hoc-tap/nhan-dien/**")
    page.get_by_label("Xã, phường nơi bạn ở").fill("dong hung")
    page.get_by_label(f"{tree.commune.name} · Tỉnh Hưng Yên").check()
    page.get_by_label(tree.village.name).check()
    page.get_by_label("Họ và tên").fill("Nguyễn Thị Hường")
    page.get_by_label("Năm sinh").fill("1958")
    page.get_by_label("Số điện thoại (nếu có)").fill("0912 345 678")
    assert fits_phone(page)
    page.get_by_role("button", name="Tiếp tục").click()
    page.wait_for_url(f"**/hoc/{topic.slug}/kiem-tra/")
    assert "Nguyễn Thị Hường" in page.inner_text(".learner-bar")

    # and answer every question right, one per screen
    page.get_by_role("button", name="Bắt đầu").click()
    answer_every_question_right(page, topic)

    # then they passed and got a certificate
    page.wait_for_url("**/kiem-tra/ket-qua/**")
    assert "Chúc mừng, bạn đã đạt!" in page.content()
    assert fits_phone(page)
    certificate = Certificate.objects.get(person__full_name="Nguyễn Thị Hường")
    assert certificate.person.lesson_progress.filter(lesson=lesson).exists()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tải giấy chứng nhận (PDF)").click()
    pdf = tmp_path / "chung-nhan.pdf"
    download_info.value.save_as(pdf)
    content = pdf.read_bytes()
    assert content.startswith(b"%PDF")
    assert len(content) > 10_000

    # anyone opening the code sees it is valid, with a masked name
    page.goto(f"{live_server.url}/c/{certificate.code.lower()}/")
    assert "Chứng nhận hợp lệ" in page.inner_text("#certificate-status")
    assert "Nguyễn T*** H***" in page.content()
    assert "Nguyễn Thị Hường" not in page.content()
    assert fits_phone(page)

    # when staff revoke it, the same page says so
    services.certificate_revoke(
        actor=UserFactory(is_superuser=True),
        certificate=certificate,
        reason="wrong_person",
        note="Kiểm tra lại",
    )
    page.reload()
    assert "Chứng nhận đã bị thu hồi" in page.inner_text("#certificate-status")
    assert "Thông tin người được cấp không đúng" in page.content()
    assert "Kiểm tra lại" not in page.content()

    assert page.external_requests == []


def test_quiz_works_without_javascript(live_server, browser):
    from tests.areas.factories import build_tree

    tree = build_tree()
    call_command("load_curriculum", verbosity=0)
    topic = Topic.objects.public().order_by("order", "pk").first()
    context = browser.new_context(
        viewport={"width": 360, "height": 800}, locale="vi-VN", java_script_enabled=False
    )
    page = context.new_page()
    try:
        # identification without HTMX: search the commune, pick it, then its villages
        page.goto(f"{live_server.url}/hoc-tap/nhan-dien/?next=/hoc/{topic.slug}/kiem-tra/")
        page.get_by_label("Họ và tên").fill("Trần Văn Bình")
        page.get_by_label("Năm sinh").fill("1950")
        page.get_by_label("Xã, phường nơi bạn ở").fill("pho hien")
        page.get_by_role("button", name="Tìm", exact=True).click()
        page.get_by_label(f"{tree.ward.name} · Tỉnh Hưng Yên").check()
        page.get_by_role("button", name="Xem các thôn của xã/phường đã chọn").click()
        page.get_by_label(tree.ward_village.name).check()
        assert page.get_by_label("Họ và tên").input_value() == "Trần Văn Bình"
        page.get_by_role("button", name="Tiếp tục").click()
        page.wait_for_url(f"**/hoc/{topic.slug}/kiem-tra/")

        # the quiz: plain forms and redirects
        page.get_by_role("button", name="Bắt đầu").click()
        page.wait_for_url("**/kiem-tra/cau-hoi/")
        page.locator("label.choice").first.click()
        page.get_by_role("button", name="Trả lời").click()
        page.wait_for_url("**/kiem-tra/cau-hoi/?da-tra-loi=*")
        assert page.locator(".feedback").count() == 1
        assert "Đáp án đúng:" in page.inner_text(".feedback") or "Đúng rồi" in page.inner_text(
            ".feedback"
        )
        page.get_by_role("link", name="Câu tiếp theo").click()
        page.wait_for_url("**/kiem-tra/cau-hoi/")
        assert "Câu 2/" in page.inner_text(".quiz-progress")
    finally:
        context.close()
