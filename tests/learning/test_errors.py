"""Learning's error codes are a contract with the mobile app: declared once, unchanged."""

from binhdan.core.errors import Conflict, InvalidInput, NotFound
from binhdan.learning.errors import LearningErrors


def test_codes_and_kinds_are_the_published_ones():
    assert {e.code: e.kind for e in LearningErrors} == {
        "topic_not_found": NotFound,
        "quiz_not_found": NotFound,
        "lesson_not_found": NotFound,
        "certificate_not_found": NotFound,
        "quiz_empty": InvalidInput,
        "attempt_finished": Conflict,
        "question_unknown": InvalidInput,
        "choice_required": InvalidInput,
        "answers_invalid": InvalidInput,
        "village_unknown": InvalidInput,
        "attempt_not_passed": InvalidInput,
        "certificate_code": Conflict,
        "reason_required": InvalidInput,
        "note_required": InvalidInput,
        "note_too_long": InvalidInput,
        "already_revoked": Conflict,
    }


def test_an_error_names_its_field():
    error = LearningErrors.VILLAGE_UNKNOWN.error()
    assert (error.code, error.status, error.details) == (
        "village_unknown",
        422,
        {"field": "person.village_code"},
    )
