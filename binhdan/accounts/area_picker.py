"""One search-as-you-type area picker (commune, then village) for every public form.

It lives in accounts because what a picker offers depends on the user's scope; its
endpoint is ``web.areas.picker_views``.

A ``PickerSource`` says what may be picked, and by whom. The same source gives the picker
endpoint its results and the form its queryset, so a code the picker would not offer is
refused when the form is sent:

- ``xa``: every commune of the country (the scam report form);
- ``xa-hoc`` and ``thon-hoc``: the communes, then the villages of one commune, where the
  user may register a learner (everywhere for a citizen, the helper's own scope in
  assisted mode).

The picker's inputs for a form field ``F`` are ``F`` (the radio of the chosen area),
``F_q`` (what is typed) and ``F_tinh`` (the province searched, communes only). Without
JavaScript the form is sent with the ``PICK_ACTION`` button (or with a query typed and
nothing chosen) and the view renders the page again with the matching areas as radios.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from binhdan.accounts.errors import AccountErrors
from binhdan.accounts.models import User
from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import scope_q, user_can_anywhere
from binhdan.areas import paths
from binhdan.areas.models import Area
from binhdan.core.text import fold

RESULT_LIMIT = 20
QUERY_MAX_CHARS = 100
ALL_PROVINCES = ""  # the province choice that searches the whole country
PICK_ACTION = "_picker"  # the no-JavaScript "Tìm" button: render the form again, send nothing
# Words an area's name starts with, folded: "Xã Đông Hưng" is an exact match for "dong hung".
KIND_WORDS = (
    "xa", "phuong", "dac khu", "thi tran", "thon", "to dan pho", "to", "khu pho", "khu",
    "ap", "ban", "buon", "bon", "lang", "xom", "khom", "soc", "pum", "plei",
)  # fmt: skip
_PROVINCE_WORD = {"tỉnh": "Tỉnh", "thành phố": "Thành phố", "thành phố trung ương": "Thành phố"}


def learner_villages(*, user: User) -> QuerySet[Area]:
    """Villages where ``user`` may register a learner: all of them for a citizen (and for
    staff who do not register people), the helper's scope in assisted mode."""
    villages = Area.objects.filter(level=Area.Level.VILLAGE)
    if user_can_anywhere(user=user, action=Action.PERSON_CREATE):
        villages = villages.filter(scope_q(user=user, action=Action.PERSON_CREATE))
    return villages


def learner_communes(*, user: User) -> QuerySet[Area]:
    return Area.objects.filter(
        level=Area.Level.COMMUNE, pk__in=learner_villages(user=user).values("parent_id")
    )


def all_communes(*, user: User) -> QuerySet[Area]:
    return Area.objects.filter(level=Area.Level.COMMUNE)


@dataclass(frozen=True)
class PickerSource:
    key: str
    level: str
    allowed: Callable[..., QuerySet[Area]]
    label: str  # the field's label when the endpoint renders a whole picker
    by_parent: bool = False  # villages: picked within one commune, given as ``parent``

    def choices(self, *, user: User, parent_code: str = "") -> QuerySet[Area]:
        """What this picker may offer ``user`` (within ``parent_code`` for villages): the
        endpoint searches it and the form validates against it."""
        areas = self.allowed(user=user)
        if self.by_parent:
            areas = areas.filter(parent__code=parent_code) if parent_code else areas.none()
        return areas

    @property
    def noun(self) -> str:
        return _("xã/phường") if self.level == Area.Level.COMMUNE else _("thôn/tổ dân phố")


COMMUNES = PickerSource("xa", Area.Level.COMMUNE, all_communes, gettext_lazy("Xã, phường"))
LEARNER_COMMUNES = PickerSource(
    "xa-hoc", Area.Level.COMMUNE, learner_communes, gettext_lazy("Xã, phường nơi bạn ở")
)
LEARNER_VILLAGES = PickerSource(
    "thon-hoc",
    Area.Level.VILLAGE,
    learner_villages,
    gettext_lazy("Thôn, tổ dân phố"),
    by_parent=True,
)
SOURCES = {source.key: source for source in (COMMUNES, LEARNER_COMMUNES, LEARNER_VILLAGES)}


def picker_source(key: str) -> PickerSource:
    if key not in SOURCES:
        raise AccountErrors.NOT_FOUND.error()
    return SOURCES[key]


def site_province_code() -> str:
    return settings.BINHDAN_PROVINCE_CODE


def province_label(province: Area) -> str:
    """ "Tỉnh Hưng Yên", "Thành phố Hà Nội" (already in the official name)."""
    word = _PROVINCE_WORD.get(province.kind.lower(), "")
    if not word or fold(province.name).startswith(fold(word)):
        return province.name
    return f"{word} {province.name}"


def area_label(area: Area) -> str:
    """ "Xã Đông Hưng · Tỉnh Hưng Yên", "Thôn Đông · Xã Đông Hưng": needs ``parent`` loaded."""
    parent = area.parent
    if parent is None:
        return province_label(area)
    shown = province_label(parent) if parent.level == Area.Level.PROVINCE else parent.name
    return f"{area.name} · {shown}"


def area_search(
    *, areas: QuerySet[Area], query: str, limit: int = RESULT_LIMIT
) -> tuple[list[Area], int]:
    """The areas whose name holds every word of ``query``, with or without diacritics:
    exact names first ("dong hung" finds "Xã Đông Hưng" before "Xã Bắc Đông Hưng"), then
    names starting with it, then the rest, by name. Returns ``(first limit, total)``.
    An empty query lists the first areas by name."""
    folded = fold(query[:QUERY_MAX_CHARS])
    for word in folded.split():
        areas = areas.filter(name_folded__contains=word)
    total = areas.count()
    if folded:
        exact = [folded, *(f"{word} {folded}" for word in KIND_WORDS)]
        starts = Q(name_folded__startswith=folded) | Q(name_folded__contains=f" {folded}")
        rank = Case(
            When(name_folded__in=exact, then=Value(0)),
            When(starts, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
    else:
        rank = Value(0, output_field=IntegerField())
    found = (
        areas.select_related("parent")
        .annotate(rank=rank)
        .order_by("rank", "name_folded", "code")[:limit]
    )
    return list(found), total


@dataclass
class Option:
    code: str
    label: str
    checked: bool = False


@dataclass
class PickerState:
    """What one picker shows: the page renders it with ``areas/_picker.html``."""

    source: PickerSource
    field: str
    label: str
    query: str = ""
    province: str = ALL_PROVINCES
    provinces: list[Option] = field(default_factory=list)
    parent: Area | None = None
    selected: Area | None = None
    options: list[Option] = field(default_factory=list)
    total: int = 0
    limit: int = RESULT_LIMIT
    errors: list[str] = field(default_factory=list)
    help_text: str = ""
    then_url: str = ""  # the picker shown after a choice (village after commune)
    then_field: str = ""
    then_label: str = ""
    optional: bool = False  # the field may stay empty: a radio chooses no area
    prompt: bool = False  # a query was typed and nothing chosen yet
    listed: bool = False  # few enough choices: all shown before anything is typed

    @property
    def url(self) -> str:
        return reverse("areas:picker", args=[self.source.key])

    def label_of(self, area: Area) -> str:
        """Within one commune a village's name is enough; elsewhere "Xã X · Tỉnh Y"."""
        return area.name if self.source.by_parent else area_label(area)

    @property
    def searched(self) -> bool:
        return bool(self.query) or self.source.by_parent or self.listed

    @property
    def status(self) -> str:
        """The results count, read out by screen readers (``aria-live``)."""
        noun = self.source.noun
        if not self.searched:
            return _("Gõ tên %(noun)s để tìm, có dấu hay không dấu đều được.") % {"noun": noun}
        if not self.total:
            if self.query:
                return _("Không tìm thấy %(noun)s nào có tên “%(q)s”.") % {
                    "noun": noun,
                    "q": self.query,
                }
            return _("Chưa có %(noun)s nào ở đây.") % {"noun": noun}
        if self.total > self.limit:
            text = _("Có %(n)s %(noun)s, hiện %(limit)s kết quả đầu: gõ thêm để thu hẹp.") % {
                "n": self.total,
                "noun": noun,
                "limit": self.limit,
            }
        else:
            text = _("Tìm thấy %(n)s %(noun)s.") % {"n": self.total, "noun": noun}
        if self.prompt:
            text += " " + _("Hãy chọn một %(noun)s trong danh sách.") % {"noun": noun}
        return text


def _provinces(*, areas: QuerySet[Area]) -> list[Option]:
    provinces = Area.objects.filter(
        level=Area.Level.PROVINCE, pk__in=areas.values("parent_id")
    ).order_by("name_folded")
    return [Option(code=p.code, label=province_label(p)) for p in provinces]


def picker_state(
    *,
    source: PickerSource,
    user: User,
    field: str,
    data: Mapping[str, str],
    label: str = "",
    parent: Area | None = None,
    selected: str = "",
    optional: bool = False,
) -> PickerState:
    """The picker for form field ``field`` as the request ``data`` left it: what was typed,
    the province searched (the site's by default), the chosen area (``data[field]``, else
    ``selected``), and up to ``RESULT_LIMIT`` matches."""
    parent_code = parent.code if parent is not None else ""
    areas = source.choices(user=user, parent_code=parent_code)
    state = PickerState(
        source=source,
        field=field,
        label=label or str(source.label),
        parent=parent,
        optional=optional,
    )
    state.query = (data.get(f"{field}_q") or "").strip()[:QUERY_MAX_CHARS]
    code = data.get(field) or selected
    if code:
        state.selected = areas.select_related("parent").filter(code=code).first()
    if source.level == Area.Level.COMMUNE:
        state.provinces = _provinces(areas=areas)
        codes = {option.code for option in state.provinces}
        wanted = data.get(f"{field}_tinh")
        if wanted is None:
            wanted = site_province_code()
        state.province = wanted if wanted in codes and len(codes) > 1 else ALL_PROVINCES
        for option in state.provinces:
            option.checked = option.code == state.province
        if state.province:
            areas = areas.filter(paths.within_q([paths.child_path("", state.province)]))
    if not state.searched and areas.count() <= state.limit:
        state.listed = True  # few enough to show them all before anything is typed
    if state.searched:
        found, state.total = area_search(areas=areas, query=state.query, limit=state.limit)
        state.options = [Option(code=a.code, label=state.label_of(a)) for a in found]
    chosen = state.selected
    if chosen is not None:
        for option in state.options:
            option.checked = option.code == chosen.code
        if not any(option.checked for option in state.options):
            shown = Option(code=chosen.code, label=state.label_of(chosen), checked=True)
            state.options.insert(0, shown)
    state.prompt = bool(state.query) and chosen is None and bool(state.options)
    return state


def search_requested(data: Mapping[str, str], fields: tuple[str, ...]) -> bool:
    """Whether a sent form asks for the picker's results rather than to be recorded: the
    no-JavaScript "Tìm" button, or a query typed in a picker and no area chosen."""
    if PICK_ACTION in data:
        return True
    return any((data.get(f"{name}_q") or "").strip() and name not in data for name in fields)
