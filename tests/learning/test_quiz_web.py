import uuid

import pytest
from django.urls import reverse

from binhdan.accounts.models import Role
from binhdan.learning.models import AttemptAnswer, Certificate, QuizAttempt
from binhdan.learning.views.common import SESSION_HELPER, SESSION_PERSON
from tests.accounts.factories import user_with_role
from tests.learning.factories import quiz_with_questions


@pytest.fixture
def learner_client(client, person):
    session = client.session
    session[SESSION_PERSON] = person.pk
    session.save()
    return client


def start(client, quiz):
    return client.post(
        reverse("learning:quiz", args=[quiz.topic.slug]), {"client_uuid": str(uuid.uuid4())}
    )


def answer(client, quiz, question, choice, **extra):
    return client.post(
        reverse("learning:quiz_question", args=[quiz.topic.slug]),
        {"question": question.pk, "choice": choice.pk},
        **extra,
    )


def right(question):
    return question.choices.get(is_correct=True)


def test_start_page_shows_question_count_and_pass_mark(client, quiz):
    page = client.get(reverse("learning:quiz", args=[quiz.topic.slug]))

    html = page.content.decode()
    assert page.status_code == 200
    assert "<strong>4</strong>" in html and "75%" in html
    assert "Bắt đầu" in html


def test_quiz_of_a_draft_topic_is_404(client, db):
    quiz = quiz_with_questions(count=2, status="draft")

    assert client.get(reverse("learning:quiz", args=[quiz.topic.slug])).status_code == 404


def test_starting_without_identification_asks_who_you_are(client, quiz):
    response = start(client, quiz)

    assert response.status_code == 302
    assert response.url.startswith(reverse("learning:identify"))
    assert not QuizAttempt.objects.exists()


def test_question_page_shows_one_question_with_its_choices(learner_client, quiz):
    start(learner_client, quiz)

    page = learner_client.get(reverse("learning:quiz_question", args=[quiz.topic.slug]))

    html = page.content.decode()
    first = quiz.questions.order_by("order").first()
    assert first.text in html
    assert html.count('type="radio"') == 3
    assert "Câu 1/4" in html


def test_answer_without_js_redirects_to_the_feedback(learner_client, quiz):
    start(learner_client, quiz)
    question = quiz.questions.order_by("order").first()
    wrong = question.choices.filter(is_correct=False).first()

    response = answer(learner_client, quiz, question, wrong)
    feedback = learner_client.get(response.url)

    html = feedback.content.decode()
    assert response.status_code == 302
    assert "Chưa đúng" in html
    assert "Câu tiếp theo" in html


def test_feedback_of_a_wrong_answer_keeps_the_right_one_hidden_on_a_first_attempt(
    learner_client, quiz
):
    start(learner_client, quiz)
    question = quiz.questions.order_by("order").first()
    wrong = question.choices.filter(is_correct=False).first()

    response = answer(learner_client, quiz, question, wrong, HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert "Chưa đúng" in html and wrong.text in html
    assert right(question).text not in html and question.explanation not in html
    assert "Đáp án đúng được cho xem khi bạn đạt" in html


def test_feedback_shows_the_right_answer_once_the_attempts_are_used_up(
    learner_client, quiz, person
):
    from binhdan.learning.selectors import REVEAL_AFTER_ATTEMPTS
    from tests.learning.factories import finished_attempt

    for _ in range(REVEAL_AFTER_ATTEMPTS - 1):
        finished_attempt(quiz, person, correct=0)
    start(learner_client, quiz)
    questions = list(quiz.questions.order_by("order"))
    for question in questions[:-1]:
        answer(learner_client, quiz, question, question.choices.filter(is_correct=False).first())
    last = questions[-1]

    response = answer(
        learner_client,
        quiz,
        last,
        last.choices.filter(is_correct=False).first(),
        HTTP_HX_REQUEST="true",
    )

    html = response.content.decode()
    assert right(last).text in html and last.explanation in html


def test_answer_with_htmx_returns_the_feedback_card_only(learner_client, quiz):
    start(learner_client, quiz)
    question = quiz.questions.order_by("order").first()

    response = answer(learner_client, quiz, question, right(question), HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Đúng rồi" in html and 'id="quiz-card"' in html
    assert "<html" not in html


def test_answering_the_same_question_twice_is_not_an_error(learner_client, quiz):
    start(learner_client, quiz)
    question = quiz.questions.order_by("order").first()
    wrong = question.choices.filter(is_correct=False).first()

    answer(learner_client, quiz, question, wrong)
    again = answer(learner_client, quiz, question, right(question))

    assert again.status_code == 302
    assert AttemptAnswer.objects.get().choice == wrong


def test_submitting_without_a_choice_shows_an_error(learner_client, quiz):
    start(learner_client, quiz)
    question = quiz.questions.order_by("order").first()

    response = learner_client.post(
        reverse("learning:quiz_question", args=[quiz.topic.slug]), {"question": question.pk}
    )

    assert response.status_code == 200
    assert "Hãy chọn một phương án" in response.content.decode()
    assert not AttemptAnswer.objects.exists()


def test_garbage_answer_input_is_not_a_500(learner_client, quiz):
    start(learner_client, quiz)

    response = learner_client.post(
        reverse("learning:quiz_question", args=[quiz.topic.slug]),
        {"question": "x", "choice": "y"},
    )

    assert response.status_code == 302


def test_full_quiz_passes_and_shows_the_certificate(learner_client, quiz, person):
    start(learner_client, quiz)
    for question in quiz.questions.order_by("order"):
        answer(learner_client, quiz, question, right(question))
    attempt = QuizAttempt.objects.get()

    page = learner_client.get(reverse("learning:quiz_question", args=[quiz.topic.slug]))
    result = learner_client.get(page.url)

    certificate = Certificate.objects.get(person=person)
    html = result.content.decode()
    assert page.url == reverse("learning:quiz_result", args=[quiz.topic.slug, attempt.pk])
    assert "4/4" in html and "đã đạt" in html
    assert certificate.code[:4] in html
    assert (
        reverse(
            "learning:certificate_pdf",
            args=[certificate.code[:4] + "-" + certificate.code[4:8] + "-" + certificate.code[8:]],
        )
        in html
    )


def test_failed_quiz_offers_a_retry(learner_client, quiz):
    start(learner_client, quiz)
    for question in quiz.questions.order_by("order"):
        answer(learner_client, quiz, question, question.choices.filter(is_correct=False).first())
    attempt = QuizAttempt.objects.get()

    result = learner_client.get(reverse("learning:quiz_result", args=[quiz.topic.slug, attempt.pk]))
    start(learner_client, quiz)

    assert "Chưa đạt" in result.content.decode()
    assert QuizAttempt.objects.count() == 2
    assert not Certificate.objects.exists()


def test_someone_elses_result_is_404(client, quiz, person, tree):
    from tests.learning.factories import finished_attempt

    attempt = finished_attempt(quiz, person, correct=4)

    response = client.get(reverse("learning:quiz_result", args=[quiz.topic.slug, attempt.pk]))

    assert response.status_code == 404


def test_assisted_attempt_records_the_helper_and_says_so(client, quiz, person, tree):
    volunteer = user_with_role(Role.VOLUNTEER, tree.village)
    client.force_login(volunteer)
    session = client.session
    session[SESSION_PERSON] = person.pk
    session[SESSION_HELPER] = volunteer.pk
    session.save()

    start(client, quiz)
    page = client.get(reverse("learning:quiz_question", args=[quiz.topic.slug]))

    assert QuizAttempt.objects.get().assisted_by == volunteer
    assert "Bạn đang làm giúp:" in page.content.decode()
    assert person.full_name in page.content.decode()


def test_assisted_attempt_requires_person_create_on_the_village(quiz, person, tree):
    from binhdan.core.errors import OutsideScope
    from binhdan.learning import services

    outsider = user_with_role(Role.VOLUNTEER, tree.village2)

    with pytest.raises(OutsideScope):
        services.attempt_start(quiz=quiz, person=person, assisted_by=outsider)


def test_assisted_identity_is_not_used_by_another_login(client, quiz, person, tree):
    volunteer = user_with_role(Role.VOLUNTEER, tree.village)
    client.force_login(volunteer)
    session = client.session
    session[SESSION_PERSON] = person.pk
    session[SESSION_HELPER] = volunteer.pk
    session.save()
    client.force_login(user_with_role(Role.VOLUNTEER, tree.village))

    response = start(client, quiz)

    assert response.url.startswith(reverse("learning:identify"))


def test_lesson_done_records_progress_and_goes_to_the_next_lesson(learner_client, person):
    from tests.curriculum.factories import LessonFactory, TopicFactory

    topic = TopicFactory()
    first = LessonFactory(topic=topic, order=1)
    second = LessonFactory(topic=topic, order=2)

    response = learner_client.post(reverse("learning:lesson_done", args=[topic.slug, first.slug]))

    assert person.lesson_progress.get().lesson == first
    assert response.url == reverse("curriculum:lesson", args=[topic.slug, second.slug])


def test_lesson_done_needs_post(learner_client, db):
    from tests.curriculum.factories import LessonFactory

    lesson = LessonFactory()

    response = learner_client.get(
        reverse("learning:lesson_done", args=[lesson.topic.slug, lesson.slug])
    )

    assert response.status_code == 405


def test_my_learning_lists_certificates_and_lessons(learner_client, quiz, person):
    from tests.learning.factories import finished_attempt

    finished_attempt(quiz, person, correct=4)

    page = learner_client.get(reverse("learning:my_learning"))

    html = page.content.decode()
    assert quiz.topic.title in html
    assert Certificate.objects.get().code in html
    assert "Không phải tôi" in html


def test_htmx_answer_after_the_session_lost_the_attempt_redirects_the_whole_page(client, quiz):
    question = quiz.questions.order_by("order").first()

    response = answer(client, quiz, question, right(question), HTTP_HX_REQUEST="true")

    assert response.status_code == 204
    assert response["HX-Redirect"] == reverse("learning:quiz", args=[quiz.topic.slug])


def test_every_learning_template_renders_for_a_learner_and_a_stranger(client, quiz, person):
    from tests.learning.factories import finished_attempt

    attempt = finished_attempt(quiz, person, correct=4)
    code = Certificate.objects.get().code
    urls = [
        reverse("learning:identify"),
        reverse("learning:my_learning"),
        reverse("learning:quiz", args=[quiz.topic.slug]),
        reverse("learning:certificate_lookup"),
        reverse("learning:certificate_verify", args=[code]),
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
    session = client.session
    session[SESSION_PERSON] = person.pk
    session.save()
    result = reverse("learning:quiz_result", args=[quiz.topic.slug, attempt.pk])
    for url in [*urls, result]:
        assert client.get(url).status_code == 200, url
