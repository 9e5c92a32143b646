from django import forms
from django.utils.translation import gettext_lazy as _

from binhdan.areas.models import Area
from binhdan.learning.models import RevokeReason
from binhdan.people.forms import phone_field


class IdentifyForm(forms.Form):
    """Who is learning. Only parses input; the rules live in people.services.learner_recognise."""

    full_name = forms.CharField(
        label=_("Họ và tên"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    birth_year = forms.IntegerField(
        label=_("Năm sinh"),
        min_value=1900,
        max_value=2100,
        # A hint under the box, not a placeholder: a year in the box looked already filled in.
        help_text=_("Ví dụ: 1960"),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    phone = phone_field(label=_("Số điện thoại (nếu có)"), autocomplete="tel")
    cccd = forms.CharField(
        label=_("Số CCCD (không bắt buộc)"),
        required=False,
        max_length=20,
        help_text=_("Hệ thống không lưu số CCCD, chỉ dùng để nhận ra bạn lần sau."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    # Both shown by the area picker (areas/_picker.html), which offers only these choices.
    commune = forms.ModelChoiceField(
        label=_("Xã, phường nơi bạn ở"),
        queryset=Area.objects.none(),
        to_field_name="code",
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Hãy chọn xã/phường nơi bạn ở."),
            "invalid_choice": _("Không tìm thấy xã/phường này. Hãy chọn lại."),
        },
    )
    village = forms.ModelChoiceField(
        label=_("Thôn, tổ dân phố"),
        queryset=Area.objects.none(),
        to_field_name="code",
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Hãy chọn thôn/tổ dân phố."),
            "invalid_choice": _("Hãy chọn thôn/tổ dân phố của xã/phường đã chọn."),
        },
    )
    client_uuid = forms.UUIDField(widget=forms.HiddenInput, required=False)
    next = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, communes, villages, **kwargs):
        """``communes`` and ``villages`` (of the chosen commune): what the pickers offer."""
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes
        self.fields["village"].queryset = villages


class RevokeForm(forms.Form):
    """Only parses input; the rules live in services.certificate_revoke."""

    reason = forms.ChoiceField(
        label=_("Lý do thu hồi (hiện trên trang kiểm tra công khai)"),
        choices=[("", "—"), *RevokeReason.choices],
    )
    note = forms.CharField(
        label=_("Ghi chú nội bộ (chỉ cán bộ xem được)"), max_length=300, required=False
    )
