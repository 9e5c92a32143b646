"""Reads about learning: public quizzes, a learner's progress, certificates, staff figures."""

from django.db.models import Count, Prefetch, Q

from binhdan.accounts.models import User
from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import scope_q, user_can_anywhere, user_can_at
from binhdan.areas.models import Area
from binhdan.core.text import fold
from binhdan.curriculum.models import Choice, Lesson, Question, Quiz, Topic
from binhdan.learning.codes import normalize_code
from binhdan.learning.errors import LearningErrors
from binhdan.learning.models import Certificate, LessonProgress, QuizAttempt
from binhdan.people.models import Person
from binhdan.people.privacy import mask_name


def public_topic_get(*, slug: str) -> Topic:
    topic = Topic.objects.public().filter(slug=slug).first()
    if topic is None:
        raise LearningErrors.TOPIC_NOT_FOUND.error()
    return topic


def public_quiz_get(*, topic_slug: str) -> Quiz:
    """The quiz of a public topic; NotFound if the topic is hidden or has no quiz."""
    quiz = (
        Quiz.objects.select_related("topic")
        .filter(topic__in=Topic.objects.public())
        .filter(topic__slug=topic_slug)
    )
    quiz = quiz.first()
    if quiz is None:
        raise LearningErrors.QUIZ_NOT_FOUND.error()
    return quiz


def public_lesson_get(*, topic_slug: str, lesson_slug: str) -> Lesson:
    lesson = (
        Lesson.objects.select_related("topic")
        .filter(topic__in=Topic.objects.public(), topic__slug=topic_slug, slug=lesson_slug)
        .first()
    )
    if lesson is None:
        raise LearningErrors.LESSON_NOT_FOUND.error()
    return lesson


def active_questions(*, quiz: Quiz):
    """The questions a learner answers, in order, each with its choices in order."""
    return (
        Question.objects.filter(quiz=quiz, is_active=True)
        .order_by("order", "pk")
        .prefetch_related(Prefetch("choices", queryset=Choice.objects.order_by("order", "pk")))
    )


def lesson_following(*, lesson: Lesson) -> Lesson | None:
    """The next lesson of the same topic, if any."""
    return (
        Lesson.objects.filter(topic_id=lesson.topic_id, order__gt=lesson.order)
        .order_by("order", "pk")
        .first()
    )


def learner_attempt_get(*, quiz: Quiz, person: Person | None, attempt_id) -> QuizAttempt | None:
    """The learner's own attempt at this quiz; None for anybody else's or none."""
    if not attempt_id or person is None:
        return None
    return QuizAttempt.objects.filter(pk=attempt_id, quiz=quiz, person=person).first()


def attempt_next_question(*, attempt: QuizAttempt) -> Question | None:
    answered = attempt.answers.values("question_id")
    return active_questions(quiz=attempt.quiz).exclude(pk__in=answered).first()


def attempt_progress(*, attempt: QuizAttempt) -> tuple[int, int]:
    """(answered, total) for the progress line "Câu 3/10"."""
    answered = attempt.answers.count()
    remaining = active_questions(quiz=attempt.quiz).exclude(
        pk__in=attempt.answers.values("question_id")
    )
    return answered, answered + remaining.count()


# Failed attempts after which a learner is shown the right answers anyway.
REVEAL_AFTER_ATTEMPTS = 3


def answers_revealed(*, attempt: QuizAttempt) -> bool:
    """Whether the right answers may be shown for this attempt: once it passed, or once the
    learner has finished the quiz ``REVEAL_AFTER_ATTEMPTS`` times. Before that a wrong answer
    is only marked wrong, so a first attempt cannot be used to pass the next one."""
    if attempt.passed:
        return True
    finished = QuizAttempt.objects.filter(
        person_id=attempt.person_id, quiz_id=attempt.quiz_id, submitted_at__isnull=False
    ).count()
    return finished >= REVEAL_AFTER_ATTEMPTS


def attempt_feedback(*, attempt: QuizAttempt) -> list[dict]:
    """Per answer: the question key, whether it was right and, when ``answers_revealed`` or
    the answer was right, the right choice and why."""
    reveal = answers_revealed(attempt=attempt)
    answers = (
        attempt.answers.select_related("question")
        .prefetch_related(
            Prefetch("question__choices", queryset=Choice.objects.order_by("order", "pk"))
        )
        .order_by("question__order", "question__pk")
    )
    feedback = []
    for answer in answers:
        choices = list(answer.question.choices.all())
        correct_index = next((i for i, c in enumerate(choices) if c.is_correct), None)
        shown = reveal or answer.is_correct
        feedback.append(
            {
                "question_key": answer.question.key,
                "correct": answer.is_correct,
                "correct_choice_index": correct_index if shown else None,
                "explanation": answer.question.explanation if shown else "",
            }
        )
    return feedback


def valid_certificate(*, person_id: int, topic_id: int) -> Certificate | None:
    """The person's certificate of the topic that is not revoked (at most one)."""
    return Certificate.objects.filter(
        person_id=person_id, topic_id=topic_id, revoked_at__isnull=True
    ).first()


def certificate_get_by_code(*, code: str) -> Certificate:
    """The certificate with this (typed) code, whatever its status; NotFound else."""
    normalized = normalize_code(code)
    certificate = (
        Certificate.objects.select_related("person", "topic").filter(code=normalized).first()
        if normalized
        else None
    )
    if certificate is None:
        raise LearningErrors.CERTIFICATE_NOT_FOUND.error()
    return certificate


# --- the learner's own page -------------------------------------------------------------


def person_learning(*, person: Person) -> dict:
    """What one person did: lessons finished per topic, attempts, certificates."""
    progress = (
        LessonProgress.objects.filter(person=person)
        .select_related("lesson", "lesson__topic")
        .order_by("lesson__topic__order", "lesson__order")
    )
    topics: dict[int, dict] = {}
    for row in progress:
        entry = topics.setdefault(row.lesson.topic_id, {"topic": row.lesson.topic, "lessons": []})
        entry["lessons"].append(row.lesson)
    if topics:
        totals = dict(
            Lesson.objects.filter(topic_id__in=topics)
            .values_list("topic_id")
            .annotate(n=Count("id"))
        )
        for topic_id, entry in topics.items():
            entry["total"] = totals.get(topic_id, 0)
    attempts = (
        QuizAttempt.objects.filter(person=person, submitted_at__isnull=False)
        .select_related("quiz", "quiz__topic")
        .order_by("-submitted_at")
    )
    certificates = Certificate.objects.filter(person=person).select_related("topic")
    return {
        "topics": list(topics.values()),
        "attempts": list(attempts),
        "certificates": list(certificates),
    }


# --- staff ------------------------------------------------------------------------------


def certificates_for_user(*, user: User, query: str = "", commune_code: str = ""):
    """Certificates of people in the user's learning scope, newest first; ``query`` is a
    code or (part of) the holder's name, with or without diacritics."""
    certificates = (
        Certificate.objects.filter(
            scope_q(user=user, action=Action.LEARNING_VIEW, path_field="area_path")
        )
        .select_related("person", "person__village", "topic")
        .order_by("-issued_at", "-pk")
    )
    if commune_code:
        certificates = certificates.filter(person__village__parent__code=commune_code)
    if query:
        normalized = normalize_code(query)
        by_name = Q(person__name_folded__contains=fold(query))
        certificates = certificates.filter(Q(code=normalized) | by_name if normalized else by_name)
    return certificates


def certificate_holder_name(*, certificate: Certificate, user: User, learner: Person | None) -> str:
    """The holder's name as the asker may see it: in full for the learner themself (their
    browser session) and for staff whose learning scope covers the certificate, else masked
    like on the public verify page."""
    if learner is not None and learner.pk == certificate.person_id:
        return certificate.person.full_name
    if user_can_at(user=user, action=Action.LEARNING_VIEW, path=certificate.area_path):
        return certificate.person.full_name
    return mask_name(certificate.person.full_name)


def learning_communes(*, user: User):
    """Communes inside the user's learning scope, by name (the certificates filter)."""
    return Area.objects.filter(
        scope_q(user=user, action=Action.LEARNING_VIEW), level=Area.Level.COMMUNE
    ).order_by("name_folded")


def certificate_get_for_user(*, user: User, pk: int, action: Action) -> Certificate:
    """A certificate inside the user's scope for ``action``; NotFound else (no probing)."""
    certificate = (
        Certificate.objects.filter(scope_q(user=user, action=action, path_field="area_path"))
        .select_related("person", "topic")
        .filter(pk=pk)
        .first()
    )
    if certificate is None:
        raise LearningErrors.CERTIFICATE_NOT_FOUND.error()
    return certificate


def can_view_learning(*, user: User) -> bool:
    return user_can_anywhere(user=user, action=Action.LEARNING_VIEW)


def learning_figures(*, user: User) -> dict:
    """Per topic and commune in the user's LEARNING_VIEW scope: attempts, people who passed,
    valid certificates. Two aggregate queries plus two for the names, whatever the size."""
    in_scope = scope_q(user=user, action=Action.LEARNING_VIEW, path_field="area_path")
    attempt_rows = (
        QuizAttempt.objects.filter(in_scope, submitted_at__isnull=False)
        .values("quiz__topic_id", "person__village__parent_id")
        .annotate(
            attempts=Count("id"),
            passed=Count("person_id", filter=Q(passed=True), distinct=True),
        )
    )
    certificate_rows = (
        Certificate.objects.filter(in_scope, revoked_at__isnull=True)
        .values("topic_id", "person__village__parent_id")
        .annotate(certificates=Count("id"))
    )
    cells: dict[tuple[int, int], dict] = {}

    def cell(topic_id: int, commune_id: int) -> dict:
        return cells.setdefault(
            (topic_id, commune_id), {"attempts": 0, "passed": 0, "certificates": 0}
        )

    for row in attempt_rows:
        entry = cell(row["quiz__topic_id"], row["person__village__parent_id"])
        entry["attempts"] = row["attempts"]
        entry["passed"] = row["passed"]
    for row in certificate_rows:
        cell(row["topic_id"], row["person__village__parent_id"])["certificates"] = row[
            "certificates"
        ]
    topic_ids = {t for t, _ in cells}
    commune_ids = {c for _, c in cells}
    topics = {t.pk: t for t in Topic.objects.filter(pk__in=topic_ids)}
    communes = {a.pk: a for a in Area.objects.filter(pk__in=commune_ids)}
    by_topic: dict[int, dict] = {}
    for (topic_id, commune_id), entry in cells.items():
        block = by_topic.setdefault(
            topic_id,
            {
                "topic": topics[topic_id],
                "rows": [],
                "attempts": 0,
                "passed": 0,
                "certificates": 0,
            },
        )
        block["rows"].append({"commune": communes.get(commune_id), **entry})
        block["attempts"] += entry["attempts"]
        block["passed"] += entry["passed"]  # a person lives in one commune: sums are distinct
        block["certificates"] += entry["certificates"]
    result = sorted(by_topic.values(), key=lambda b: (b["topic"].order, b["topic"].pk))
    for block in result:
        block["rows"].sort(key=lambda r: r["commune"].name_folded if r["commune"] else "")
    return {"topics": result}


def learner_get(*, person_id) -> Person | None:
    """The person remembered in a browser session, if they still exist."""
    if not person_id:
        return None
    person = (
        Person.objects.select_related("village", "village__parent").filter(pk=person_id).first()
    )
    if person is not None and person.merged_into_id is not None:
        return learner_get(person_id=person.merged_into_id)  # merged by staff meanwhile
    return person
