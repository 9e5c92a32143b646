from django import forms
from django.utils.translation import gettext_lazy as _


class TokenIssueForm(forms.Form):
    """The name of a new token: a personal one (always for oneself) or a point's device one."""

    name = forms.CharField(
        label=_("Tên mã (để nhận ra sau này)"),
        max_length=100,
        help_text=_("Ví dụ: Điện thoại điểm cầu thôn Đông, hoặc Máy tính bảng của đội."),
    )
