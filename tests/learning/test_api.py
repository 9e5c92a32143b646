import uuid

from binhdan.learning.api import SUBMIT_LIMIT, VERIFY_LIMIT
from binhdan.learning.models import AttemptAnswer, Certificate, QuizAttempt
from binhdan.people.models import Person
from tests.db_text import all_database_text

URL = "/api/v1/quiz-attempts"


def body(quiz, tree, *, correct=4, **overrides):
    answers = []
    for i, question in enumerate(quiz.questions.order_by("order")):
        choices = list(question.choices.order_by("order"))
        index = next(n for n, c in enumerate(choices) if c.is_correct == (i < correct))
        answers.append({"question_key": question.key, "choice_index": index})
    data = {
        "client_uuid": str(uuid.uuid4()),
        "topic_slug": quiz.topic.slug,
        "person": {
            "full_name": "Đỗ Thị Mai",
            "birth_year": 1962,
            "phone": "0987654321",
            "village_code": tree.village.code,
        },
        "answers": answers,
    }
    data.update(overrides)
    return data


def post(client, data):
    return client.post(URL, data, content_type="application/json")


def test_submit_passing_attempt_returns_score_feedback_and_certificate(client, quiz, tree):
    response = post(client, body(quiz, tree))

    data = response.json()
    certificate = Certificate.objects.get()
    assert response.status_code == 201
    assert (data["correct"], data["total"], data["percent"], data["passed"]) == (4, 4, 100, True)
    assert data["certificate"]["code"].replace("-", "") == certificate.code
    assert data["certificate"]["verify_url"].startswith("http://testserver/c/")
    assert data["certificate"]["pdf_url"].endswith("/pdf")
    assert [f["question_key"] for f in data["feedback"]] == ["q01", "q02", "q03", "q04"]
    assert data["feedback"][0] == {
        "question_key": "q01",
        "correct": True,
        "correct_choice_index": 0,
        "explanation": "Giải thích đáp án.",
    }


def test_submit_failing_attempt_has_no_certificate(client, quiz, tree):
    data = post(client, body(quiz, tree, correct=2)).json()

    assert data["passed"] is False and data["certificate"] is None
    assert data["feedback"][3]["correct"] is False


def test_retry_with_the_same_client_uuid_returns_the_same_result_and_creates_nothing(
    client, quiz, tree
):
    payload = body(quiz, tree)
    first = post(client, payload)
    counts = (Person.objects.count(), QuizAttempt.objects.count(), AttemptAnswer.objects.count())

    again = post(client, payload)

    assert again.status_code == 200
    assert again.json() == first.json()
    assert (
        Person.objects.count(),
        QuizAttempt.objects.count(),
        AttemptAnswer.objects.count(),
    ) == counts
    assert Certificate.objects.count() == 1


def test_unknown_question_key_is_422_with_details(client, quiz, tree):
    payload = body(quiz, tree)
    payload["answers"][0]["question_key"] = "khong-co"

    response = post(client, payload)

    data = response.json()
    assert response.status_code == 422
    assert data["code"] == "answers_invalid"
    assert {"field": "answers.0.question_key", "code": "question_unknown"} in data["details"][
        "errors"
    ]
    assert not QuizAttempt.objects.exists() and not Person.objects.exists()


def test_out_of_range_choice_is_422(client, quiz, tree):
    payload = body(quiz, tree)
    payload["answers"][1]["choice_index"] = 3

    response = post(client, payload)

    assert response.status_code == 422
    errors = response.json()["details"]["errors"]
    assert {"field": "answers.1.choice_index", "code": "choice_out_of_range"} in errors


def test_missing_answers_are_422(client, quiz, tree):
    payload = body(quiz, tree)
    payload["answers"] = payload["answers"][:2]

    response = post(client, payload)

    errors = response.json()["details"]["errors"]
    assert response.status_code == 422
    assert {"field": "answers", "code": "questions_missing", "keys": ["q03", "q04"]} in errors


def test_negative_choice_index_is_a_validation_error(client, quiz, tree):
    payload = body(quiz, tree)
    payload["answers"][0]["choice_index"] = -1

    response = post(client, payload)

    assert response.status_code == 422
    assert response.json()["code"] == "validation_error"


def test_unknown_village_is_422(client, quiz, tree):
    payload = body(quiz, tree)
    payload["person"]["village_code"] = tree.commune.code

    response = post(client, payload)

    assert response.status_code == 422
    assert response.json()["details"] == {"field": "person.village_code"}


def test_bad_phone_names_the_person_field(client, quiz, tree):
    payload = body(quiz, tree)
    payload["person"]["phone"] = "12"

    response = post(client, payload)

    assert response.status_code == 422
    assert response.json()["details"] == {"field": "person.phone"}


def test_unknown_topic_is_404(client, quiz, tree):
    response = post(client, body(quiz, tree, topic_slug="khong-co"))

    assert response.status_code == 404


def test_cccd_sent_to_the_api_is_not_stored(client, quiz, tree):
    payload = body(quiz, tree)
    payload["person"]["cccd"] = "033162004321"

    assert post(client, payload).status_code == 201
    assert "033162004321" not in all_database_text()


def test_submit_is_rate_limited(client, quiz, tree):
    for _ in range(SUBMIT_LIMIT):
        post(client, body(quiz, tree))

    response = post(client, body(quiz, tree))

    assert response.status_code == 429
    assert response.json()["code"] == "rate_limited"


def test_certificate_endpoint_masks_the_holder(client, quiz, tree):
    code = post(client, body(quiz, tree)).json()["certificate"]["code"]

    response = client.get(f"/api/v1/certificates/{code.lower()}")

    data = response.json()
    assert response.status_code == 200
    assert data["holder"] == "Đỗ T*** M***"
    assert data["status"] == "valid" and data["revoked_on"] is None
    assert data["topic_slug"] == quiz.topic.slug
    assert "0987654321" not in response.content.decode()
    assert "Đỗ Thị Mai" not in response.content.decode()
    assert data["holder_birth_year"] == 1962  # told apart from namesakes, as on the page


def test_certificate_endpoint_unknown_code_is_404(client, db):
    response = client.get("/api/v1/certificates/ABCD-EFGH-JKMN")

    assert response.status_code == 404
    assert response.json()["code"] == "certificate_not_found"


def test_certificate_endpoint_is_rate_limited(client, db):
    for _ in range(VERIFY_LIMIT):
        client.get("/api/v1/certificates/ABCD-EFGH-JKMN")

    assert client.get("/api/v1/certificates/ABCD-EFGH-JKMN").status_code == 429


def _one_question_quiz():
    from tests.curriculum.factories import QuestionFactory
    from tests.learning.factories import quiz_with_questions

    quiz = quiz_with_questions(count=0, pass_percent=100)
    QuestionFactory(quiz=quiz, key="q01", choices=4, choices__correct_index=2)
    return quiz


def test_feedback_of_a_failed_first_attempt_hides_the_right_choice(client, tree):
    quiz = _one_question_quiz()
    payload = body(quiz, tree, answers=[{"question_key": "q01", "choice_index": 0}])

    data = post(client, payload).json()

    assert data["passed"] is False
    assert data["feedback"] == [
        {"question_key": "q01", "correct": False, "correct_choice_index": None, "explanation": ""}
    ]


def test_feedback_gives_the_right_choice_after_a_pass(client, tree):
    quiz = _one_question_quiz()
    payload = body(quiz, tree, answers=[{"question_key": "q01", "choice_index": 2}])

    data = post(client, payload).json()

    assert data["passed"] is True
    assert data["feedback"][0]["correct_choice_index"] == 2
    assert data["feedback"][0]["explanation"] == "Giải thích đáp án."


def test_feedback_gives_the_right_choice_after_the_allowed_attempts(client, tree):
    from binhdan.learning.selectors import REVEAL_AFTER_ATTEMPTS

    quiz = _one_question_quiz()
    wrong = [{"question_key": "q01", "choice_index": 0}]
    answers = [
        post(client, body(quiz, tree, answers=wrong, client_uuid=str(uuid.uuid4()))).json()
        for _ in range(REVEAL_AFTER_ATTEMPTS)
    ]

    assert [a["feedback"][0]["correct_choice_index"] for a in answers] == [None] * (
        REVEAL_AFTER_ATTEMPTS - 1
    ) + [2]


def _bearer(user):
    from binhdan.accounts.services import token_issue

    raw = token_issue(actor=None, user=user, name="Điện thoại tình nguyện").raw
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_attempt_without_credentials_is_the_citizens_own(client, quiz, tree):
    post(client, body(quiz, tree))
    assert QuizAttempt.objects.get().assisted_by is None


def test_volunteer_token_records_the_attempt_as_help_given(client, quiz, tree):
    from binhdan.accounts.models import Role
    from tests.accounts.factories import user_with_role

    volunteer = user_with_role(Role.VOLUNTEER, tree.village)
    response = client.post(
        URL, body(quiz, tree), content_type="application/json", **_bearer(volunteer)
    )
    assert response.status_code == 201
    attempt = QuizAttempt.objects.get()
    assert attempt.assisted_by == volunteer
    assert attempt.person.full_name == "Đỗ Thị Mai"


def test_volunteer_of_another_commune_cannot_assist_through_the_api(client, quiz, tree):
    from binhdan.accounts.models import Role
    from tests.accounts.factories import user_with_role

    stranger = user_with_role(Role.VOLUNTEER, tree.other_commune)
    response = client.post(
        URL, body(quiz, tree), content_type="application/json", **_bearer(stranger)
    )
    assert response.status_code == 403
    assert response.json()["code"] == "outside_scope"
    assert not QuizAttempt.objects.exists() and not Person.objects.exists()


def test_a_token_that_does_not_authenticate_is_401_not_anonymous(client, quiz, tree):
    response = client.post(
        URL,
        body(quiz, tree),
        content_type="application/json",
        HTTP_AUTHORIZATION="Bearer bd_not-a-real-token",
    )
    assert response.status_code == 401
    assert not QuizAttempt.objects.exists()
