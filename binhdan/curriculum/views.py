"""Citizen pages: topics, lessons one screen at a time, read-aloud audio. Public, no login."""

import logging
import subprocess

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from binhdan.core.ranges import ranged_file_response
from binhdan.curriculum import selectors
from binhdan.curriculum.attachments import attachment_path
from binhdan.curriculum.audio import (
    CONTENT_TYPES,
    AudioUnavailable,
    audio_available,
    find_screen_audio,
    screen_audio_get_or_create,
)

logger = logging.getLogger(__name__)


def _lesson_or_404(topic: str, lesson: str) -> selectors.LessonView:
    return selectors.public_lesson_get(topic_slug=topic, lesson_slug=lesson)


@require_safe
def topic_list(request):
    return render(request, "curriculum/topic_list.html", {"topics": selectors.public_topics()})


@require_safe
def topic_detail(request, topic: str):
    item = selectors.public_topic_get(slug=topic)
    return render(
        request,
        "curriculum/topic_detail.html",
        {
            "topic": item,
            "lessons": list(item.lessons.all()),
            "quiz": selectors.topic_quiz_meta(topic=item),
        },
    )


@require_safe
def lesson(request, topic: str, lesson: str, screen: int = 1):
    view = _lesson_or_404(topic, lesson)
    if not 1 <= screen <= len(view.screens):
        raise Http404
    current = view.screens[screen - 1]
    # The player shows whenever the audio exists or can be made on its first play.
    has_audio = audio_available() or (
        find_screen_audio(topic_slug=topic, lesson_slug=lesson, screen=current) is not None
    )
    context = {
        "topic": view.topic,
        "lesson": view.lesson,
        "view": view,
        "screen": current,
        "screen_count": len(view.screens),
        "is_first": screen == 1,
        "is_last": screen == len(view.screens),
        "has_audio": has_audio,
        "quiz": selectors.quiz_of(view.topic),
        "attachments": selectors.lesson_attachments(lesson=view.lesson)
        if screen == len(view.screens)
        else [],
    }
    return render(request, "curriculum/lesson.html", context)


@require_safe
def lesson_audio(request, topic: str, lesson: str, screen: int):
    view = _lesson_or_404(topic, lesson)
    if not 1 <= screen <= len(view.screens):
        raise Http404
    try:
        # Made on the first play when `generate_lesson_audio` has not made it yet.
        path = screen_audio_get_or_create(
            topic_slug=topic, lesson_slug=lesson, screen=view.screens[screen - 1]
        )
    except AudioUnavailable:
        raise Http404 from None
    except (OSError, subprocess.SubprocessError):
        logger.exception("read-aloud audio for %s/%s/%s could not be made", topic, lesson, screen)
        raise Http404 from None
    response = ranged_file_response(request, path, CONTENT_TYPES[path.suffix[1:]])
    # The file name holds a hash of the text: a changed text is a new URL target.
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_safe
def attachment_download(request, topic: str, lesson: str, pk: int):
    attachment = selectors.public_attachment_get(topic_slug=topic, lesson_slug=lesson, pk=pk)
    path = attachment_path(attachment)
    if not path.is_file():
        raise Http404
    return FileResponse(
        path.open("rb"),
        content_type=attachment.content_type,
        as_attachment=attachment.content_type == "application/pdf",
        filename=attachment.original_name,
    )
