"""Authoring the curriculum in the web UI: topics and lessons (create, update, move, delete).

Loading ``content/`` is ``loader.py``; who may author is ``selectors.user_can_edit_curriculum``.
"""

from __future__ import annotations

import datetime as dt
import re

from django.db import transaction
from django.db.models import Max

from binhdan.accounts.models import User
from binhdan.core.text import fold
from binhdan.curriculum.attachments import remove_files_on_commit
from binhdan.curriculum.content import RESERVED_LESSON_SLUGS, RESERVED_TOPIC_SLUGS, SLUG_RE
from binhdan.curriculum.errors import CurriculumErrors
from binhdan.curriculum.models import Lesson, LessonAttachment, Topic, TopicStatus
from binhdan.curriculum.selectors import require_curriculum_editor


def slug_from_title(title: str) -> str:
    """``"Dịch vụ công"`` → ``"dich-vu-cong"`` (ASCII, no diacritics, đ → d)."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(title)).strip("-")
    return slug[:70].strip("-") or "bai"


def _check_window(publish_from: dt.date | None, publish_until: dt.date | None) -> None:
    if publish_from and publish_until and publish_until < publish_from:
        raise CurriculumErrors.WINDOW_INVALID.error()


def _check_required(**values: str) -> None:
    for name, value in values.items():
        if not (value or "").strip():
            raise CurriculumErrors.REQUIRED.error(details={"field": name})


def _check_slug(slug: str) -> None:
    if not SLUG_RE.match(slug or ""):
        raise CurriculumErrors.SLUG_INVALID.error()


def _check_status(status: str) -> None:
    if status not in TopicStatus.values:
        raise CurriculumErrors.STATUS_INVALID.error()


def _unique_slug(base: str, taken) -> str:
    slug, n = base, 2
    while taken(slug):
        slug = f"{base[:70]}-{n}"
        n += 1
    return slug


@transaction.atomic
def topic_create(
    *,
    user: User,
    title: str,
    summary: str,
    audience: str = "",
    status: str = TopicStatus.DRAFT,
    publish_from: dt.date | None = None,
    publish_until: dt.date | None = None,
    slug: str = "",
    order: int | None = None,
) -> Topic:
    require_curriculum_editor(user=user)
    _check_required(title=title, summary=summary)
    _check_status(status)
    _check_window(publish_from, publish_until)
    if slug:
        _check_slug(slug)
        if slug in RESERVED_TOPIC_SLUGS or Topic.objects.filter(slug=slug).exists():
            raise CurriculumErrors.TOPIC_SLUG_TAKEN.error()
    else:
        slug = _unique_slug(
            slug_from_title(title),
            lambda s: s in RESERVED_TOPIC_SLUGS or Topic.objects.filter(slug=s).exists(),
        )
    if order is None:
        order = (Topic.objects.aggregate(m=Max("order"))["m"] or 0) + 1
    topic = Topic(
        slug=slug,
        order=order,
        title=title.strip(),
        summary=summary.strip(),
        audience=audience.strip(),
        status=status,
        publish_from=publish_from,
        publish_until=publish_until,
        updated_by=user if user.is_authenticated else None,
    )
    topic.full_clean()
    topic.save()
    return topic


@transaction.atomic
def topic_update(
    *,
    user: User,
    topic: Topic,
    title: str,
    summary: str,
    audience: str = "",
    status: str,
    publish_from: dt.date | None = None,
    publish_until: dt.date | None = None,
) -> Topic:
    require_curriculum_editor(user=user)
    _check_required(title=title, summary=summary)
    _check_status(status)
    _check_window(publish_from, publish_until)
    topic = Topic.objects.select_for_update().get(pk=topic.pk)
    topic.title = title.strip()
    topic.summary = summary.strip()
    topic.audience = audience.strip()
    topic.status = status
    topic.publish_from = publish_from
    topic.publish_until = publish_until
    topic.updated_by = user
    topic.full_clean()
    topic.save()
    return topic


def _check_lesson_fields(*, title: str, body: str, minutes: int, video_url: str) -> None:
    _check_required(title=title, body=body)
    if not 1 <= int(minutes) <= 240:
        raise CurriculumErrors.MINUTES_INVALID.error()
    if video_url and not video_url.startswith("https://"):
        raise CurriculumErrors.VIDEO_URL_INVALID.error()


@transaction.atomic
def lesson_create(
    *,
    user: User,
    topic: Topic,
    title: str,
    body: str,
    summary: str = "",
    minutes: int = 5,
    video_url: str = "",
    slug: str = "",
) -> Lesson:
    require_curriculum_editor(user=user)
    _check_lesson_fields(title=title, body=body, minutes=minutes, video_url=video_url)

    def taken(candidate: str) -> bool:
        return (
            candidate in RESERVED_LESSON_SLUGS
            or Lesson.objects.filter(topic=topic, slug=candidate).exists()
        )

    if slug:
        _check_slug(slug)
        if taken(slug):
            raise CurriculumErrors.LESSON_SLUG_TAKEN.error()
    else:
        slug = _unique_slug(slug_from_title(title), taken)
    order = (topic.lessons.aggregate(m=Max("order"))["m"] or 0) + 1
    lesson = Lesson(
        topic=topic,
        slug=slug,
        order=order,
        title=title.strip(),
        summary=summary.strip(),
        body=body,
        minutes=minutes,
        video_url=video_url.strip(),
    )
    lesson.full_clean()
    lesson.save()
    Topic.objects.filter(pk=topic.pk).update(updated_by=user)
    return lesson


@transaction.atomic
def lesson_update(
    *,
    user: User,
    lesson: Lesson,
    title: str,
    body: str,
    summary: str = "",
    minutes: int = 5,
    video_url: str = "",
) -> Lesson:
    require_curriculum_editor(user=user)
    _check_lesson_fields(title=title, body=body, minutes=minutes, video_url=video_url)
    lesson = Lesson.objects.select_for_update().get(pk=lesson.pk)
    lesson.title = title.strip()
    lesson.summary = summary.strip()
    lesson.body = body
    lesson.minutes = minutes
    lesson.video_url = video_url.strip()
    lesson.full_clean()
    lesson.save()
    return lesson


@transaction.atomic
def lesson_delete(*, user: User, lesson: Lesson) -> None:
    """Delete a lesson nobody has studied yet (progress rows would go with it)."""
    require_curriculum_editor(user=user)
    for relation in Lesson._meta.related_objects:
        if relation.related_model is LessonAttachment:
            continue
        if getattr(lesson, relation.get_accessor_name()).exists():
            raise CurriculumErrors.LESSON_IN_USE.error()
    remove_files_on_commit(list(lesson.attachments.all()))
    lesson.delete()


@transaction.atomic
def lesson_move(*, user: User, lesson: Lesson, direction: str) -> None:
    """Swap the lesson with its neighbour (``"up"`` or ``"down"``) and renumber 1..n."""
    require_curriculum_editor(user=user)
    if direction not in ("up", "down"):
        raise CurriculumErrors.DIRECTION_INVALID.error()
    lessons = list(Lesson.objects.select_for_update().filter(topic_id=lesson.topic_id))
    index = next((i for i, item in enumerate(lessons) if item.pk == lesson.pk), None)
    if index is None:
        raise CurriculumErrors.NOT_FOUND.error()
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(lessons):
        lessons[index], lessons[other] = lessons[other], lessons[index]
    for number, item in enumerate(lessons, start=1):
        if item.order != number:
            item.order = number
            item.save(update_fields=["order", "updated_at"])
