"""Curriculum in the admin.

Topics and lessons are written by the authoring services (``/soan-bai/``: ``topic_create``,
``topic_update``, ``lesson_create``, ``lesson_update``, ``lesson_move``, ``lesson_delete``)
and by the ``content/`` loader, so here they are view only, except a topic's ``order``:
no service changes it after creation, so the admin stays the place to reorder topics.
Quizzes have no service (they are edited in ``content/``) and are left as they were.
"""

from django.contrib import admin

from binhdan.core.admin import ReadOnlyModelAdmin, ReadOnlyTabularInline
from binhdan.curriculum.models import Choice, Lesson, LessonAttachment, Question, Quiz, Topic


class LessonInline(ReadOnlyTabularInline):
    model = Lesson
    fields = ("order", "slug", "title", "minutes")
    readonly_fields = fields


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
    fields = (
        "order",
        "slug",
        "title",
        "summary",
        "audience",
        "status",
        "publish_from",
        "publish_until",
        "source_hash",
        "updated_by",
        "created_at",
        "updated_at",
    )
    readonly_fields = fields[1:]  # everything but the order: the authoring page edits them
    inlines = [LessonInline]

    def has_add_permission(self, request) -> bool:
        return False  # topic_create, on the authoring page

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # lessons, quizzes, attempts and certificates hang on a topic


class AttachmentInline(ReadOnlyTabularInline):
    """Read-only here: uploads go through the authoring page, which checks the file."""

    model = LessonAttachment
    fields = ("title", "original_name", "content_type", "size", "created_at")
    readonly_fields = fields
    show_change_link = False


@admin.register(Lesson)
class LessonAdmin(ReadOnlyModelAdmin):
    list_display = ("title", "topic", "order", "minutes", "updated_at")
    list_filter = ("topic",)
    list_select_related = ("topic",)
    search_fields = ("title", "slug", "body")
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
