"""Quizzes ready to take, learners and finished attempts."""

import uuid

from binhdan.curriculum.models import Quiz
from binhdan.learning import services
from binhdan.learning.models import QuizAttempt
from binhdan.people.models import Person
from tests.curriculum.factories import QuestionFactory, QuizFactory, TopicFactory
from tests.people.factories import PersonFactory


def quiz_with_questions(count: int = 4, pass_percent: int = 75, **topic_kwargs) -> Quiz:
    """A public topic whose quiz has ``count`` questions of 3 choices, the first correct."""
    topic = TopicFactory(**topic_kwargs)
    quiz = QuizFactory(topic=topic, pass_percent=pass_percent)
    for i in range(count):
        QuestionFactory(quiz=quiz, key=f"q{i + 1:02d}", order=i)
    return quiz


def learner(village, **kwargs) -> Person:
    return PersonFactory(village=village, **kwargs)


def answer_all(attempt: QuizAttempt, *, correct: int) -> QuizAttempt:
    """Answer every question: the first ``correct`` ones right, the others wrong."""
    for i, question in enumerate(attempt.quiz.questions.filter(is_active=True).order_by("order")):
        choices = list(question.choices.order_by("order"))
        right = next(c for c in choices if c.is_correct)
        wrong = next(c for c in choices if not c.is_correct)
        services.attempt_answer(
            attempt=attempt,
            question_id=question.pk,
            choice_id=(right if i < correct else wrong).pk,
        )
    attempt.refresh_from_db()
    return attempt


def finished_attempt(quiz: Quiz, person: Person, *, correct: int, **kwargs) -> QuizAttempt:
    attempt = services.attempt_start(quiz=quiz, person=person, client_uuid=uuid.uuid4(), **kwargs)
    return answer_all(attempt, correct=correct)
