"""What citizens learned: lessons finished, quiz attempts, and certificates anyone can verify.

Citizens have no password: they are ``people.Person`` rows found or created from name,
birth year and phone (optionally a CCCD, kept only as the identity key). A volunteer may act
for them ("assisted" mode): the attempt then records who helped.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class LessonProgress(models.Model):
    """A person finished a lesson (the last screen was reached)."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="lesson_progress"
    )
    lesson = models.ForeignKey(
        "curriculum.Lesson", on_delete=models.CASCADE, related_name="progress"
    )
    completed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "lesson"], name="progress_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id}/{self.lesson_id}"


class QuizAttempt(models.Model):
    """One try at a quiz. Retries are new attempts; all are kept."""

    quiz = models.ForeignKey("curriculum.Quiz", on_delete=models.PROTECT, related_name="attempts")
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    assisted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assisted_attempts",
        help_text=_("Tình nguyện viên làm thay/giúp người dân (chế độ hỗ trợ)."),
    )
    client_uuid = models.UUIDField(unique=True, default=uuid.uuid4)
    started_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    correct_count = models.PositiveSmallIntegerField(default=0)
    question_count = models.PositiveSmallIntegerField(default=0)
    passed = models.BooleanField(default=False)

    class Meta:
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(correct_count__lte=F("question_count")),
                name="attempt_correct_le_total",
            ),
            models.CheckConstraint(
                condition=Q(passed=False) | Q(submitted_at__isnull=False),
                name="attempt_passed_only_when_submitted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quiz_id}/{self.person_id} {self.correct_count}/{self.question_count}"

    @property
    def percent(self) -> int:
        if not self.question_count:
            return 0
        return round(100 * self.correct_count / self.question_count)


class AttemptAnswer(models.Model):
    """The choice given to one question of an attempt (one answer per question)."""

    attempt = models.ForeignKey(QuizAttempt, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey("curriculum.Question", on_delete=models.PROTECT, related_name="+")
    choice = models.ForeignKey("curriculum.Choice", on_delete=models.PROTECT, related_name="+")
    is_correct = models.BooleanField()
    answered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="answer_once"),
        ]

    def __str__(self) -> str:
        return f"{self.attempt_id}/{self.question_id}"


class RevokeReason(models.TextChoices):
    """Why a certificate was revoked, as the public verify page says it. Staff add any
    detail in ``revoke_note``, which stays internal."""

    ISSUED_IN_ERROR = "issued_in_error", _("Cấp nhầm")
    WRONG_PERSON = "wrong_person", _("Thông tin người được cấp không đúng")
    NOT_OWN_WORK = "not_own_work", _("Bài kiểm tra không do chính người được cấp làm")
    DUPLICATE = "duplicate", _("Trùng với một chứng nhận khác")
    OTHER = "other", _("Lý do khác")


class Certificate(models.Model):
    """Proof that a person passed a topic's quiz.

    ``code`` is random and unguessable (never sequential); the public page ``/c/<code>``
    verifies it. Revoking keeps the row and says so on that page.
    """

    code = models.CharField(max_length=16, unique=True)
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="certificates"
    )
    topic = models.ForeignKey(
        "curriculum.Topic", on_delete=models.PROTECT, related_name="certificates"
    )
    attempt = models.OneToOneField(
        QuizAttempt, on_delete=models.PROTECT, related_name="certificate"
    )
    area_path = models.CharField(max_length=120, db_index=True, editable=False)
    issued_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoke_reason = models.CharField(
        _("lý do thu hồi"), max_length=20, choices=RevokeReason.choices, blank=True
    )
    revoke_note = models.CharField(_("ghi chú nội bộ"), max_length=300, blank=True)

    class Meta:
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "topic"],
                condition=Q(revoked_at__isnull=True),
                name="certificate_one_valid_per_topic",
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | Q(revoke_reason__in=RevokeReason.values),
                name="certificate_revoke_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
