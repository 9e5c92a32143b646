"""The quiz: its start page, one question per screen with feedback, and the result."""

import uuid

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from binhdan.core.errors import DomainError
from binhdan.learning import selectors, services
from binhdan.learning.codes import format_code
from binhdan.learning.errors import LearningErrors
from binhdan.learning.models import QuizAttempt
from binhdan.learning.views.common import SESSION_ATTEMPTS, helper, learner, learner_context


def _quiz_or_404(topic: str):
    return selectors.public_quiz_get(topic_slug=topic)


def _current_attempt(request, quiz, person) -> QuizAttempt | None:
    attempt_id = request.session.get(SESSION_ATTEMPTS, {}).get(str(quiz.pk))
    return selectors.learner_attempt_get(quiz=quiz, person=person, attempt_id=attempt_id)


def quiz(request, topic: str):
    """Start page: how many questions, the pass mark, "Bắt đầu"; POST starts an attempt."""
    found = _quiz_or_404(topic)
    person = learner(request)
    if request.method == "POST":
        if person is None:
            return redirect(f"{reverse('learning:identify')}?next={request.path}")
        try:
            client_uuid = uuid.UUID(request.POST.get("client_uuid", ""))
        except ValueError:
            client_uuid = None
        try:
            attempt = services.attempt_start(
                quiz=found, person=person, assisted_by=helper(request), client_uuid=client_uuid
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
            **learner_context(request),
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
        **learner_context(request),
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
        **learner_context(request),
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
    person = learner(request)
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
            if question is None or exc.code == LearningErrors.ATTEMPT_FINISHED.code:
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
    person = learner(request)
    attempt = selectors.learner_attempt_get(quiz=found, person=person, attempt_id=attempt_id)
    if attempt is None:
        raise Http404
    if attempt.submitted_at is None:
        return redirect("learning:quiz_question", topic=topic)
    certificate = (
        selectors.valid_certificate(person_id=person.pk, topic_id=found.topic_id)
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
            **learner_context(request),
        },
    )
