"""Citizen pages under /hoc/: only public topics, one screen at a time, big and light."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from binhdan.curriculum.models import TopicStatus
from tests.curriculum.factories import LessonFactory, QuestionFactory, TopicFactory

pytestmark = pytest.mark.django_db

BODY = "## Một\n\nMàn một.\n\n## Hai\n\nMàn hai.\n\n## Ba\n\nMàn ba <script>alert(1)</script>.\n"


@pytest.fixture
def lesson():
    topic = TopicFactory(slug="vneid", title="VNeID")
    first = LessonFactory(topic=topic, slug="mo-dau", order=1, title="Mở đầu", body=BODY)
    LessonFactory(topic=topic, slug="tiep-theo", order=2, title="Bài tiếp theo")
    QuestionFactory(quiz__topic=topic)
    return first


def test_topic_list_shows_public_topics_only(client, lesson):
    TopicFactory(title="Bản nháp bí mật", status=TopicStatus.DRAFT)
    response = client.get(reverse("curriculum:topic_list"))
    assert response.status_code == 200
    assert "VNeID" in response.content.decode()
    assert "Bản nháp bí mật" not in response.content.decode()


def test_topic_page_lists_lessons_in_order(client, lesson):
    response = client.get(reverse("curriculum:topic", args=["vneid"]))
    html = response.content.decode()
    assert html.index("Mở đầu") < html.index("Bài tiếp theo")
    assert "<title>VNeID ·" in html
    assert 'name="description" content="Tóm tắt chuyên đề."' in html


@pytest.mark.parametrize(
    "changes",
    [
        {"status": TopicStatus.DRAFT},
        {"publish_from": dt.date(2999, 1, 1)},
        {"publish_until": dt.date(2000, 1, 1)},
    ],
    ids=["draft", "not-yet", "ended"],
)
def test_non_public_topic_and_its_lessons_are_404(client, changes):
    topic = TopicFactory(slug="an", **changes)
    LessonFactory(topic=topic, slug="bai")
    assert client.get(reverse("curriculum:topic", args=["an"])).status_code == 404
    assert client.get(reverse("curriculum:lesson", args=["an", "bai"])).status_code == 404


def test_topic_inside_its_window_is_public(client):
    today = timezone.localdate()
    TopicFactory(slug="trong-han", publish_from=today, publish_until=today)
    assert client.get(reverse("curriculum:topic", args=["trong-han"])).status_code == 200


def test_lesson_url_opens_screen_one(client, lesson):
    html = client.get(reverse("curriculum:lesson", args=["vneid", "mo-dau"])).content.decode()
    assert "Màn 1/3" in html
    assert "Màn một." in html
    assert "Màn hai." not in html
    assert reverse("curriculum:lesson_screen", args=["vneid", "mo-dau", 2]) in html
    assert "<title>Một · Mở đầu ·" in html


def test_middle_screen_has_previous_and_next(client, lesson):
    html = client.get(
        reverse("curriculum:lesson_screen", args=["vneid", "mo-dau", 2])
    ).content.decode()
    assert "Màn 2/3" in html
    assert "Trước" in html and "Tiếp" in html
    assert f'href="{reverse("curriculum:lesson", args=["vneid", "mo-dau"])}"' in html


def test_last_screen_links_to_the_next_lesson(client, lesson):
    html = client.get(
        reverse("curriculum:lesson_screen", args=["vneid", "mo-dau", 3])
    ).content.decode()
    assert reverse("curriculum:lesson", args=["vneid", "tiep-theo"]) in html
    assert 'rel="next"' not in html


def test_last_screen_of_last_lesson_links_to_the_quiz(client, lesson):
    last = LessonFactory(topic=lesson.topic, slug="cuoi", order=3, body="## Chỉ một màn\n\nHết.")
    html = client.get(reverse("curriculum:lesson", args=["vneid", last.slug])).content.decode()
    assert reverse("learning:quiz", args=["vneid"]) in html


def test_last_screen_offers_lesson_done_form(client, lesson):
    done_url = reverse("learning:lesson_done", args=["vneid", "mo-dau"])
    html = client.get(
        reverse("curriculum:lesson_screen", args=["vneid", "mo-dau", 3])
    ).content.decode()
    assert f'action="{done_url}"' in html
    assert 'method="post"' in html


def test_screen_out_of_range_is_404(client, lesson):
    url = reverse("curriculum:lesson_screen", args=["vneid", "mo-dau", 4])
    assert client.get(url).status_code == 404
    assert (
        client.get(reverse("curriculum:lesson_screen", args=["vneid", "mo-dau", 0])).status_code
        == 404
    )


def test_lesson_of_another_topic_is_404(client, lesson):
    TopicFactory(slug="khac")
    assert client.get(reverse("curriculum:lesson", args=["khac", "mo-dau"])).status_code == 404


def test_lesson_body_is_sanitised_on_the_page(client, lesson):
    html = client.get(
        reverse("curriculum:lesson_screen", args=["vneid", "mo-dau", 3])
    ).content.decode()
    assert "&lt;script&gt;alert(1)" in html
    assert "<script>alert(1)" not in html


def test_lesson_page_loads_read_aloud_script_and_big_text_css(client, lesson):
    html = client.get(reverse("curriculum:lesson", args=["vneid", "mo-dau"])).content.decode()
    assert "curriculum/read-aloud.js" in html
    assert "curriculum/curriculum.css" in html
    assert 'id="read-aloud"' in html and "Nghe đọc" in html
    assert "<audio" in html  # the audio is made on its first play when not pre-generated


def test_big_text_and_targets_in_css():
    from pathlib import Path

    import binhdan.curriculum

    css = (
        Path(binhdan.curriculum.__file__).parent / "static/curriculum/curriculum.css"
    ).read_text()
    assert ".lesson .screen { font-size: 1.25rem" in css  # 22.5 px on the 18 px base
    assert ".screen-nav .btn { min-height: 56px" in css


def test_read_aloud_script_asks_for_a_vietnamese_voice():
    from pathlib import Path

    import binhdan.curriculum

    js = (Path(binhdan.curriculum.__file__).parent / "static/curriculum/read-aloud.js").read_text()
    assert 'utterance.lang = "vi-VN"' in js
    assert "speechSynthesis" in js
    assert "http" not in js  # nothing from another host


def test_last_lesson_without_a_quiz_does_not_send_to_a_quiz(client):
    topic = TopicFactory(slug="khong-quiz")
    LessonFactory(topic=topic, slug="mot", body="## Một\n\nHết.")
    html = client.get(reverse("curriculum:lesson", args=["khong-quiz", "mot"])).content.decode()
    assert "/hoc/khong-quiz/kiem-tra/" not in html
    assert "Làm bài kiểm tra" not in html
