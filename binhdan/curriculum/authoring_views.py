"""Authoring pages (``/soan-bai/``): topics, their publication window, lessons, preview.

Login required; users without CURRICULUM_EDIT anywhere get 404 like every page outside
their scope (``OutsideScope``, mapped by ``binhdan.web.middleware``). Views only parse, call
a service, and render; rules and permission checks live in services.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from binhdan.core.errors import DomainError
from binhdan.curriculum import attachments as attachment_services
from binhdan.curriculum import selectors, services
from binhdan.curriculum.forms import AttachmentForm, LessonForm, TopicForm
from binhdan.curriculum.rendering import split_screens


def _topic_or_404(request, slug: str):
    selectors.require_curriculum_editor(user=request.user)
    return selectors.authoring_topic_get(user=request.user, slug=slug)


def _lesson_or_404(request, topic, slug: str):
    return selectors.authoring_lesson_get(user=request.user, topic=topic, slug=slug)


def _show_error(form, exc: DomainError) -> None:
    field = (exc.details or {}).get("field") if isinstance(exc.details, dict) else None
    form.add_error(field if field in form.fields else None, exc.message)


@login_required
def topic_list(request):
    selectors.require_curriculum_editor(user=request.user)
    topics = selectors.authoring_topics(user=request.user)
    return render(request, "curriculum/authoring/topic_list.html", {"topics": topics})


@login_required
@require_http_methods(["GET", "POST"])
def topic_create(request):
    selectors.require_curriculum_editor(user=request.user)
    form = TopicForm(request.POST or None, initial={"status": "draft"})
    if request.method == "POST" and form.is_valid():
        try:
            topic = services.topic_create(user=request.user, **form.cleaned_data)
        except DomainError as exc:
            _show_error(form, exc)
        else:
            messages.success(request, _("Đã tạo chuyên đề. Hãy thêm bài học."))
            return redirect("authoring:topic_edit", topic=topic.slug)
    return render(request, "curriculum/authoring/topic_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def topic_edit(request, topic: str):
    item = _topic_or_404(request, topic)
    form = TopicForm(request.POST or None, initial=TopicForm.initial_for(item))
    if request.method == "POST" and form.is_valid():
        try:
            services.topic_update(user=request.user, topic=item, **form.cleaned_data)
        except DomainError as exc:
            _show_error(form, exc)
        else:
            messages.success(request, _("Đã lưu chuyên đề."))
            return redirect("authoring:topic_edit", topic=item.slug)
    return render(
        request,
        "curriculum/authoring/topic_form.html",
        {"form": form, "topic": item, "lessons": item.lessons.order_by("order", "pk")},
    )


def _lesson_page_context(*, form, topic, lesson, screens=None, attachment_form=None) -> dict:
    return {
        "form": form,
        "topic": topic,
        "lesson": lesson,
        "screens": screens,
        "attachments": selectors.lesson_attachments(lesson=lesson) if lesson else [],
        "attachment_form": attachment_form or AttachmentForm(),
    }


def _lesson_form_page(request, *, topic, lesson=None):
    initial = LessonForm.initial_for(lesson) if lesson else None
    form = LessonForm(request.POST or None, initial=initial)
    screens = None
    if request.method == "POST" and form.is_valid():
        if request.POST.get("action") == "preview":
            screens = split_screens(form.cleaned_data["body"])
        else:
            try:
                if lesson is None:
                    lesson = services.lesson_create(
                        user=request.user, topic=topic, **form.cleaned_data
                    )
                else:
                    services.lesson_update(user=request.user, lesson=lesson, **form.cleaned_data)
            except DomainError as exc:
                _show_error(form, exc)
            else:
                messages.success(request, _("Đã lưu bài học."))
                return redirect("authoring:lesson_edit", topic=topic.slug, lesson=lesson.slug)
    return render(
        request,
        "curriculum/authoring/lesson_form.html",
        _lesson_page_context(form=form, topic=topic, lesson=lesson, screens=screens),
    )


@login_required
@require_http_methods(["GET", "POST"])
def lesson_create(request, topic: str):
    return _lesson_form_page(request, topic=_topic_or_404(request, topic))


@login_required
@require_http_methods(["GET", "POST"])
def lesson_edit(request, topic: str, lesson: str):
    item = _topic_or_404(request, topic)
    return _lesson_form_page(request, topic=item, lesson=_lesson_or_404(request, item, lesson))


@login_required
@require_POST
def lesson_preview(request):
    """HTMX partial: the sanitised screens of the posted Markdown body (nothing saved)."""
    selectors.require_curriculum_editor(user=request.user)
    body = request.POST.get("body", "")[:50_000]
    return render(request, "curriculum/authoring/_preview.html", {"screens": split_screens(body)})


@login_required
@require_POST
def lesson_move(request, topic: str, lesson: str):
    item = _topic_or_404(request, topic)
    try:
        services.lesson_move(
            user=request.user,
            lesson=_lesson_or_404(request, item, lesson),
            direction=request.POST.get("direction", ""),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("authoring:topic_edit", topic=item.slug)


@login_required
@require_POST
def lesson_delete(request, topic: str, lesson: str):
    item = _topic_or_404(request, topic)
    try:
        services.lesson_delete(user=request.user, lesson=_lesson_or_404(request, item, lesson))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã xóa bài học."))
    return redirect("authoring:topic_edit", topic=item.slug)


@login_required
@require_POST
def attachment_upload(request, topic: str, lesson: str):
    item = _topic_or_404(request, topic)
    found = _lesson_or_404(request, item, lesson)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachment_services.attachment_add(
                user=request.user,
                lesson=found,
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
            )
        except DomainError as exc:
            _show_error(form, exc)
        else:
            messages.success(request, _("Đã thêm tài liệu."))
            return redirect("authoring:lesson_edit", topic=item.slug, lesson=found.slug)
    return render(
        request,
        "curriculum/authoring/lesson_form.html",
        _lesson_page_context(
            form=LessonForm(initial=LessonForm.initial_for(found)),
            topic=item,
            lesson=found,
            attachment_form=form,
        ),
    )


@login_required
@require_POST
def attachment_delete(request, topic: str, lesson: str, pk: int):
    item = _topic_or_404(request, topic)
    found = _lesson_or_404(request, item, lesson)
    attachment = found.attachments.filter(pk=pk).first()
    if attachment is None:
        raise Http404
    attachment_services.attachment_delete(user=request.user, attachment=attachment)
    messages.success(request, _("Đã xóa tài liệu."))
    return redirect("authoring:lesson_edit", topic=item.slug, lesson=found.slug)
