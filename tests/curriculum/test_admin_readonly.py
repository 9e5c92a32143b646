"""Topics and lessons are written by the authoring services; the admin only reorders
topics (no service does that after creation)."""

import pytest
from django.urls import reverse

from binhdan.curriculum.models import Lesson, Topic
from tests.curriculum.factories import LessonFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_curriculum_admin_pages_render(superuser_client):
    lesson = LessonFactory()

    for url in (
        reverse("admin:curriculum_topic_changelist"),
        reverse("admin:curriculum_topic_change", args=[lesson.topic_id]),
        reverse("admin:curriculum_lesson_changelist"),
        reverse("admin:curriculum_lesson_change", args=[lesson.pk]),
    ):
        assert superuser_client.get(url).status_code == 200, url


def test_topic_admin_changes_only_the_order(superuser_client):
    # given
    topic = TopicFactory(order=3, title="Chuyên đề gốc", status="published")

    # when the admin sends a new order, title and status
    response = superuser_client.post(
        reverse("admin:curriculum_topic_change", args=[topic.pk]),
        {
            "order": "7",
            "title": "Tên đổi ngoài trang soạn bài",
            "status": "draft",
            "lessons-TOTAL_FORMS": "0",
            "lessons-INITIAL_FORMS": "0",
            "lessons-MIN_NUM_FORMS": "0",
            "lessons-MAX_NUM_FORMS": "1000",
        },
    )

    # then only the order changed
    assert response.status_code == 302, response.context["adminform"].form.errors
    topic.refresh_from_db()
    assert (topic.order, topic.title, topic.status) == (7, "Chuyên đề gốc", "published")


def test_add_and_delete_topic_refused_in_admin(superuser_client):
    topic = TopicFactory()

    add = superuser_client.post(reverse("admin:curriculum_topic_add"), {"title": "Mới"})
    delete = superuser_client.post(
        reverse("admin:curriculum_topic_delete", args=[topic.pk]), {"post": "yes"}
    )

    assert (add.status_code, delete.status_code) == (403, 403)
    assert list(Topic.objects.values_list("pk", flat=True)) == [topic.pk]


def test_lesson_add_change_delete_refused_in_admin(superuser_client):
    # given
    lesson = LessonFactory(title="Bài gốc")

    # when
    statuses = (
        superuser_client.post(reverse("admin:curriculum_lesson_add"), {}).status_code,
        superuser_client.post(
            reverse("admin:curriculum_lesson_change", args=[lesson.pk]), {"title": "Khác"}
        ).status_code,
        superuser_client.post(
            reverse("admin:curriculum_lesson_delete", args=[lesson.pk]), {"post": "yes"}
        ).status_code,
    )

    # then
    assert statuses == (403, 403, 403)
    lesson.refresh_from_db()
    assert lesson.title == "Bài gốc" and Lesson.objects.count() == 1
