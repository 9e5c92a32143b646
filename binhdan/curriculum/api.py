"""Public reads of the curriculum (no login): published topics only, never the answers."""

from dataclasses import asdict

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router

from binhdan.curriculum import selectors
from binhdan.curriculum.schemas import LessonOut, QuizOut, TopicDetailOut, TopicOut

router = Router(tags=["Chuyên đề"])


def _lessons(topic) -> list:
    return list(topic.lessons.all())


@router.get("", response=list[TopicOut], auth=None, summary="Published topics with lessons")
def topic_list(request: HttpRequest):
    return [
        {**_topic_fields(topic), "lessons": _lessons(topic)} for topic in selectors.public_topics()
    ]


def _topic_fields(topic) -> dict:
    return {
        "slug": topic.slug,
        "order": topic.order,
        "title": topic.title,
        "summary": topic.summary,
        "audience": topic.audience,
        "updated_at": topic.updated_at,
    }


@router.get("/{slug}", response=TopicDetailOut, auth=None, summary="One topic: lessons, quiz")
def topic_detail(request: HttpRequest, slug: str):
    topic = selectors.public_topic_get(slug=slug)
    return {
        **_topic_fields(topic),
        "lessons": _lessons(topic),
        "quiz": selectors.topic_quiz_meta(topic=topic),
    }


@router.get(
    "/{slug}/lessons/{lesson_slug}",
    response=LessonOut,
    auth=None,
    summary="One lesson as screens (sanitised HTML and plain text)",
)
def lesson_detail(request: HttpRequest, slug: str, lesson_slug: str):
    view = selectors.public_lesson_get(topic_slug=slug, lesson_slug=lesson_slug)
    lesson = view.lesson
    return {
        "topic_slug": view.topic.slug,
        "slug": lesson.slug,
        "order": lesson.order,
        "title": lesson.title,
        "summary": lesson.summary,
        "minutes": lesson.minutes,
        "video_url": lesson.video_url,
        "updated_at": lesson.updated_at,
        "screens": [asdict(screen) for screen in view.screens],
        "attachments": [
            {
                "id": item.pk,
                "title": item.title,
                "content_type": item.content_type,
                "size": item.size,
                "url": reverse(
                    "curriculum:attachment", args=[view.topic.slug, lesson.slug, item.pk]
                ),
            }
            for item in selectors.lesson_attachments(lesson=lesson)
        ],
        "previous_slug": view.previous.slug if view.previous else None,
        "next_slug": view.next.slug if view.next else None,
    }


@router.get("/{slug}/quiz", response=QuizOut, auth=None, summary="The topic's quiz, no answers")
def quiz_detail(request: HttpRequest, slug: str):
    topic = selectors.public_topic_get(slug=slug)
    quiz, questions = selectors.public_quiz_questions(topic=topic)
    return {
        "topic_slug": topic.slug,
        "title": quiz.title,
        "pass_percent": quiz.pass_percent,
        "questions": [
            {
                "id": q.id,
                "key": q.key,
                "order": q.order,
                "text": q.text,
                "choices": [
                    {"id": c.id, "order": c.order, "text": c.text} for c in q.choices.all()
                ],
            }
            for q in questions
        ],
    }
