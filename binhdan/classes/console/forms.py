"""Forms of the operator console and of the citizens' self check-in.

They only parse input; every rule lives in ``binhdan.classes.checkin.services``. The console's
JavaScript sends the same fields to the API; these forms are the no-JavaScript path.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binhdan.classes.models import CheckInMethod
from binhdan.people.forms import phone_field

CONSOLE_METHODS = [
    (CheckInMethod.QR_CARD.value, _("Quét thẻ QR")),
    (CheckInMethod.PHONE.value, _("Số điện thoại")),
    (CheckInMethod.CCCD.value, _("Số CCCD")),
    (CheckInMethod.NAME.value, _("Họ tên, năm sinh")),
]

_NUMERIC = {"autocomplete": "off", "inputmode": "numeric"}


def _village_choices(villages: list[dict]) -> list[tuple[str, str]]:
    return [(v["code"], v["name"]) for v in villages]


def _birth_year_field(*, required: bool) -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Năm sinh"),
        required=required,
        min_value=1900,
        max_value=timezone.now().year,
        widget=forms.NumberInput(attrs=_NUMERIC),
    )


class CheckInForm(forms.Form):
    """One check-in at a point: the method chosen decides which fields are read."""

    method = forms.ChoiceField(
        label=_("Cách điểm danh"),
        choices=CONSOLE_METHODS,
        initial=CheckInMethod.PHONE.value,
        widget=forms.RadioSelect,
    )
    card = forms.CharField(
        label=_("Mã trên thẻ QR của người dân"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    phone = phone_field()
    cccd = forms.CharField(
        label=_("Số CCCD (12 số)"),
        required=False,
        max_length=20,
        help_text=_("Không lưu số CCCD, chỉ dùng để nhận ra người đã gặp."),
        widget=forms.TextInput(attrs=_NUMERIC),
    )
    full_name = forms.CharField(
        label=_("Họ và tên"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    birth_year = _birth_year_field(required=False)
    village = forms.ChoiceField(label=_("Thôn, tổ dân phố"), required=False)
    client_uuid = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, villages: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["birth_year"] = _birth_year_field(required=False)
        self.fields["village"].choices = _village_choices(villages)


class HeadcountForm(forms.Form):
    count = forms.IntegerField(
        label=_("Số người đang có mặt (đếm được)"),
        min_value=0,
        max_value=100_000,
        widget=forms.NumberInput(attrs=_NUMERIC),
    )
    client_uuid = forms.UUIDField(widget=forms.HiddenInput)


class SelfCheckInForm(forms.Form):
    full_name = forms.CharField(
        label=_("Họ và tên"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    birth_year = _birth_year_field(required=True)
    phone = phone_field(label=_("Số điện thoại (không bắt buộc)"), autocomplete="tel")
    village_code = forms.ChoiceField(label=_("Thôn, tổ dân phố nơi bạn ở"))
    client_uuid = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, villages: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["birth_year"] = _birth_year_field(required=True)
        self.fields["village_code"].choices = _village_choices(villages)
