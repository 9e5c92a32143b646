"""Forms only parse input; every rule lives in volunteers.services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from binhdan.areas.models import Area
from binhdan.people.forms import phone_field
from binhdan.volunteers.models import Team, Volunteer


def _villages_of(commune: Area):
    return Area.objects.filter(parent=commune, level=Area.Level.VILLAGE).order_by("name")


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Tên đội hình"), max_length=200)
    villages = forms.ModelMultipleChoiceField(
        label=_("Thôn, tổ dân phố phụ trách"),
        queryset=Area.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    is_active = forms.BooleanField(label=_("Đang hoạt động"), required=False)

    def __init__(self, *args, commune: Area, can_deactivate: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["villages"].queryset = _villages_of(commune)
        if not can_deactivate:
            del self.fields["is_active"]

    @staticmethod
    def initial_from(team: Team) -> dict:
        return {
            "name": team.name,
            "villages": list(team.villages.all()),
            "is_active": team.is_active,
        }


class MemberForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=200)
    birth_year = forms.IntegerField(label=_("Năm sinh"), required=False, min_value=1900)
    phone = phone_field()
    village = forms.ModelChoiceField(
        label=_("Thôn, tổ dân phố"), queryset=Area.objects.none(), required=False
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)

    def __init__(self, *args, commune: Area, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = _villages_of(commune)

    @staticmethod
    def initial_from(member: Volunteer) -> dict:
        return {
            "full_name": member.full_name,
            "birth_year": member.birth_year,
            "phone": member.phone,
            "village": member.village,
            "note": member.note,
        }


class MoveForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Chuyển sang đội hình"), queryset=Team.objects.none())

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams


class LeaderForm(forms.Form):
    leader = forms.ModelChoiceField(
        label=_("Đội trưởng"), queryset=Volunteer.objects.none(), required=False
    )

    def __init__(self, *args, team: Team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = team.members.filter(is_active=True).order_by("name_folded")


class TeamFilterForm(forms.Form):
    q = forms.CharField(label=_("Tên đội hình"), required=False, max_length=100)
    xa = forms.ChoiceField(label=_("Xã/phường"), required=False)
    trang_thai = forms.ChoiceField(
        label=_("Trạng thái"),
        required=False,
        choices=[("", _("Tất cả")), ("1", _("Đang hoạt động")), ("0", _("Ngừng hoạt động"))],
    )

    def __init__(self, *args, communes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["xa"].choices = [("", _("Tất cả"))] + [(c.code, c.name) for c in communes]
