"""Progress, attempts and certificates are view only in the admin: scoring, issuing and
revoking (``certificate_revoke``) belong to ``learning.services``."""

import pytest
from django.urls import reverse

from binhdan.learning.models import Certificate, LessonProgress, QuizAttempt
from binhdan.learning.services import lesson_complete
from tests.curriculum.factories import LessonFactory
from tests.learning.factories import finished_attempt, learner, quiz_with_questions

pytestmark = pytest.mark.django_db

MODELS = [LessonProgress, QuizAttempt, Certificate]


@pytest.fixture
def certified(tree):
    """A learner who finished a lesson and passed the topic's quiz (so holds a certificate)."""
    quiz = quiz_with_questions(count=4, pass_percent=75)
    person = learner(tree.village)
    lesson_complete(person=person, lesson=LessonFactory(topic=quiz.topic))
    finished_attempt(quiz, person, correct=4)
    return Certificate.objects.get(person=person)


def _url(model, view: str, *args) -> str:
    return reverse(f"admin:learning_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", MODELS)
def test_learning_admin_pages_render(superuser_client, certified, model):
    row = model.objects.first()

    assert superuser_client.get(_url(model, "changelist")).status_code == 200
    assert superuser_client.get(_url(model, "change", row.pk)).status_code == 200


@pytest.mark.parametrize("model", MODELS)
def test_add_change_delete_refused_in_admin(superuser_client, certified, model):
    # given
    row = model.objects.first()
    before = model.objects.count()

    # when
    statuses = (
        superuser_client.post(_url(model, "add"), {}).status_code,
        superuser_client.post(_url(model, "change", row.pk), {}).status_code,
        superuser_client.post(_url(model, "delete", row.pk), {"post": "yes"}).status_code,
    )

    # then
    assert statuses == (403, 403, 403)
    assert model.objects.count() == before


def test_revoke_certificate_by_edit_refused_in_admin(superuser_client, certified):
    # when the admin tries to set revoked_at by hand (no reason, no scope check)
    response = superuser_client.post(
        _url(Certificate, "change", certified.pk),
        {"revoked_at_0": "2025-01-01", "revoked_at_1": "00:00:00", "revoke_reason": "other"},
    )

    # then the certificate stays valid
    assert response.status_code == 403
    certified.refresh_from_db()
    assert certified.revoked_at is None
