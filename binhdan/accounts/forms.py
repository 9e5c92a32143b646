from django import forms
from django.utils.translation import gettext_lazy as _


class TokenIssueForm(forms.Form):
    name = forms.CharField(
        label=_("Tên mã (để nhận ra sau này)"),
        max_length=100,
        help_text=_("Ví dụ: Điện thoại điểm cầu thôn Đông, hoặc Máy tính bảng của đội."),
    )
    user = forms.ModelChoiceField(label=_("Mã dùng cho tài khoản"), queryset=None, empty_label=None)

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users
