"""Citizen learning pages and the staff pages about them. Thin: parse, call, render."""

import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_POST

from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import scope_paths
from binhdan.web.areas import picker
from binhdan.core.errors import DomainError, NotFound
from binhdan.core.http import safe_next
from binhdan.core.ratelimit import RateLimited, rate_limit
from binhdan.curriculum.models import Lesson
from binhdan.learning import selectors, services
from binhdan.learning.codes import format_code, normalize_code
from binhdan.learning.forms import IdentifyForm, RevokeForm
from binhdan.learning.models import QuizAttempt, RevokeReason
from binhdan.learning.pdf import certificate_pdf as render_certificate_pdf

SESSION_PERSON = "learner_person_id"
SESSION_HELPER = "learner_assisted_by"
SESSION_ATTEMPTS = "learner_attempts"
SESSION_PENDING = "learner_pending_lessons"
VERIFY_LIMIT = 20  # look-ups per minute and address
PDF_LIMIT = 20
IDENTIFY_LIMIT = 10  # anonymous identifications per minute and address


# --- who is learning -------------------------------------------------------------------


def _helper(request):
    """The logged-in staff user helping a citizen, when the session is in assisted mode."""
    helper_id = request.session.get(SESSION_HELPER)
    if helper_id and request.user.is_authenticated and request.user.pk == helper_id:
        return request.user
    return None


def _can_assist(user) -> bool:
    return user.is_authenticated and scope_paths(user=user, action=Action.PERSON_CREATE) != []


def _learner(request):
    person = selectors.learner_get(person_id=request.session.get(SESSION_PERSON))
    if person is None:
        return None
    # An assisted identification belongs to the helper's login: another login must not see it.
    if request.session.get(SESSION_HELPER) and _helper(request) is None:
        return None
    return person


def _learner_context(request) -> dict:
    return {"learner": _learner(request), "helper": _helper(request)}


def _store_pending_lessons(request, person) -> None:
    pending = request.session.pop(SESSION_PENDING, [])
    for lesson in Lesson.objects.filter(pk__in=pending):
        services.lesson_complete(person=person, lesson=lesson)


ASSISTED_COMMUNE_LABEL = gettext_lazy("Xã, phường nơi người dân ở")


def _address_the_helper(form: IdentifyForm) -> None:
    """In assisted mode the volunteer types someone else's details: speak of "người dân"."""
    form.fields["commune"].label = ASSISTED_COMMUNE_LABEL
    form.fields["commune"].error_messages["required"] = _("Hãy chọn xã/phường nơi người dân ở.")
    form.fields["cccd"].help_text = _(
        "Hệ thống không lưu số CCCD, chỉ dùng để nhận ra người dân này lần sau."
    )


@sensitive_post_parameters("cccd")
def identify(request):
    """Name, birth year, phone, optional CCCD, commune then village: no password.

    The commune and the village are chosen with the area picker (``picker.LEARNER_*``:
    anywhere for a citizen, the helper's scope in assisted mode). Without JavaScript its
    buttons send the form to come back with the matching places, recording nothing."""
    assisting = _can_assist(request.user)
    data = request.POST if request.method == "POST" else None
    searching = data is not None and picker.search_requested(data, ("commune", "village"))
    if data is not None and not searching and not assisting:
        limited = _limited(request, "learner-identify", IDENTIFY_LIMIT)
        if limited:
            return limited
    given = data if data is not None else request.GET
    communes = picker.LEARNER_COMMUNES.choices(user=request.user)
    villages = picker.LEARNER_VILLAGES.choices(
        user=request.user, parent_code=given.get("commune", "")
    )
    if searching:
        form = IdentifyForm(communes=communes, villages=villages, initial=data.dict())
    else:
        form = IdentifyForm(
            data,
            communes=communes,
            villages=villages,
            initial={"client_uuid": uuid.uuid4(), "next": request.GET.get("next", "")},
        )
    if assisting:
        _address_the_helper(form)
    if form.is_bound and form.is_valid():
        cleaned = form.cleaned_data
        try:
            person = services.learner_identify(
                actor=request.user if assisting else None,
                village=cleaned["village"],
                full_name=cleaned["full_name"],
                birth_year=cleaned["birth_year"],
                phone=cleaned.get("phone", ""),
                cccd=cleaned.get("cccd", ""),
                client_uuid=cleaned.get("client_uuid"),
            )
        except DomainError as exc:
            field = exc.details.get("field") if isinstance(exc.details, dict) else None
            form.add_error(field if field in form.fields else None, exc.message)
        else:
            request.session[SESSION_PERSON] = person.pk
            request.session[SESSION_HELPER] = request.user.pk if assisting else None
            request.session[SESSION_ATTEMPTS] = {}
            _store_pending_lessons(request, person)
            if assisting:
                messages.success(
                    request, _("Bạn đang làm giúp: %(name)s.") % {"name": person.full_name}
                )
            else:
                messages.success(request, _("Xin chào %(name)s!") % {"name": person.full_name})
            return redirect(
                safe_next(request, cleaned.get("next", ""), reverse("learning:my_learning"))
            )
    commune = picker.picker_state(
        source=picker.LEARNER_COMMUNES, user=request.user, field="commune", data=given
    )
    if assisting:
        commune.label = ASSISTED_COMMUNE_LABEL
    commune.then_url = reverse("areas:picker", args=[picker.LEARNER_VILLAGES.key])
    commune.then_field = "village"
    commune.then_label = _("Xem các thôn của xã/phường đã chọn")
    village = picker.picker_state(
        source=picker.LEARNER_VILLAGES,
        user=request.user,
        field="village",
        data=given,
        parent=commune.selected,
    )
    if form.is_bound:
        commune.errors = list(form["commune"].errors)
        village.errors = list(form["village"].errors)
    return render(
        request,
        "learning/identify.html",
        {
            "form": form,
            "commune": commune,
            "village": village,
            "assisting": assisting,
            "next": request.GET.get("next", "") or (data or {}).get("next", ""),
            **_learner_context(request),
        },
    )


@require_POST
def forget(request):
    """ "Không phải tôi": forget the remembered person (the staff login stays)."""
    for key in (SESSION_PERSON, SESSION_HELPER, SESSION_ATTEMPTS, SESSION_PENDING):
        request.session.pop(key, None)
    messages.info(request, _("Đã quên thông tin người học trên máy này."))
    return redirect(safe_next(request, request.POST.get("next", ""), reverse("learning:identify")))


# --- lessons ----------------------------------------------------------------------------


@require_POST
def lesson_done(request, topic: str, lesson: str):
    found = selectors.public_lesson_get(topic_slug=topic, lesson_slug=lesson)
    person = _learner(request)
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
    following = (
        Lesson.objects.filter(topic=found.topic, order__gt=found.order)
        .order_by("order", "pk")
        .first()
    )
    default = (
        reverse("curriculum:lesson", args=[topic, following.slug])
        if following
        else reverse("learning:quiz", args=[topic])
    )
    return redirect(safe_next(request, request.POST.get("next", ""), default))


# --- quiz -------------------------------------------------------------------------------


def _quiz_or_404(topic: str):
    return selectors.public_quiz_get(topic_slug=topic)


def _current_attempt(request, quiz, person) -> QuizAttempt | None:
    attempt_id = request.session.get(SESSION_ATTEMPTS, {}).get(str(quiz.pk))
    if not attempt_id or person is None:
        return None
    return QuizAttempt.objects.filter(pk=attempt_id, quiz=quiz, person=person).first()


def quiz(request, topic: str):
    """Start page: how many questions, the pass mark, "Bắt đầu"; POST starts an attempt."""
    found = _quiz_or_404(topic)
    person = _learner(request)
    if request.method == "POST":
        if person is None:
            return redirect(f"{reverse('learning:identify')}?next={request.path}")
        try:
            client_uuid = uuid.UUID(request.POST.get("client_uuid", ""))
        except ValueError:
            client_uuid = None
        try:
            attempt = services.attempt_start(
                quiz=found, person=person, assisted_by=_helper(request), client_uuid=client_uuid
            )
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("learning:quiz", topic=topic)
        attempts = request.session.get(SESSION_ATTEMPTS, {})
        attempts[str(found.pk)] = attempt.pk
        request.session[SESSION_ATTEMPTS] = attempts
        return redirect("learning:quiz_question", topic=topic)
    current = _current_attempt(request, found, person)
    return render(
        request,
        "learning/quiz_start.html",
        {
            "quiz": found,
            "topic": found.topic,
            "question_count": selectors.active_questions(quiz=found).count(),
            "unfinished": current if current and current.submitted_at is None else None,
            "client_uuid": uuid.uuid4(),
            **_learner_context(request),
        },
    )


def _question_context(request, attempt, question, error: str = "") -> dict:
    answered, total = selectors.attempt_progress(attempt=attempt)
    return {
        "attempt": attempt,
        "topic": attempt.quiz.topic,
        "question": question,
        "choices": list(question.choices.all()),
        "number": answered + 1,
        "total": total,
        "error": error,
        **_learner_context(request),
    }


def _feedback_context(request, attempt, answer) -> dict:
    choices = list(answer.question.choices.order_by("order", "pk"))
    answered, total = selectors.attempt_progress(attempt=attempt)
    reveal = selectors.answers_revealed(attempt=attempt)
    return {
        "attempt": attempt,
        "topic": attempt.quiz.topic,
        "answer": answer,
        "question": answer.question,
        "choices": choices,
        "right": next((c for c in choices if c.is_correct), None) if reveal else None,
        "explain": reveal or answer.is_correct,
        "reveal_after": selectors.REVEAL_AFTER_ATTEMPTS,
        "number": answered,
        "total": total,
        "finished": attempt.submitted_at is not None,
        **_learner_context(request),
    }


def _go(request, url: str) -> HttpResponse:
    """Redirect; an HTMX request gets HX-Redirect so the whole page changes, not the card."""
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


def quiz_question(request, topic: str):
    """One question per screen; POST answers it and shows the feedback (HTMX swaps it in)."""
    found = _quiz_or_404(topic)
    person = _learner(request)
    attempt = _current_attempt(request, found, person)
    if attempt is None:
        return _go(request, reverse("learning:quiz", args=[topic]))
    if request.method == "POST":
        try:
            question_id = int(request.POST.get("question", ""))
        except ValueError:
            return _go(request, reverse("learning:quiz_question", args=[topic]))
        try:
            choice_id = int(request.POST.get("choice", "") or 0)
        except ValueError:
            choice_id = 0
        try:
            answer = services.attempt_answer(
                attempt=attempt, question_id=question_id, choice_id=choice_id
            )
        except DomainError as exc:
            question = selectors.active_questions(quiz=found).filter(pk=question_id).first()
            if question is None or exc.code == "attempt_finished":
                return _go(request, reverse("learning:quiz_question", args=[topic]))
            template = "learning/_question_card.html" if request.htmx else "learning/question.html"
            return render(
                request, template, _question_context(request, attempt, question, exc.message)
            )
        attempt.refresh_from_db()
        if request.htmx:
            return render(
                request, "learning/_feedback_card.html", _feedback_context(request, attempt, answer)
            )
        return redirect(
            f"{reverse('learning:quiz_question', args=[topic])}?da-tra-loi={answer.question_id}"
        )
    shown = request.GET.get("da-tra-loi", "")
    if shown.isdigit():
        answer = attempt.answers.select_related("question").filter(question_id=int(shown)).first()
        if answer is not None:
            return render(
                request, "learning/feedback.html", _feedback_context(request, attempt, answer)
            )
    if attempt.submitted_at is not None:
        return redirect("learning:quiz_result", topic=topic, attempt_id=attempt.pk)
    question = selectors.attempt_next_question(attempt=attempt)
    if question is None:  # every question was answered or withdrawn meanwhile
        return redirect("learning:quiz_result", topic=topic, attempt_id=attempt.pk)
    return render(request, "learning/question.html", _question_context(request, attempt, question))


def quiz_result(request, topic: str, attempt_id: int):
    found = _quiz_or_404(topic)
    person = _learner(request)
    attempt = (
        QuizAttempt.objects.filter(pk=attempt_id, quiz=found, person=person).first()
        if person
        else None
    )
    if attempt is None:
        raise Http404
    if attempt.submitted_at is None:
        return redirect("learning:quiz_question", topic=topic)
    certificate = (
        person.certificates.filter(topic=found.topic, revoked_at__isnull=True).first()
        if attempt.passed
        else None
    )
    return render(
        request,
        "learning/result.html",
        {
            "quiz": found,
            "topic": found.topic,
            "attempt": attempt,
            "certificate": certificate,
            "code_display": format_code(certificate.code) if certificate else "",
            "feedback": selectors.attempt_feedback(attempt=attempt),
            "client_uuid": uuid.uuid4(),
            **_learner_context(request),
        },
    )


# --- the learner's own page -------------------------------------------------------------


def my_learning(request):
    person = _learner(request)
    context = {**_learner_context(request)}
    if person is not None:
        context.update(selectors.person_learning(person=person))
    return render(request, "learning/my_learning.html", context)


# --- certificates: public -----------------------------------------------------------------


def _limited(request, scope: str, limit: int):
    try:
        rate_limit(request=request, scope=scope, limit=limit, window_seconds=60)
    except RateLimited as exc:
        return render(request, "learning/rate_limited.html", {"message": exc.message}, status=429)
    return None


@require_GET
def certificate_lookup(request):
    """The form where anyone types a code."""
    typed = request.GET.get("ma", "").strip()
    if typed:
        code = normalize_code(typed)
        if code:
            return redirect("learning:certificate_verify", code=format_code(code))
        return render(
            request,
            "learning/lookup.html",
            {"typed": typed, "error": _("Mã chứng nhận gồm 12 chữ và số, ví dụ ABCD-EFGH-JKMN.")},
            status=200,
        )
    return render(request, "learning/lookup.html", {"typed": ""})


def _absolute_verify_url(request, code: str) -> str:
    return request.build_absolute_uri(
        reverse("learning:certificate_verify", args=[format_code(code)])
    )


@require_GET
def certificate_verify(request, code: str):
    limited = _limited(request, "certificate-verify", VERIFY_LIMIT)
    if limited:
        return limited
    try:
        certificate = selectors.certificate_get_by_code(code=code)
    except NotFound:
        return render(request, "learning/not_found.html", {"typed": code}, status=404)
    return render(
        request,
        "learning/verify.html",
        {
            "certificate": certificate,
            "code_display": format_code(certificate.code),
            "holder": selectors.mask_name(certificate.person.full_name),
            "issuer": settings.BINHDAN_CERTIFICATE_ISSUER,
        },
    )


@require_GET
def certificate_pdf(request, code: str):
    limited = _limited(request, "certificate-pdf", PDF_LIMIT)
    if limited:
        return limited
    try:
        certificate = selectors.certificate_get_by_code(code=code)
    except NotFound:
        return render(request, "learning/not_found.html", {"typed": code}, status=404)
    if certificate.is_revoked:
        return render(
            request,
            "learning/verify.html",
            {
                "certificate": certificate,
                "code_display": format_code(certificate.code),
                "holder": selectors.mask_name(certificate.person.full_name),
            },
            status=410,
        )
    content = render_certificate_pdf(
        certificate=certificate,
        holder=selectors.certificate_holder_name(
            certificate=certificate, user=request.user, learner=_learner(request)
        ),
        verify_url=_absolute_verify_url(request, certificate.code),
        site_name=settings.BINHDAN_SITE_NAME,
        issuer=settings.BINHDAN_CERTIFICATE_ISSUER,
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="chung-nhan-{certificate.code}.pdf"'
    response["X-Robots-Tag"] = "noindex"
    return response


# --- staff ------------------------------------------------------------------------------


@login_required
def staff_certificates(request):
    if not selectors.can_view_learning(user=request.user):
        raise Http404
    query = request.GET.get("q", "").strip()
    commune_code = request.GET.get("xa", "")
    certificates = selectors.certificates_for_user(
        user=request.user, query=query, commune_code=commune_code
    )
    page = Paginator(certificates, 50).get_page(request.GET.get("page"))
    revoke_paths = scope_paths(user=request.user, action=Action.CERTIFICATE_REVOKE)
    rows = [
        {
            "certificate": c,
            "code_display": format_code(c.code),
            "can_revoke": not c.is_revoked
            and (revoke_paths is None or any(c.area_path.startswith(p) for p in revoke_paths)),
        }
        for c in page
    ]
    return render(
        request,
        "learning/staff_certificates.html",
        {
            "page": page,
            "rows": rows,
            "query": query,
            "form": RevokeForm(),
            "revoke_reasons": RevokeReason.choices,
            "commune_code": commune_code,
            "communes": selectors.learning_communes(user=request.user),
        },
    )


@login_required
@require_POST
def staff_certificate_revoke(request, pk: int):
    certificate = selectors.certificate_get_for_user(
        user=request.user, pk=pk, action=Action.CERTIFICATE_REVOKE
    )
    form = RevokeForm(request.POST)
    try:
        services.certificate_revoke(
            actor=request.user,
            certificate=certificate,
            reason=form.data.get("reason", ""),
            note=form.data.get("note", ""),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("Đã thu hồi chứng nhận %(code)s.") % {"code": format_code(certificate.code)}
        )
    return redirect(f"{reverse('learning:staff_certificates')}?q={certificate.code}")


@login_required
def staff_progress(request):
    if not selectors.can_view_learning(user=request.user):
        raise Http404
    return render(
        request, "learning/staff_progress.html", selectors.learning_figures(user=request.user)
    )
