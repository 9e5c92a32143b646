from django import forms
from django.utils.translation import gettext_lazy as _

from binhdan.learning.models import RevokeReason


class IdentifyForm(forms.Form):
    """Who is learning. Only parses input; the rules live in services.learner_identify."""

    full_name = forms.CharField(
        label=_("Họ và tên"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    birth_year = forms.IntegerField(
        label=_("Năm sinh"),
        min_value=1900,
        max_value=2100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "placeholder": "1965"}),
    )
    phone = forms.CharField(
        label=_("Số điện thoại (nếu có)"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    cccd = forms.CharField(
        label=_("Số CCCD (không bắt buộc)"),
        required=False,
        max_length=20,
        help_text=_("Hệ thống không lưu số CCCD: chỉ lưu một mã băm để nhận ra bạn lần sau."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    commune = forms.CharField(widget=forms.HiddenInput, required=False)
    village = forms.ChoiceField(label=_("Thôn, tổ dân phố"))
    client_uuid = forms.UUIDField(widget=forms.HiddenInput, required=False)
    next = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, villages, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(v.code, v.name) for v in villages]
        empty = _("— Chọn thôn —") if choices else _("— Chọn xã/phường ở trên trước —")
        self.fields["village"].choices = [("", empty), *choices]
        self.fields["village"].widget.attrs["id"] = "id_village"


class RevokeForm(forms.Form):
    """Only parses input; the rules live in services.certificate_revoke."""

    reason = forms.ChoiceField(
        label=_("Lý do thu hồi (hiện trên trang kiểm tra công khai)"),
        choices=[("", "—"), *RevokeReason.choices],
    )
    note = forms.CharField(
        label=_("Ghi chú nội bộ (chỉ cán bộ xem được)"), max_length=300, required=False
    )
