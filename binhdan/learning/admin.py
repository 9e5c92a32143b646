from django.contrib import admin

from binhdan.learning.models import AttemptAnswer, Certificate, LessonProgress, QuizAttempt


@admin.register(LessonProgress)
class LessonProgressAdmin(admin.ModelAdmin):
    list_display = ("person", "lesson", "completed_at")
    list_select_related = ("person", "lesson")
    raw_id_fields = ("person", "lesson")
    date_hierarchy = "completed_at"


class AttemptAnswerInline(admin.TabularInline):
    model = AttemptAnswer
    extra = 0
    raw_id_fields = ("question", "choice")
    readonly_fields = ("is_correct", "answered_at")


@admin.register(QuizAttempt)
class QuizAttemptAdmin(admin.ModelAdmin):
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
    raw_id_fields = ("person", "assisted_by")
    readonly_fields = ("area_path", "client_uuid", "started_at")
    inlines = [AttemptAnswerInline]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ("code", "person", "topic", "issued_at", "revoked_at")
    list_filter = ("topic", ("revoked_at", admin.EmptyFieldListFilter))
    list_select_related = ("person", "topic")
    search_fields = ("code",)
    raw_id_fields = ("person", "attempt", "revoked_by")
    readonly_fields = ("code", "area_path", "issued_at")
