"""Topics (chuyên đề), their lessons and their quiz.

The starter curriculum lives in ``content/`` and is loaded by ``binhdan load_curriculum``;
instructors edit it further in the web UI. Lesson bodies are Markdown, rendered and
sanitised on display (see ``rendering.py``), never trusted as HTML.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TopicStatus(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    PUBLISHED = "published", _("Đã xuất bản")


class TopicQuerySet(models.QuerySet):
    def public(self, *, on=None):
        """Published topics whose publication window contains ``on`` (today by default)."""
        day = on or timezone.localdate()
        return self.filter(
            Q(publish_from__isnull=True) | Q(publish_from__lte=day),
            Q(publish_until__isnull=True) | Q(publish_until__gte=day),
            status=TopicStatus.PUBLISHED,
        )


class Topic(models.Model):
    """A chuyên đề: a theme taught online or in class, made of lessons and one quiz."""

    slug = models.SlugField(_("đường dẫn"), max_length=80, unique=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    title = models.CharField(_("tên chuyên đề"), max_length=200)
    summary = models.TextField(_("tóm tắt"), max_length=1000)
    audience = models.CharField(_("dành cho"), max_length=300, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=TopicStatus.choices, default=TopicStatus.DRAFT
    )
    publish_from = models.DateField(_("xuất bản từ ngày"), null=True, blank=True)
    publish_until = models.DateField(_("đến ngày"), null=True, blank=True)
    # SHA-256 of the content file this row was last loaded from ("" when authored in the
    # web UI): the loader leaves a row alone while its file is unchanged, so web edits
    # survive a restart that reloads content/.
    source_hash = models.CharField(max_length=64, blank=True, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TopicQuerySet.as_manager()

    class Meta:
        verbose_name = _("chuyên đề")
        verbose_name_plural = _("chuyên đề")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=TopicStatus.values), name="topic_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(publish_from__isnull=True)
                | Q(publish_until__isnull=True)
                | Q(publish_until__gte=F("publish_from")),
                name="topic_publish_window_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Lesson(models.Model):
    """One lesson of a topic. ``body`` is Markdown; each ``## `` heading starts a screen."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="lessons")
    slug = models.SlugField(_("đường dẫn"), max_length=80)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    title = models.CharField(_("tên bài"), max_length=200)
    summary = models.CharField(_("tóm tắt"), max_length=500, blank=True)
    body = models.TextField(_("nội dung (Markdown)"), max_length=50_000)
    minutes = models.PositiveSmallIntegerField(_("thời lượng (phút)"), default=5)
    video_url = models.URLField(_("video (đường link)"), blank=True)
    source_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("bài học")
        verbose_name_plural = _("bài học")
        ordering = ["topic", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["topic", "slug"], name="lesson_slug_unique_in_topic"),
        ]

    def __str__(self) -> str:
        return self.title


class Quiz(models.Model):
    """The quiz that ends a topic; passing it earns a certificate."""

    topic = models.OneToOneField(Topic, on_delete=models.CASCADE, related_name="quiz")
    title = models.CharField(_("tên bài kiểm tra"), max_length=200)
    pass_percent = models.PositiveSmallIntegerField(_("điểm đạt (%)"), default=70)

    class Meta:
        verbose_name = _("bài kiểm tra")
        verbose_name_plural = _("bài kiểm tra")
        constraints = [
            models.CheckConstraint(
                condition=Q(pass_percent__gte=1) & Q(pass_percent__lte=100),
                name="quiz_pass_percent_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    """A single-answer question. ``key`` is stable across content reloads."""

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(max_length=80)
    order = models.PositiveSmallIntegerField(default=0)
    text = models.TextField(_("câu hỏi"), max_length=1000)
    explanation = models.TextField(_("giải thích"), max_length=2000, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["quiz", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["quiz", "key"], name="question_key_unique_in_quiz"),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    order = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(_("phương án"), max_length=500)
    is_correct = models.BooleanField(default=False)

    class Meta:
        ordering = ["question", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["question", "order"], name="choice_order_unique_in_question"
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class LessonAttachment(models.Model):
    """A file given with a lesson (a PDF leaflet, a screenshot), checked on upload.

    The file lives under ``UPLOAD_DIR/lesson-files/<stored_name>``, outside the static and
    media folders, and is served by a view that checks the topic is public.
    """

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("tên tài liệu"), max_length=200)
    original_name = models.CharField(max_length=255)
    stored_name = models.CharField(max_length=80, unique=True, editable=False)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tài liệu kèm theo")
        verbose_name_plural = _("tài liệu kèm theo")
        ordering = ["lesson", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(size__gt=0), name="attachment_size_positive"),
        ]

    def __str__(self) -> str:
        return self.title
