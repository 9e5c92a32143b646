"""Curriculum error codes: declared once; two messages may share a code."""

from binhdan.curriculum.errors import CurriculumErrors


def test_shared_codes_keep_their_own_messages():
    topic = CurriculumErrors.TOPIC_SLUG_TAKEN.error()
    lesson = CurriculumErrors.LESSON_SLUG_TAKEN.error()
    assert topic.code == lesson.code == "slug_taken"
    assert topic.message != lesson.message
    assert topic.details == lesson.details == {"field": "slug"}


def test_placeholders_are_filled():
    error = CurriculumErrors.TOO_MANY_FILES.error(n=10)
    assert (error.code, error.status, error.details) == ("too_many_files", 422, {"field": "file"})
    assert "10" in error.message
