from django import forms
from django.utils.translation import gettext_lazy as _

from binhdan.people.models import HouseholdStatus

PHONE_MAX_LENGTH = 30


def phone_field(*, label=None, autocomplete: str = "off") -> forms.CharField:
    """An optional phone box that opens the phone keypad; ``autocomplete="tel"`` where the
    phone is the user's own (self check-in, a learner), ``"off"`` where staff type others'."""
    return forms.CharField(
        label=label or _("Số điện thoại"),
        required=False,
        max_length=PHONE_MAX_LENGTH,
        widget=forms.TextInput(
            attrs={"type": "tel", "autocomplete": autocomplete, "inputmode": "tel"}
        ),
    )


class PersonForm(forms.Form):
    """Only parses input; every rule lives in services.person_register."""

    full_name = forms.CharField(label=_("Họ và tên"), max_length=200)
    birth_year = forms.IntegerField(label=_("Năm sinh"), required=False, min_value=1900)
    village = forms.ChoiceField(label=_("Thôn, tổ dân phố"))
    phone = phone_field()
    cccd = forms.CharField(
        label=_("Số CCCD (không bắt buộc)"),
        required=False,
        max_length=20,
        help_text=_(
            "Hệ thống không lưu số CCCD: chỉ lưu một mã được mã hóa một chiều để nhận ra "
            "người đã gặp, và 4 số cuối để đối chiếu."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    has_disability = forms.BooleanField(label=_("Người khuyết tật"), required=False)
    household_status = forms.ChoiceField(
        label=_("Hộ nghèo / cận nghèo"), choices=HouseholdStatus.choices, required=False
    )
    sensitive_consent = forms.BooleanField(
        label=_("Người dân đồng ý cho ghi nhận thông tin khuyết tật, hộ nghèo/cận nghèo"),
        required=False,
    )
    client_uuid = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, villages, show_sensitive: bool, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:  # the CCCD is never stored, so there is nothing to show or change
            del self.fields["cccd"]
            del self.fields["client_uuid"]
        self.fields["village"].choices = [("", _("— Chọn thôn —"))] + [
            (v.code, f"{v.name} · {v.parent.name}") for v in villages
        ]
        if not show_sensitive:
            for name in ("has_disability", "household_status", "sensitive_consent"):
                del self.fields[name]
