"""Check results link to the lessons of the scam topic, the most relevant first."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command

from binhdan.curriculum.models import TopicStatus
from binhdan.scamcheck.checker import RULE_CODES
from binhdan.scamcheck.lessons import LESSON_FOR_RULE, SCAM_TOPIC_SLUG, lesson_url
from tests.curriculum.factories import LessonFactory, TopicFactory

pytestmark = pytest.mark.django_db

SLUGS = [
    "gia-danh-co-quan-nha-nuoc",
    "gia-danh-ngan-hang-dien-luc-giao-hang",
    "viec-nhe-luong-cao-va-dau-tu",
    "lua-dao-qua-nguoi-than",
    "kiem-tra-va-xu-ly",
]
POLICE = "Tôi là cán bộ công an, ông chuyển tiền vào tài khoản tạm giữ ngay"
JOB = "Việc nhẹ lương cao, làm nhiệm vụ like video nhận hoa hồng"


def scam_topic(**kwargs):
    topic = TopicFactory(slug=SCAM_TOPIC_SLUG, **kwargs)
    for order, slug in enumerate(SLUGS):
        LessonFactory(topic=topic, slug=slug, order=order, title=f"Bài {slug}")
    return topic


def check(client, text):
    return client.post("/api/v1/scamcheck", {"text": text}, content_type="application/json").json()


def test_lessons_point_at_the_scam_topics_lessons(client):
    scam_topic()
    lessons = check(client, POLICE)["lessons"]
    assert {lesson["url"] for lesson in lessons} == {
        lesson_url(SCAM_TOPIC_SLUG, slug) for slug in SLUGS
    }
    assert all(lesson["title"].startswith("Bài ") for lesson in lessons)


def test_impersonation_puts_the_impersonation_lesson_first(client):
    scam_topic()
    lessons = check(client, POLICE)["lessons"]
    assert lessons[0]["url"] == lesson_url(SCAM_TOPIC_SLUG, "gia-danh-co-quan-nha-nuoc")


def test_job_offer_puts_the_job_scam_lesson_first(client):
    scam_topic()
    lessons = check(client, JOB)["lessons"]
    assert lessons[0]["url"] == lesson_url(SCAM_TOPIC_SLUG, "viec-nhe-luong-cao-va-dau-tu")


def test_no_sign_lists_the_lessons_in_topic_order(client):
    scam_topic()
    lessons = check(client, "Mẹ ơi tối nay con về ăn cơm")["lessons"]
    assert [lesson["url"] for lesson in lessons] == [
        lesson_url(SCAM_TOPIC_SLUG, slug) for slug in SLUGS
    ]


def test_draft_topic_gives_no_lessons(client):
    scam_topic(status=TopicStatus.DRAFT)
    assert check(client, POLICE)["lessons"] == []


def test_topic_outside_its_publication_window_gives_no_lessons(client):
    scam_topic(publish_until=datetime.date(2020, 1, 1))
    assert check(client, POLICE)["lessons"] == []


def test_lesson_url_is_the_lesson_page_path():
    assert lesson_url("chu-de", "bai") == "/hoc/chu-de/bai/"


def test_every_mapped_rule_and_lesson_exists():
    assert set(LESSON_FOR_RULE) <= set(RULE_CODES)
    assert set(LESSON_FOR_RULE.values()) <= set(SLUGS)


def test_check_page_links_the_lessons(client):
    scam_topic()
    html = client.post("/kiem-tra-lua-dao/", {"text": POLICE}).content.decode()
    assert f'href="{lesson_url(SCAM_TOPIC_SLUG, "gia-danh-co-quan-nha-nuoc")}"' in html


def test_command_output_has_the_lessons_too():
    scam_topic()
    out = StringIO()
    call_command("scamcheck", JOB, stdout=out)
    answer = json.loads(out.getvalue())
    assert answer["lessons"][0]["url"] == lesson_url(
        SCAM_TOPIC_SLUG, "viec-nhe-luong-cao-va-dau-tu"
    )
