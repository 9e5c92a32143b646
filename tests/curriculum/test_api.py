"""Public curriculum API: published topics only, never the correct answers."""

import pytest

from binhdan.curriculum.models import TopicStatus
from tests.curriculum.factories import LessonFactory, QuestionFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic():
    topic = TopicFactory(slug="vneid", title="VNeID")
    LessonFactory(
        topic=topic, slug="mot", order=1, body="## A\n\n**Đậm** <script>x</script>\n\n## B\n\nHai"
    )
    LessonFactory(topic=topic, slug="hai", order=2)
    for _ in range(3):
        QuestionFactory(quiz__topic=topic)
    QuestionFactory(quiz__topic=topic, is_active=False)
    return topic


def test_topic_list_has_public_topics_with_lesson_summaries(client, topic):
    TopicFactory(slug="nhap", status=TopicStatus.DRAFT)
    response = client.get("/api/v1/topics")
    assert response.status_code == 200
    data = response.json()
    assert [t["slug"] for t in data] == ["vneid"]
    assert [lesson["slug"] for lesson in data[0]["lessons"]] == ["mot", "hai"]
    assert set(data[0]["lessons"][0]) == {
        "slug",
        "order",
        "title",
        "summary",
        "minutes",
        "video_url",
        "updated_at",
    }


def test_topic_detail_has_quiz_meta_without_answers(client, topic):
    data = client.get("/api/v1/topics/vneid").json()
    assert data["quiz"]["question_count"] == 3
    assert data["quiz"]["pass_percent"] == 70
    assert "correct" not in str(data)


def test_lesson_has_screens_as_safe_html_and_text(client, topic):
    data = client.get("/api/v1/topics/vneid/lessons/mot").json()
    assert [s["title"] for s in data["screens"]] == ["A", "B"]
    assert data["screens"][0]["html"].startswith("<p><strong>Đậm</strong> &lt;script&gt;")
    assert data["screens"][1]["text"] == "B\nHai"
    assert (data["previous_slug"], data["next_slug"]) == (None, "hai")


def test_quiz_has_active_questions_and_choices_without_correctness(client, topic):
    data = client.get("/api/v1/topics/vneid/quiz").json()
    assert len(data["questions"]) == 3
    assert set(data["questions"][0]["choices"][0]) == {"id", "order", "text"}
    assert "is_correct" not in str(data) and "correct" not in str(data)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/topics/khong-co",
        "/api/v1/topics/nhap",
        "/api/v1/topics/nhap/lessons/bai",
        "/api/v1/topics/nhap/quiz",
        "/api/v1/topics/vneid/lessons/khong-co",
    ],
)
def test_unknown_or_unpublished_is_404_not_found(client, topic, url):
    draft = TopicFactory(slug="nhap", status=TopicStatus.DRAFT)
    LessonFactory(topic=draft, slug="bai")
    QuestionFactory(quiz__topic=draft)
    response = client.get(url)
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_topic_without_quiz_has_null_quiz_and_404_quiz(client):
    TopicFactory(slug="khong-quiz")
    assert client.get("/api/v1/topics/khong-quiz").json()["quiz"] is None
    assert client.get("/api/v1/topics/khong-quiz/quiz").status_code == 404


def test_topic_list_query_count_does_not_grow_with_topics(client, django_assert_max_num_queries):
    for _ in range(5):
        LessonFactory()
    with django_assert_max_num_queries(3):
        response = client.get("/api/v1/topics")
    assert response.status_code == 200
    assert len(response.json()) == 5
