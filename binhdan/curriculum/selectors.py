"""Reads for the curriculum. Public reads see only ``Topic.objects.public()``."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q

from binhdan.accounts.models import User
from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import user_can_anywhere
from binhdan.curriculum.errors import CurriculumErrors
from binhdan.curriculum.models import Lesson, LessonAttachment, Quiz, Topic
from binhdan.curriculum.rendering import Screen, split_screens


def public_topics():
    """Published topics inside their window, with their lessons in order."""
    return (
        Topic.objects.public()
        .prefetch_related(Prefetch("lessons", queryset=Lesson.objects.order_by("order", "pk")))
        .order_by("order", "pk")
    )


def public_topic_get(*, slug: str) -> Topic:
    topic = public_topics().select_related("quiz").filter(slug=slug).first()
    if topic is None:
        raise CurriculumErrors.NOT_FOUND.error()
    return topic


def quiz_of(topic: Topic) -> Quiz | None:
    try:
        return topic.quiz
    except Quiz.DoesNotExist:
        return None


def topic_quiz_meta(*, topic: Topic) -> dict | None:
    """Question count and pass mark of the topic's quiz (never the answers)."""
    quiz = quiz_of(topic)
    if quiz is None:
        return None
    return {
        "title": quiz.title,
        "pass_percent": quiz.pass_percent,
        "question_count": quiz.questions.filter(is_active=True).count(),
    }


def public_quiz_questions(*, topic: Topic):
    quiz = quiz_of(topic)
    if quiz is None:
        raise CurriculumErrors.NOT_FOUND.error()
    return quiz, list(
        quiz.questions.filter(is_active=True).order_by("order", "pk").prefetch_related("choices")
    )


@dataclass(frozen=True)
class LessonView:
    """A lesson as shown to a citizen: its screens and its neighbours."""

    topic: Topic
    lesson: Lesson
    screens: list[Screen]
    previous: Lesson | None
    next: Lesson | None
    number: int  # 1-based position in the topic
    count: int


def public_lesson_get(*, topic_slug: str, lesson_slug: str) -> LessonView:
    topic = public_topic_get(slug=topic_slug)
    lessons = list(topic.lessons.all())
    index = next((i for i, item in enumerate(lessons) if item.slug == lesson_slug), None)
    if index is None:
        raise CurriculumErrors.NOT_FOUND.error()
    lesson = lessons[index]
    screens = split_screens(lesson.body) or [Screen(1, lesson.title, "", lesson.title)]
    return LessonView(
        topic=topic,
        lesson=lesson,
        screens=screens,
        previous=lessons[index - 1] if index > 0 else None,
        next=lessons[index + 1] if index + 1 < len(lessons) else None,
        number=index + 1,
        count=len(lessons),
    )


def lesson_attachments(*, lesson: Lesson) -> list[LessonAttachment]:
    return list(lesson.attachments.order_by("pk"))


def public_attachment_get(*, topic_slug: str, lesson_slug: str, pk: int) -> LessonAttachment:
    view = public_lesson_get(topic_slug=topic_slug, lesson_slug=lesson_slug)
    attachment = LessonAttachment.objects.filter(lesson=view.lesson, pk=pk).first()
    if attachment is None:
        raise CurriculumErrors.NOT_FOUND.error()
    return attachment


def sitemap_topics():
    return Topic.objects.public().order_by("order", "pk")


def sitemap_lessons():
    return (
        Lesson.objects.filter(topic__in=Topic.objects.public())
        .select_related("topic")
        .order_by("topic__order", "topic_id", "order", "pk")
    )


# Authoring reads -------------------------------------------------------------------------


def user_can_edit_curriculum(*, user: User) -> bool:
    """Topics are province-wide: a CURRICULUM_EDIT grant anywhere is enough."""
    return user_can_anywhere(user=user, action=Action.CURRICULUM_EDIT)


def require_curriculum_editor(*, user: User) -> None:
    if not user_can_edit_curriculum(user=user):
        raise CurriculumErrors.NOT_EDITOR.error()


def authoring_topics(*, user: User):
    require_curriculum_editor(user=user)
    return Topic.objects.annotate(
        lesson_count=Count("lessons", distinct=True),
        question_count=Count("quiz__questions", filter=Q(quiz__questions__is_active=True)),
    ).order_by("order", "pk")


def authoring_topic_get(*, user: User, slug: str) -> Topic:
    require_curriculum_editor(user=user)
    topic = Topic.objects.filter(slug=slug).first()
    if topic is None:
        raise CurriculumErrors.NOT_FOUND.error()
    return topic


def authoring_lesson_get(*, user: User, topic: Topic, slug: str) -> Lesson:
    require_curriculum_editor(user=user)
    lesson = Lesson.objects.filter(topic=topic, slug=slug).first()
    if lesson is None:
        raise CurriculumErrors.NOT_FOUND.error()
    return lesson
