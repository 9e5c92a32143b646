import uuid
from unittest import mock

import pytest

from binhdan.core.errors import Conflict, InvalidInput
from binhdan.learning import services
from binhdan.learning.codes import ALPHABET
from binhdan.learning.models import AttemptAnswer, Certificate, QuizAttempt
from tests.curriculum.factories import QuestionFactory, TopicFactory
from tests.learning.factories import answer_all, finished_attempt, learner, quiz_with_questions


def test_attempt_at_the_pass_mark_passes(quiz, person):
    attempt = finished_attempt(quiz, person, correct=3)  # 3/4 = 75 %

    assert attempt.passed
    assert (attempt.correct_count, attempt.question_count, attempt.percent) == (3, 4, 75)
    assert attempt.submitted_at is not None


def test_attempt_below_the_pass_mark_fails_without_certificate(quiz, person):
    attempt = finished_attempt(quiz, person, correct=2)

    assert not attempt.passed
    assert not Certificate.objects.exists()


def test_passes_uses_exact_integer_arithmetic():
    assert services.passes(correct=7, total=10, pass_percent=70)
    assert not services.passes(correct=2, total=3, pass_percent=70)
    assert not services.passes(correct=0, total=0, pass_percent=1)


def test_retry_is_a_new_attempt(quiz, person):
    first = finished_attempt(quiz, person, correct=1)

    second = finished_attempt(quiz, person, correct=4)

    assert first.pk != second.pk
    assert QuizAttempt.objects.filter(person=person).count() == 2
    assert second.passed and not QuizAttempt.objects.get(pk=first.pk).passed


def test_answering_a_question_twice_keeps_the_first_answer(quiz, person):
    attempt = services.attempt_start(quiz=quiz, person=person)
    question = quiz.questions.order_by("order").first()
    right, wrong = (
        question.choices.get(is_correct=True),
        question.choices.filter(is_correct=False)[0],
    )

    first = services.attempt_answer(attempt=attempt, question_id=question.pk, choice_id=wrong.pk)
    again = services.attempt_answer(attempt=attempt, question_id=question.pk, choice_id=right.pk)

    assert again.pk == first.pk
    assert AttemptAnswer.objects.get(attempt=attempt, question=question).choice == wrong


def test_answer_with_a_choice_of_another_question_is_refused(quiz, person):
    attempt = services.attempt_start(quiz=quiz, person=person)
    first, second = quiz.questions.order_by("order")[:2]

    with pytest.raises(InvalidInput) as error:
        services.attempt_answer(
            attempt=attempt, question_id=first.pk, choice_id=second.choices.first().pk
        )

    assert error.value.details == {"field": "choice"}


def test_inactive_questions_are_not_asked(person):
    quiz = quiz_with_questions(count=3, pass_percent=100)
    hidden = QuestionFactory(quiz=quiz, key="old", order=99, is_active=False)
    attempt = services.attempt_start(quiz=quiz, person=person)

    attempt = answer_all(attempt, correct=3)

    assert attempt.question_count == 3 and attempt.passed
    assert not attempt.answers.filter(question=hidden).exists()
    fresh = services.attempt_start(quiz=quiz, person=person)
    with pytest.raises(InvalidInput):
        services.attempt_answer(
            attempt=fresh, question_id=hidden.pk, choice_id=hidden.choices.first().pk
        )


def test_quiz_without_active_questions_cannot_start(person):
    quiz = quiz_with_questions(count=0)

    with pytest.raises(InvalidInput) as error:
        services.attempt_start(quiz=quiz, person=person)

    assert error.value.code == "quiz_empty"


def test_start_with_the_same_client_uuid_returns_the_same_attempt(quiz, person):
    key = uuid.uuid4()

    first = services.attempt_start(quiz=quiz, person=person, client_uuid=key)
    again = services.attempt_start(quiz=quiz, person=person, client_uuid=key)

    assert first.pk == again.pk
    assert QuizAttempt.objects.count() == 1


def test_passing_creates_a_certificate_with_a_random_code(quiz, person):
    attempt = finished_attempt(quiz, person, correct=4)

    certificate = Certificate.objects.get(person=person)

    assert certificate.attempt == attempt
    assert certificate.topic == quiz.topic
    assert certificate.area_path == person.area_path
    assert len(certificate.code) == 12 and set(certificate.code) <= set(ALPHABET)


def test_passing_again_returns_the_existing_certificate(quiz, person):
    finished_attempt(quiz, person, correct=4)
    first = Certificate.objects.get()

    second_attempt = finished_attempt(quiz, person, correct=4)

    assert Certificate.objects.count() == 1
    assert services.certificate_issue(attempt=second_attempt).pk == first.pk


def test_certificate_codes_of_different_people_are_not_sequential(quiz, tree):
    codes = []
    for i in range(6):
        finished_attempt(quiz, learner(tree.village, full_name=f"Người {i}"), correct=4)
    codes = list(Certificate.objects.order_by("pk").values_list("code", flat=True))

    assert len(set(codes)) == 6
    prefixes = {code[:8] for code in codes}
    assert len(prefixes) == 6  # no shared counter-like prefix


def test_certificate_code_clash_is_retried(quiz, tree, person):
    finished_attempt(quiz, person, correct=4)
    taken = Certificate.objects.get().code
    other = learner(tree.village, full_name="Trần Thị Bình")
    attempt = services.attempt_start(quiz=quiz, person=other)

    with mock.patch("binhdan.learning.codes.new_code", side_effect=[taken, taken, "ZZZZ9999ZZZZ"]):
        answer_all(attempt, correct=4)

    assert Certificate.objects.get(person=other).code == "ZZZZ9999ZZZZ"


def test_certificate_gives_up_when_codes_keep_clashing(quiz, person, tree):
    finished_attempt(quiz, person, correct=4)
    taken = Certificate.objects.get().code
    other = learner(tree.village, full_name="Trần Thị Bình")
    attempt = services.attempt_start(quiz=quiz, person=other)

    with (
        mock.patch("binhdan.learning.codes.new_code", return_value=taken),
        pytest.raises(Conflict),
    ):
        answer_all(attempt, correct=4)

    # the final answer and the score were rolled back with the certificate
    attempt.refresh_from_db()
    assert attempt.submitted_at is None


def test_unpublished_topic_quiz_is_not_found(person):
    from binhdan.core.errors import NotFound
    from binhdan.learning.selectors import public_quiz_get

    quiz = quiz_with_questions(count=2, status="draft")

    with pytest.raises(NotFound):
        public_quiz_get(topic_slug=quiz.topic.slug)


def test_lesson_complete_is_idempotent(person):
    from tests.curriculum.factories import LessonFactory

    lesson = LessonFactory(topic=TopicFactory())

    _, created = services.lesson_complete(person=person, lesson=lesson)
    _, again = services.lesson_complete(person=person, lesson=lesson)

    assert created and not again
    assert person.lesson_progress.count() == 1
