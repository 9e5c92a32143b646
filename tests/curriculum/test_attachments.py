"""Lesson attachments: checked on upload (size, real type), served only for public topics."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from binhdan.accounts.models import Role
from binhdan.core.errors import InvalidInput, OutsideScope
from binhdan.curriculum.attachments import attachment_add, attachment_path
from binhdan.curriculum.models import LessonAttachment, TopicStatus
from binhdan.curriculum.services import lesson_delete
from tests.accounts.factories import user_with_role
from tests.curriculum.factories import LessonFactory, TopicFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def uploads(settings, tmp_path):
    settings.UPLOAD_DIR = tmp_path / "uploads"
    return settings.UPLOAD_DIR


@pytest.fixture
def lesson():
    return LessonFactory(topic=TopicFactory(slug="co-tep"), slug="bai", body="## Một\n\nHết.")


def test_pdf_is_stored_under_upload_dir_with_a_random_name(instructor, lesson, uploads):
    upload = SimpleUploadedFile("tờ rơi.pdf", PDF, content_type="application/pdf")
    item = attachment_add(user=instructor, lesson=lesson, upload=upload, title="Tờ rơi")
    path = attachment_path(item)
    assert path.parent == uploads / "lesson-files"
    assert path.read_bytes() == PDF
    assert (item.content_type, item.size, item.original_name) == (
        "application/pdf",
        len(PDF),
        "tờ rơi.pdf",
    )
    assert "tờ" not in path.name


def test_declared_type_is_not_trusted(instructor, lesson):
    upload = SimpleUploadedFile(
        "x.pdf", b"<html><script>alert(1)</script>", content_type="application/pdf"
    )
    with pytest.raises(InvalidInput) as exc:
        attachment_add(user=instructor, lesson=lesson, upload=upload)
    assert exc.value.code == "file_type"
    assert not LessonAttachment.objects.exists()


def test_file_over_the_size_limit_is_refused(instructor, lesson, settings, uploads):
    settings.BINHDAN_ATTACHMENT_MAX_BYTES = 100
    upload = SimpleUploadedFile("a.png", PNG + b"\x00" * 100, content_type="image/png")
    with pytest.raises(InvalidInput) as exc:
        attachment_add(user=instructor, lesson=lesson, upload=upload)
    assert exc.value.code == "file_too_large"
    assert not (uploads / "lesson-files").exists() or not any((uploads / "lesson-files").iterdir())


def test_volunteer_may_not_upload(tree, lesson):
    volunteer = user_with_role(Role.VOLUNTEER, tree.village)
    with pytest.raises(OutsideScope):
        attachment_add(user=volunteer, lesson=lesson, upload=SimpleUploadedFile("a.pdf", PDF))


def test_public_lesson_serves_its_attachment(client, instructor, lesson):
    item = attachment_add(user=instructor, lesson=lesson, upload=SimpleUploadedFile("a.pdf", PDF))
    url = reverse("curriculum:attachment", args=["co-tep", "bai", item.pk])
    page = client.get(reverse("curriculum:lesson", args=["co-tep", "bai"])).content.decode()
    assert url in page
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF


def test_attachment_of_a_draft_topic_is_404(client, instructor, lesson):
    item = attachment_add(user=instructor, lesson=lesson, upload=SimpleUploadedFile("a.pdf", PDF))
    lesson.topic.status = TopicStatus.DRAFT
    lesson.topic.save()
    assert (
        client.get(reverse("curriculum:attachment", args=["co-tep", "bai", item.pk])).status_code
        == 404
    )


def test_api_lesson_lists_attachments(client, instructor, lesson):
    attachment_add(
        user=instructor, lesson=lesson, upload=SimpleUploadedFile("a.png", PNG), title="Ảnh"
    )
    data = client.get("/api/v1/topics/co-tep/lessons/bai").json()
    assert [(a["title"], a["content_type"]) for a in data["attachments"]] == [("Ảnh", "image/png")]


def test_upload_through_the_authoring_page(client, instructor, lesson):
    client.force_login(instructor)
    url = reverse("authoring:attachment_upload", args=["co-tep", "bai"])
    response = client.post(url, {"title": "Hướng dẫn", "file": SimpleUploadedFile("h.pdf", PDF)})
    assert response.status_code == 302
    assert lesson.attachments.get().title == "Hướng dẫn"


def test_bad_upload_shows_the_error_on_the_page(client, instructor, lesson):
    client.force_login(instructor)
    url = reverse("authoring:attachment_upload", args=["co-tep", "bai"])
    response = client.post(url, {"file": SimpleUploadedFile("x.exe", b"MZ\x90\x00")})
    assert response.status_code == 200
    assert "Chỉ nhận tệp PDF, PNG, JPEG hoặc WebP" in response.content.decode()


def test_deleting_attachment_removes_its_file(
    client, instructor, lesson, django_capture_on_commit_callbacks
):
    item = attachment_add(user=instructor, lesson=lesson, upload=SimpleUploadedFile("a.pdf", PDF))
    path = attachment_path(item)
    client.force_login(instructor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("authoring:attachment_delete", args=["co-tep", "bai", item.pk]))
    assert not LessonAttachment.objects.exists()
    assert not path.exists()


def test_deleting_a_lesson_with_attachments_removes_files(
    instructor, lesson, django_capture_on_commit_callbacks
):
    item = attachment_add(user=instructor, lesson=lesson, upload=SimpleUploadedFile("a.pdf", PDF))
    path = attachment_path(item)
    with django_capture_on_commit_callbacks(execute=True):
        lesson_delete(user=instructor, lesson=lesson)
    assert not path.exists()
