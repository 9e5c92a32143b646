"""Authoring topics and lessons: who may, what is checked, and the preview."""

import datetime as dt

import pytest
from django.urls import reverse

from binhdan.accounts.models import Role
from binhdan.core.errors import Conflict, InvalidInput, OutsideScope
from binhdan.curriculum import selectors, services
from binhdan.curriculum.models import Lesson, Topic, TopicStatus
from tests.accounts.factories import UserFactory, user_with_role
from tests.curriculum.factories import LessonFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def instructor(tree):
    return user_with_role(Role.INSTRUCTOR, tree.commune)


@pytest.fixture
def volunteer(tree):
    return user_with_role(Role.VOLUNTEER, tree.village)


@pytest.fixture
def instructor_client(client, instructor):
    client.force_login(instructor)
    return client


# -- permission table ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.PROVINCE_ADMIN, True),
        (Role.INSTRUCTOR, True),
        (Role.COMMUNE_OFFICER, False),
        (Role.TEAM_LEADER, False),
        (Role.OPERATOR, False),
        (Role.VOLUNTEER, False),
    ],
)
def test_who_may_edit_curriculum(tree, role, allowed):
    user = user_with_role(role, tree.commune if role != Role.PROVINCE_ADMIN else tree.province)
    assert selectors.user_can_edit_curriculum(user=user) is allowed


def test_superuser_may_edit_curriculum(db):
    assert selectors.user_can_edit_curriculum(user=UserFactory(is_superuser=True))


def test_topic_create_refuses_a_volunteer(volunteer):
    with pytest.raises(OutsideScope):
        services.topic_create(user=volunteer, title="T", summary="S")
    assert not Topic.objects.exists()


# -- services ---------------------------------------------------------------------------


def test_topic_create_makes_a_draft_with_a_slug_from_the_title(instructor):
    topic = services.topic_create(user=instructor, title="Đăng ký đất đai", summary="Tóm tắt")
    assert topic.slug == "dang-ky-dat-dai"
    assert topic.status == TopicStatus.DRAFT
    assert topic.updated_by == instructor


def test_topic_create_with_taken_slug_is_a_conflict(instructor):
    TopicFactory(slug="trung")
    with pytest.raises(Conflict) as exc:
        services.topic_create(user=instructor, title="T", summary="S", slug="trung")
    assert exc.value.details == {"field": "slug"}


def test_topic_window_must_not_end_before_it_starts(instructor):
    topic = TopicFactory()
    with pytest.raises(InvalidInput) as exc:
        services.topic_update(
            user=instructor,
            topic=topic,
            title="T",
            summary="S",
            status=TopicStatus.PUBLISHED,
            publish_from=dt.date(2026, 2, 1),
            publish_until=dt.date(2026, 1, 31),
        )
    assert exc.value.details == {"field": "publish_until"}


def test_lesson_create_appends_at_the_end(instructor):
    topic = TopicFactory()
    LessonFactory(topic=topic, order=4)
    lesson = services.lesson_create(user=instructor, topic=topic, title="Bài mới", body="## A\n\nB")
    assert lesson.order == 5
    assert lesson.slug == "bai-moi-2"  # "bai-moi" is the URL of the new-lesson form


def test_lesson_move_up_swaps_with_the_previous_lesson(instructor):
    topic = TopicFactory()
    first = LessonFactory(topic=topic, order=1)
    second = LessonFactory(topic=topic, order=2)
    services.lesson_move(user=instructor, lesson=second, direction="up")
    assert list(topic.lessons.order_by("order")) == [second, first]


def test_lesson_delete_removes_an_unstudied_lesson(instructor):
    lesson = LessonFactory()
    services.lesson_delete(user=instructor, lesson=lesson)
    assert not Lesson.objects.filter(pk=lesson.pk).exists()


def test_lesson_update_refuses_non_https_video(instructor):
    lesson = LessonFactory()
    with pytest.raises(InvalidInput) as exc:
        services.lesson_update(
            user=instructor, lesson=lesson, title="T", body="B", video_url="http://x.example/v"
        )
    assert exc.value.details == {"field": "video_url"}


# -- web UI -----------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("authoring:topic_list"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_volunteer_gets_404(client, volunteer):
    client.force_login(volunteer)
    assert client.get(reverse("authoring:topic_list")).status_code == 404
    assert client.post(reverse("authoring:lesson_preview"), {"body": "x"}).status_code == 404


def test_instructor_sees_topics_with_status_and_window(instructor_client):
    TopicFactory(
        title="Có hạn",
        status=TopicStatus.DRAFT,
        publish_from=dt.date(2026, 1, 1),
        publish_until=dt.date(2026, 3, 31),
    )
    html = instructor_client.get(reverse("authoring:topic_list")).content.decode()
    assert "Có hạn" in html
    assert "Bản nháp" in html
    assert "01/01/2026" in html and "31/03/2026" in html


def test_instructor_creates_a_topic_through_the_form(instructor_client):
    response = instructor_client.post(
        reverse("authoring:topic_create"),
        {"title": "Chữ ký số", "summary": "Ký giấy tờ trên mạng.", "status": "published"},
    )
    topic = Topic.objects.get(slug="chu-ky-so")
    assert response.status_code == 302
    assert response["Location"] == reverse("authoring:topic_edit", args=[topic.slug])
    assert topic.status == TopicStatus.PUBLISHED


def test_topic_form_shows_window_error_next_to_the_field(instructor_client):
    topic = TopicFactory()
    response = instructor_client.post(
        reverse("authoring:topic_edit", args=[topic.slug]),
        {
            "title": "T",
            "summary": "S",
            "status": "published",
            "publish_from": "2026-05-02",
            "publish_until": "2026-05-01",
        },
    )
    assert response.status_code == 200
    assert "Ngày kết thúc phải cùng ngày hoặc sau ngày bắt đầu" in response.content.decode()
    topic.refresh_from_db()
    assert topic.publish_from is None


def test_instructor_edits_a_lesson(instructor_client):
    lesson = LessonFactory()
    url = reverse("authoring:lesson_edit", args=[lesson.topic.slug, lesson.slug])
    response = instructor_client.post(
        url,
        {
            "title": "Tên mới",
            "summary": "",
            "minutes": 7,
            "video_url": "",
            "body": "## A\n\nB",
            "action": "save",
        },
    )
    assert response.status_code == 302
    lesson.refresh_from_db()
    assert (lesson.title, lesson.minutes, lesson.body) == ("Tên mới", 7, "## A\n\nB")


def test_preview_without_js_renders_screens_and_saves_nothing(instructor_client):
    lesson = LessonFactory()
    url = reverse("authoring:lesson_edit", args=[lesson.topic.slug, lesson.slug])
    body = "## Một\n\n<script>alert(1)</script>\n\n## Hai\n\n[x](javascript:alert(1))"
    response = instructor_client.post(
        url,
        {"title": "Khác", "minutes": 5, "body": body, "action": "preview"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Màn 1/2" in html and "Màn 2/2" in html
    assert "<script>alert(1)" not in html
    assert 'href="javascript' not in html
    lesson.refresh_from_db()
    assert lesson.title != "Khác"


def test_htmx_preview_partial_is_sanitised(instructor_client):
    response = instructor_client.post(
        reverse("authoring:lesson_preview"),
        {"body": "## Tiêu đề\n\n<img src=x onerror=alert(1)> ![a](https://evil.example/x.png)"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h3>Tiêu đề</h3>" in html
    assert "<img" not in html
    assert "<html" not in html  # a fragment, not a page


def test_lesson_create_page_and_form(instructor_client):
    topic = TopicFactory()
    url = reverse("authoring:lesson_create", args=[topic.slug])
    assert instructor_client.get(url).status_code == 200
    response = instructor_client.post(
        url, {"title": "Bài một", "minutes": 3, "body": "## A\n\nB", "action": "save"}
    )
    assert response.status_code == 302
    assert topic.lessons.get().slug == "bai-mot"


def test_lesson_move_and_delete_buttons(instructor_client):
    topic = TopicFactory()
    first = LessonFactory(topic=topic, order=1)
    second = LessonFactory(topic=topic, order=2)
    instructor_client.post(
        reverse("authoring:lesson_move", args=[topic.slug, second.slug]), {"direction": "up"}
    )
    assert list(topic.lessons.order_by("order")) == [second, first]
    instructor_client.post(reverse("authoring:lesson_delete", args=[topic.slug, first.slug]))
    assert list(topic.lessons.all()) == [second]


def test_unknown_topic_in_authoring_is_404(instructor_client):
    assert (
        instructor_client.get(reverse("authoring:topic_edit", args=["khong-co"])).status_code == 404
    )
