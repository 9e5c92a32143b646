"""Forms of the planning pages: they parse and show errors; the services decide."""

from django import forms
from django.db.models import Case, F, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _

from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import scope_q
from binhdan.areas.models import Area
from binhdan.classes.models import SessionKind
from binhdan.classes.planning.points import PointData
from binhdan.classes.planning.selectors import instructor_candidates, operator_candidates
from binhdan.classes.planning.services import SessionData
from binhdan.curriculum.models import Topic

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Area) -> str:
        if obj.level == Area.Level.VILLAGE:
            return f"— {obj.name}"
        return obj.name


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.display_name


class UsersChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.display_name} ({obj.username})"


def session_area_choices(user):
    """Areas where the user may organise: provinces and communes in scope, plus villages
    when the scope is a few communes (a commune officer's list stays short). Sorted as a
    person looks for them: provinces, then communes by name without diacritics, each
    commune's villages right after it."""
    in_scope = Area.objects.filter(scope_q(user=user, action=Action.SESSION_MANAGE))
    upper = in_scope.filter(level__in=[Area.Level.PROVINCE, Area.Level.COMMUNE])
    if upper.filter(level=Area.Level.PROVINCE).exists() or upper.count() > 3:
        in_scope = upper
    village = When(level=Area.Level.VILLAGE, then=F("parent__name_folded"))
    return in_scope.select_related("parent").order_by(
        Case(When(level=Area.Level.PROVINCE, then=Value(0)), default=Value(1)),
        Case(village, default=F("name_folded")),
        Case(When(level=Area.Level.VILLAGE, then=F("parent__path")), default=F("path")),
        Case(
            When(level=Area.Level.VILLAGE, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        ),
        "name_folded",
    )


class SessionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Hình thức"), choices=SessionKind.choices, widget=forms.RadioSelect
    )
    title = forms.CharField(label=_("Tên buổi học"), max_length=200)
    topics = forms.ModelMultipleChoiceField(
        label=_("Chuyên đề"),
        queryset=Topic.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    area = AreaChoiceField(
        label=_("Đơn vị tổ chức"),
        queryset=Area.objects.none(),
        # static/classes/select_filter.js adds a search box (without diacritics) above it.
        widget=forms.Select(attrs={"data-filter": _("Tìm theo tên (có dấu hoặc không dấu)")}),
        help_text=_(
            "Lớp trực tuyến: tỉnh hoặc xã/phường (mọi điểm cầu của địa bàn được thêm sẵn). "
            "Lớp trực tiếp: xã/phường hoặc thôn."
        ),
    )
    starts_at = forms.DateTimeField(
        label=_("Bắt đầu"), input_formats=DATETIME_FORMATS, widget=DateTimeLocalInput()
    )
    ends_at = forms.DateTimeField(
        label=_("Kết thúc"), input_formats=DATETIME_FORMATS, widget=DateTimeLocalInput()
    )
    venue = forms.CharField(label=_("Địa điểm (lớp trực tiếp)"), max_length=300, required=False)
    stream_url = forms.URLField(
        label=_("Đường link phát trực tuyến (lớp trực tuyến)"),
        required=False,
        assume_scheme="https",
        help_text=_("Link của nền tảng video đang dùng (YouTube, Facebook, Zoom…)."),
    )
    instructor = UserChoiceField(
        label=_("Giảng viên"), queryset=instructor_candidates(), required=False
    )
    audience = forms.CharField(label=_("Đối tượng"), max_length=300, required=False)
    description = forms.CharField(
        label=_("Ghi chú"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = session_area_choices(user)
        self.fields["topics"].queryset = Topic.objects.order_by("order", "pk")
        self.fields["instructor"].queryset = instructor_candidates()

    def session_data(self) -> SessionData:
        data = self.cleaned_data
        return SessionData(
            kind=data["kind"],
            title=data["title"],
            area=data["area"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            topics=list(data["topics"]),
            venue=data["venue"],
            stream_url=data["stream_url"],
            instructor=data["instructor"],
            audience=data["audience"],
            description=data["description"],
        )

    @staticmethod
    def initial_from(session) -> dict:
        from django.utils import timezone

        return {
            "kind": session.kind,
            "title": session.title,
            "topics": list(session.topics.all()),
            "area": session.area,
            "starts_at": timezone.localtime(session.starts_at),
            "ends_at": timezone.localtime(session.ends_at),
            "venue": session.venue,
            "stream_url": session.stream_url,
            "instructor": session.instructor,
            "audience": session.audience,
            "description": session.description,
        }


class PointForm(forms.Form):
    village = AreaChoiceField(label=_("Thôn/tổ dân phố"), queryset=Area.objects.none())
    name = forms.CharField(
        label=_("Tên điểm cầu"),
        max_length=200,
        help_text=_("Ví dụ: Nhà văn hóa thôn Đông."),
    )
    address = forms.CharField(label=_("Địa chỉ"), max_length=300, required=False)
    capacity = forms.IntegerField(
        label=_("Sức chứa (người)"), min_value=1, max_value=100_000, required=False
    )
    has_screen = forms.BooleanField(label=_("Có màn hình/TV"), required=False)
    has_sound = forms.BooleanField(label=_("Có loa/âm thanh"), required=False)
    has_connection = forms.BooleanField(label=_("Có kết nối Internet"), required=False)
    operators = UsersChoiceField(
        label=_("Người vận hành"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tài khoản có vai trò người vận hành điểm cầu trong xã/phường."),
    )
    is_active = forms.BooleanField(label=_("Đang hoạt động"), required=False, initial=True)

    def __init__(self, *args, commune: Area, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = Area.objects.filter(
            parent=commune, level=Area.Level.VILLAGE
        ).order_by("path")
        self.fields["operators"].queryset = operator_candidates(area=commune).order_by(
            "full_name", "username"
        )

    def point_data(self) -> PointData:
        data = self.cleaned_data
        return PointData(
            village=data["village"],
            name=data["name"],
            address=data["address"],
            capacity=data["capacity"],
            has_screen=data["has_screen"],
            has_sound=data["has_sound"],
            has_connection=data["has_connection"],
            operators=list(data["operators"]),
            is_active=data["is_active"],
        )

    @staticmethod
    def initial_from(point) -> dict:
        return {
            "village": point.village,
            "name": point.name,
            "address": point.address,
            "capacity": point.capacity,
            "has_screen": point.has_screen,
            "has_sound": point.has_sound,
            "has_connection": point.has_connection,
            "operators": list(point.operators.all()),
            "is_active": point.is_active,
        }


class PointChoiceForm(forms.Form):
    """The point chooser of a session: which shown points are ticked, and what to do."""

    ACTIONS = ("save", "all", "none")

    action = forms.ChoiceField(choices=[(a, a) for a in ACTIONS])
    shown = forms.TypedMultipleChoiceField(coerce=int, required=False)
    point = forms.TypedMultipleChoiceField(coerce=int, required=False)

    def __init__(self, *args, point_ids, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(pk), str(pk)) for pk in point_ids]
        self.fields["shown"].choices = choices
        self.fields["point"].choices = choices
