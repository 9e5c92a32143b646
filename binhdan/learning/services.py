"""Writes about learning: identify a learner, answer a quiz, issue and revoke certificates."""

import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone

from binhdan.accounts.models import User
from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import require_permission, user_can_at
from binhdan.areas.models import Area
from binhdan.core.errors import InvalidInput, OutsideScope
from binhdan.core.text import clean
from binhdan.curriculum.models import Lesson, Question, Quiz
from binhdan.learning import codes
from binhdan.learning.errors import (
    ANSWER_CHOICE_OUT_OF_RANGE,
    ANSWER_QUESTION_REPEATED,
    ANSWER_QUESTIONS_MISSING,
    LearningErrors,
)
from binhdan.learning.models import (
    AttemptAnswer,
    Certificate,
    LessonProgress,
    QuizAttempt,
    RevokeReason,
)
from binhdan.learning.selectors import (
    active_questions,
    attempt_next_question,
    public_quiz_get,
    valid_certificate,
)
from binhdan.people.errors import PeopleErrors
from binhdan.people.models import Person
from binhdan.people.services import learner_recognise, same_learner

CODE_ATTEMPTS = 8


def _check_assist(*, helper: User | None, person: Person) -> None:
    if helper is not None:
        require_permission(user=helper, action=Action.PERSON_CREATE, area=person.village)


def attempt_start(
    *,
    quiz: Quiz,
    person: Person,
    assisted_by: User | None = None,
    client_uuid: uuid.UUID | None = None,
) -> QuizAttempt:
    """A new attempt (retries are new attempts). A repeated ``client_uuid`` returns the first."""
    if client_uuid is not None:
        existing = QuizAttempt.objects.filter(client_uuid=client_uuid).first()
        if existing is not None:
            if existing.person_id != person.pk or existing.quiz_id != quiz.pk:
                raise PeopleErrors.CLIENT_UUID_TAKEN.error()
            return existing
    _check_assist(helper=assisted_by, person=person)
    count = active_questions(quiz=quiz).count()
    if not count:
        raise LearningErrors.QUIZ_EMPTY.error()
    try:
        with transaction.atomic():
            return QuizAttempt.objects.create(
                quiz=quiz,
                person=person,
                area_path=person.area_path,
                assisted_by=assisted_by,
                client_uuid=client_uuid or uuid.uuid4(),
                question_count=count,
            )
    except IntegrityError:
        existing = QuizAttempt.objects.filter(client_uuid=client_uuid).first()
        if existing is None:
            raise
        if existing.person_id != person.pk:
            raise PeopleErrors.CLIENT_UUID_TAKEN.error() from None
        return existing


def attempt_answer(*, attempt: QuizAttempt, question_id: int, choice_id: int) -> AttemptAnswer:
    """Record the choice for one question. Answering a question again keeps the first answer.

    The answer that completes the attempt also scores it and, when passed, issues the
    certificate, all in one transaction.
    """
    with transaction.atomic():
        attempt = (
            QuizAttempt.objects.select_for_update(of=("self",))
            .select_related("quiz")
            .get(pk=attempt.pk)
        )
        existing = AttemptAnswer.objects.filter(attempt=attempt, question_id=question_id).first()
        if existing is not None:
            return existing
        if attempt.submitted_at is not None:
            raise LearningErrors.ATTEMPT_FINISHED.error()
        question = Question.objects.filter(
            pk=question_id, quiz=attempt.quiz, is_active=True
        ).first()
        if question is None:
            raise LearningErrors.QUESTION_UNKNOWN.error()
        choice = question.choices.filter(pk=choice_id).first()
        if choice is None:
            raise LearningErrors.CHOICE_REQUIRED.error()
        answer = AttemptAnswer.objects.create(
            attempt=attempt, question=question, choice=choice, is_correct=choice.is_correct
        )
        if attempt_next_question(attempt=attempt) is None:
            _attempt_finish(attempt=attempt)
    return answer


def _attempt_finish(*, attempt: QuizAttempt) -> None:
    totals = attempt.answers.aggregate(
        total=Count("id"), correct=Count("id", filter=Q(is_correct=True))
    )
    attempt.question_count = totals["total"]
    attempt.correct_count = totals["correct"]
    attempt.submitted_at = timezone.now()
    attempt.passed = passes(
        correct=totals["correct"], total=totals["total"], pass_percent=attempt.quiz.pass_percent
    )
    attempt.save(update_fields=["question_count", "correct_count", "submitted_at", "passed"])
    if attempt.passed:
        certificate_issue(attempt=attempt)


def passes(*, correct: int, total: int, pass_percent: int) -> bool:
    """Integer arithmetic: 7 of 10 passes a 70 % mark, 2 of 3 does not pass 70 %."""
    return total > 0 and correct * 100 >= pass_percent * total


def certificate_issue(*, attempt: QuizAttempt) -> Certificate:
    """The person's valid certificate for the topic, created from this passed attempt if
    there is none yet. Codes are random; a clash (or a concurrent issue) is retried."""
    if not attempt.passed:
        raise LearningErrors.ATTEMPT_NOT_PASSED.error()
    topic_id = attempt.quiz.topic_id
    for _try in range(CODE_ATTEMPTS):
        existing = valid_certificate(person_id=attempt.person_id, topic_id=topic_id)
        if existing is not None:
            return existing
        try:
            with transaction.atomic():
                return Certificate.objects.create(
                    code=codes.new_code(),
                    person_id=attempt.person_id,
                    topic_id=topic_id,
                    attempt=attempt,
                    area_path=attempt.area_path,
                    issued_at=attempt.submitted_at or timezone.now(),
                )
        except IntegrityError:
            continue
    raise LearningErrors.CERTIFICATE_CODE.error()


def certificate_revoke(
    *, actor: User, certificate: Certificate, reason: str, note: str = ""
) -> Certificate:
    """Revoke a certificate (kept, shown as revoked on the public page).

    ``reason`` is one of ``RevokeReason``: the public page shows only its label. ``note``
    is the staff's own words, kept for staff only.
    """
    if reason not in RevokeReason.values:
        raise LearningErrors.REASON_REQUIRED.error()
    note = clean(note or "")
    if reason == RevokeReason.OTHER and not note:
        raise LearningErrors.NOTE_REQUIRED.error()
    if len(note) > 300:
        raise LearningErrors.NOTE_TOO_LONG.error()
    if not user_can_at(user=actor, action=Action.CERTIFICATE_REVOKE, path=certificate.area_path):
        raise OutsideScope()
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.revoked_at is not None:
            raise LearningErrors.ALREADY_REVOKED.error()
        locked.revoked_at = timezone.now()
        locked.revoked_by = actor
        locked.revoke_reason = reason
        locked.revoke_note = note
        locked.save(update_fields=["revoked_at", "revoked_by", "revoke_reason", "revoke_note"])
    return locked


def lesson_complete(*, person: Person, lesson: Lesson) -> tuple[LessonProgress, bool]:
    """Mark a lesson finished (idempotent). Returns ``(progress, created)``."""
    existing = LessonProgress.objects.filter(person=person, lesson=lesson).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            return (
                LessonProgress.objects.create(
                    person=person, lesson=lesson, completed_at=timezone.now()
                ),
                True,
            )
    except IntegrityError:
        return LessonProgress.objects.get(person=person, lesson=lesson), False


def lessons_complete(*, person: Person, lesson_ids: list[int]) -> None:
    """Record lessons finished before the learner said who they are (kept in the session)."""
    for lesson in Lesson.objects.filter(pk__in=lesson_ids):
        lesson_complete(person=person, lesson=lesson)


# --- a whole attempt at once (mobile app) ----------------------------------------------------


@dataclass
class PersonData:
    full_name: str
    birth_year: int | None
    village_code: str
    phone: str = ""
    cccd: str = ""


def quiz_attempt_submit(
    *,
    client_uuid: uuid.UUID,
    topic_slug: str,
    person: PersonData,
    answers: list[tuple[str, int]],
    actor: User | None = None,
) -> tuple[QuizAttempt, bool]:
    """Record a whole attempt answered offline: ``answers`` are ``(question_key, choice_index)``
    with 0-based indexes into the question's choices in order. Returns ``(attempt, created)``;
    the same ``client_uuid`` again returns the first attempt and creates nothing, but only to
    a caller naming the same person (``client_uuid_taken`` otherwise: the result holds a
    certificate code)."""
    existing = QuizAttempt.objects.select_related("person").filter(client_uuid=client_uuid).first()
    if existing is not None:
        if not same_learner(
            existing.person, full_name=person.full_name, birth_year=person.birth_year
        ):
            raise PeopleErrors.CLIENT_UUID_TAKEN.error()
        return existing, False
    quiz = public_quiz_get(topic_slug=topic_slug)
    questions = {q.key: q for q in active_questions(quiz=quiz)}
    picked: dict[str, object] = {}
    problems = []
    for position, (key, index) in enumerate(answers):
        question = questions.get(key)
        if question is None:
            problems.append(
                {
                    "field": f"answers.{position}.question_key",
                    "code": LearningErrors.QUESTION_UNKNOWN.code,
                }
            )
            continue
        if key in picked:
            problems.append(
                {"field": f"answers.{position}.question_key", "code": ANSWER_QUESTION_REPEATED}
            )
            continue
        choices = list(question.choices.all())
        if not 0 <= index < len(choices):
            problems.append(
                {"field": f"answers.{position}.choice_index", "code": ANSWER_CHOICE_OUT_OF_RANGE}
            )
            continue
        picked[key] = choices[index]
    missing = sorted(set(questions) - set(picked) - {k for k, _i in answers})
    if missing:
        problems.append({"field": "answers", "code": ANSWER_QUESTIONS_MISSING, "keys": missing})
    if problems:
        raise LearningErrors.ANSWERS_INVALID.error(details={"field": "answers", "errors": problems})
    village = Area.objects.filter(code=person.village_code, level=Area.Level.VILLAGE).first()
    if village is None:
        raise LearningErrors.VILLAGE_UNKNOWN.error()
    try:
        learner = learner_recognise(
            actor=actor,
            village=village,
            full_name=person.full_name,
            birth_year=person.birth_year,
            phone=person.phone,
            cccd=person.cccd,
        )
    except InvalidInput as exc:
        field = (exc.details or {}).get("field") if isinstance(exc.details, dict) else None
        if field:
            exc.details = {"field": f"person.{field}"}
        raise
    try:
        with transaction.atomic():
            attempt = QuizAttempt.objects.create(
                quiz=quiz,
                person=learner,
                area_path=learner.area_path,
                assisted_by=actor,
                client_uuid=client_uuid,
                question_count=len(picked),
            )
            AttemptAnswer.objects.bulk_create(
                AttemptAnswer(
                    attempt=attempt,
                    question=questions[key],
                    choice=choice,
                    is_correct=choice.is_correct,
                )
                for key, choice in picked.items()
            )
            _attempt_finish(attempt=attempt)
    except IntegrityError:
        existing = QuizAttempt.objects.filter(client_uuid=client_uuid).first()
        if existing is None:
            raise
        if existing.person_id != learner.pk:
            raise PeopleErrors.CLIENT_UUID_TAKEN.error() from None
        return existing, False
    return attempt, True
