from django import forms
from django.utils.translation import gettext_lazy as _

from binhdan.scamcheck.checker import MAX_CHARS


class ScamCheckForm(forms.Form):
    text = forms.CharField(
        label=_("Dán tin nhắn, đường link hoặc số điện thoại cần kiểm tra"),
        max_length=MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 6, "autocomplete": "off"}),
        error_messages={
            "required": _("Hãy dán nội dung tin nhắn cần kiểm tra."),
            "max_length": _("Nội dung quá dài: tối đa %(limit_value)s ký tự."),
        },
    )
