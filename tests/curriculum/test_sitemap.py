import pytest
from django.urls import reverse

from binhdan.curriculum.models import TopicStatus
from tests.curriculum.factories import LessonFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_sitemap_lists_static_pages_and_public_topics_and_lessons_only(client):
    LessonFactory(topic=TopicFactory(slug="cong-khai"), slug="bai-cong-khai")
    LessonFactory(topic=TopicFactory(slug="ban-nhap", status=TopicStatus.DRAFT), slug="bai-nhap")

    response = client.get("/sitemap.xml")

    xml = response.content.decode()
    assert response.status_code == 200
    for url in [
        reverse("web:home"),
        reverse("scamcheck:check"),
        reverse("curriculum:topic_list"),
        reverse("curriculum:topic", args=["cong-khai"]),
        reverse("curriculum:lesson", args=["cong-khai", "bai-cong-khai"]),
    ]:
        assert f"{url}</loc>" in xml
    assert "ban-nhap" not in xml and "bai-nhap" not in xml
    assert "<lastmod>" in xml
