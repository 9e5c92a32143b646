from django import forms
from django.utils.translation import gettext_lazy as _

from binhdan.curriculum.models import Lesson, Topic, TopicStatus


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TopicForm(forms.Form):
    """Only parses input; the rules live in services.topic_create/topic_update."""

    title = forms.CharField(label=_("Tên chuyên đề"), max_length=200)
    summary = forms.CharField(
        label=_("Tóm tắt"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    audience = forms.CharField(label=_("Dành cho"), max_length=300, required=False)
    status = forms.ChoiceField(label=_("Trạng thái"), choices=TopicStatus.choices)
    publish_from = forms.DateField(
        label=_("Xuất bản từ ngày"),
        required=False,
        widget=DateInput(),
        help_text=_("Để trống: xuất bản ngay khi chọn trạng thái “Đã xuất bản”."),
    )
    publish_until = forms.DateField(
        label=_("Đến ngày"),
        required=False,
        widget=DateInput(),
        help_text=_("Để trống: không hạn."),
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("publish_from"), data.get("publish_until")
        if start and end and end < start:
            self.add_error(
                "publish_until", _("Ngày kết thúc phải cùng ngày hoặc sau ngày bắt đầu.")
            )
        return data

    @staticmethod
    def initial_for(topic: Topic) -> dict:
        return {
            name: getattr(topic, name)
            for name in ("title", "summary", "audience", "status", "publish_from", "publish_until")
        }


class LessonForm(forms.Form):
    title = forms.CharField(label=_("Tên bài"), max_length=200)
    summary = forms.CharField(label=_("Tóm tắt"), max_length=500, required=False)
    minutes = forms.IntegerField(
        label=_("Thời lượng (phút)"), min_value=1, max_value=240, initial=5
    )
    video_url = forms.URLField(
        label=_("Video (đường link https://)"),
        required=False,
        assume_scheme="https",
        help_text=_("Chỉ dùng video chính thức; để trống nếu không có."),
    )
    body = forms.CharField(
        label=_("Nội dung (Markdown)"),
        max_length=50_000,
        strip=False,
        widget=forms.Textarea(attrs={"class": "markdown", "rows": 20}),
        help_text=_(
            "Mỗi dòng bắt đầu bằng “## ” mở một màn mới (một ý một màn). Dùng **đậm**, "
            "*nghiêng*, danh sách “- ” hoặc “1. ”, và đường link [chữ](https://…). "
            "Không dùng HTML."
        ),
    )

    @staticmethod
    def initial_for(lesson: Lesson) -> dict:
        return {
            name: getattr(lesson, name)
            for name in ("title", "summary", "minutes", "video_url", "body")
        }


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Tên tài liệu"), max_length=200, required=False)
    file = forms.FileField(
        label=_("Tệp (PDF, PNG, JPEG, WebP; tối đa 5 MB)"),
        widget=forms.ClearableFileInput(
            attrs={"accept": "application/pdf,image/png,image/jpeg,image/webp"}
        ),
    )
