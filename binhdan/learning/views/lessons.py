"""A lesson marked as done: recorded for a known learner, kept in the session otherwise."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binhdan.core.http import safe_next
from binhdan.learning import selectors, services
from binhdan.learning.views.common import SESSION_PENDING, learner


@require_POST
def lesson_done(request, topic: str, lesson: str):
    found = selectors.public_lesson_get(topic_slug=topic, lesson_slug=lesson)
    person = learner(request)
    if person is not None:
        services.lesson_complete(person=person, lesson=found)
        messages.success(
            request, _("Đã ghi nhận: bạn đã học xong bài “%(t)s”.") % {"t": found.title}
        )
    else:
        pending = request.session.get(SESSION_PENDING, [])
        if found.pk not in pending:
            request.session[SESSION_PENDING] = [*pending, found.pk][-100:]
        messages.success(
            request,
            _("Bạn đã học xong bài “%(t)s”. Khi làm bài kiểm tra, việc học sẽ được ghi nhận.")
            % {"t": found.title},
        )
    following = selectors.lesson_following(lesson=found)
    default = (
        reverse("curriculum:lesson", args=[topic, following.slug])
        if following
        else reverse("learning:quiz", args=[topic])
    )
    return redirect(safe_next(request, request.POST.get("next", ""), default))
