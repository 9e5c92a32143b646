"""Citizen pages: topics, lessons one screen at a time, read-aloud audio. Public, no login."""

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from binhdan.core.errors import NotFound
from binhdan.core.ranges import ranged_file_response
from binhdan.curriculum import selectors
from binhdan.curriculum.attachments import attachment_path
from binhdan.curriculum.audio import CONTENT_TYPES, find_screen_audio


def _lesson_or_404(topic: str, lesson: str) -> selectors.LessonView:
    try:
        return selectors.public_lesson_get(topic_slug=topic, lesson_slug=lesson)
    except NotFound as exc:
        raise Http404(str(exc)) from exc


@require_safe
def topic_list(request):
    return render(request, "curriculum/topic_list.html", {"topics": selectors.public_topics()})


@require_safe
def topic_detail(request, topic: str):
    try:
        item = selectors.public_topic_get(slug=topic)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
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
    audio = find_screen_audio(topic_slug=topic, lesson_slug=lesson, screen=current)
    context = {
        "topic": view.topic,
        "lesson": view.lesson,
        "view": view,
        "screen": current,
        "screen_count": len(view.screens),
        "is_first": screen == 1,
        "is_last": screen == len(view.screens),
        "has_audio": audio is not None,
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
    path = find_screen_audio(topic_slug=topic, lesson_slug=lesson, screen=view.screens[screen - 1])
    if path is None:
        raise Http404
    response = ranged_file_response(request, path, CONTENT_TYPES[path.suffix[1:]])
    # The file name holds a hash of the text: a changed text is a new URL target.
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_safe
def attachment_download(request, topic: str, lesson: str, pk: int):
    try:
        attachment = selectors.public_attachment_get(topic_slug=topic, lesson_slug=lesson, pk=pk)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    path = attachment_path(attachment)
    if not path.is_file():
        raise Http404
    return FileResponse(
        path.open("rb"),
        content_type=attachment.content_type,
        as_attachment=attachment.content_type == "application/pdf",
        filename=attachment.original_name,
    )
