"""Learning records in the admin: view only. Progress, attempts and certificates are
written by ``learning.services`` (scoring, one valid certificate per person and topic);
a certificate is revoked on the staff certificates page (``certificate_revoke``: a reason
from the list, scope)."""

from django.contrib import admin

from binhdan.core.admin import ReadOnlyModelAdmin, ReadOnlyTabularInline
from binhdan.learning.models import AttemptAnswer, Certificate, LessonProgress, QuizAttempt


@admin.register(LessonProgress)
class LessonProgressAdmin(ReadOnlyModelAdmin):
    list_display = ("person", "lesson", "completed_at")
    list_select_related = ("person", "lesson")
    search_fields = ("person__full_name",)
    date_hierarchy = "completed_at"


class AttemptAnswerInline(ReadOnlyTabularInline):
    model = AttemptAnswer
    fields = ("question", "choice", "is_correct", "answered_at")
    readonly_fields = fields
    show_change_link = False


@admin.register(QuizAttempt)
class QuizAttemptAdmin(ReadOnlyModelAdmin):
    list_display = (
        "quiz",
        "person",
        "correct_count",
        "question_count",
        "passed",
        "assisted_by",
        "submitted_at",
    )
    list_filter = ("passed", "quiz")
    list_select_related = ("quiz", "person", "assisted_by")
    search_fields = ("person__full_name",)
    inlines = [AttemptAnswerInline]


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyModelAdmin):
    list_display = ("code", "person", "topic", "issued_at", "revoked_at")
    list_filter = ("topic", ("revoked_at", admin.EmptyFieldListFilter))
    list_select_related = ("person", "topic")
    search_fields = ("code",)
