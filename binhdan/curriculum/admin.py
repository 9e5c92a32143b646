from django.contrib import admin

from binhdan.curriculum.models import Choice, Lesson, LessonAttachment, Question, Quiz, Topic


class LessonInline(admin.TabularInline):
    model = Lesson
    fields = ("order", "slug", "title", "minutes")
    extra = 0
    show_change_link = True


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "slug",
        "order",
        "status",
        "publish_from",
        "publish_until",
        "updated_at",
    )
    list_filter = ("status",)
    search_fields = ("title", "slug")
    readonly_fields = ("source_hash", "updated_by", "created_at", "updated_at")
    inlines = [LessonInline]


class AttachmentInline(admin.TabularInline):
    """Read-only here: uploads go through the authoring page, which checks the file."""

    model = LessonAttachment
    fields = ("title", "original_name", "content_type", "size", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin):
    list_display = ("title", "topic", "order", "minutes", "updated_at")
    list_filter = ("topic",)
    search_fields = ("title", "slug", "body")
    readonly_fields = ("source_hash", "created_at", "updated_at")
    inlines = [AttachmentInline]


class QuestionInline(admin.TabularInline):
    model = Question
    fields = ("order", "key", "text", "is_active")
    extra = 0
    show_change_link = True


@admin.register(Quiz)
class QuizAdmin(admin.ModelAdmin):
    list_display = ("title", "topic", "pass_percent")
    inlines = [QuestionInline]


class ChoiceInline(admin.TabularInline):
    model = Choice
    fields = ("order", "text", "is_correct")
    extra = 0


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ("key", "text", "quiz", "order", "is_active")
    list_filter = ("quiz", "is_active")
    search_fields = ("key", "text")
    inlines = [ChoiceInline]
