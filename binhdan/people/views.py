import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import areas_for_user, scope_q, user_can_anywhere
from binhdan.areas.models import Area
from binhdan.core.errors import DomainError
from binhdan.people import merging, selectors, services
from binhdan.people.errors import PeopleErrors
from binhdan.people.forms import PersonForm
from binhdan.people.identity import display_phone

VILLAGE_SELECT_MAX = 300  # above this, the list filters by commune instead of village


def _my_villages(user):
    """Villages where the user may see or register people, for the list's filter."""
    return (
        Area.objects.filter(level=Area.Level.VILLAGE)
        .filter(
            scope_q(user=user, action=Action.PERSON_VIEW)
            | scope_q(user=user, action=Action.PERSON_CREATE)
        )
        .select_related("parent")
        .order_by("parent__name_folded", "name_folded")
    )


@login_required
def person_list(request):
    query = request.GET.get("q", "")
    village_code = request.GET.get("thon", "")
    commune_code = request.GET.get("xa", "")
    chosen = request.GET.getlist("nhom")
    villages = _my_villages(request.user)
    village_count = villages.count()
    people = selectors.people_for_user(
        user=request.user, query=query, village_code=village_code, filters=chosen
    )
    if commune_code:
        people = people.filter(village__parent__code=commune_code)
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    sensitive = selectors.can_filter_sensitive(user=request.user)
    groups = [(selectors.PeopleFilter.ELDERLY, _("Người cao tuổi (từ 60)"))]
    if sensitive:
        groups += [
            (selectors.PeopleFilter.DISABILITY, _("Người khuyết tật")),
            (selectors.PeopleFilter.POOR, _("Hộ nghèo")),
            (selectors.PeopleFilter.NEAR_POOR, _("Hộ cận nghèo")),
        ]
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "people/list.html",
        {
            "page": page,
            "query": query,
            "village_code": village_code,
            "commune_code": commune_code,
            "villages": villages if village_count <= VILLAGE_SELECT_MAX else None,
            "communes": (
                Area.objects.filter(pk__in=villages.values("parent_id")).order_by("name_folded")
                if village_count > VILLAGE_SELECT_MAX
                else None
            ),
            "groups": [(value, label, value in chosen) for value, label in groups],
            "filtered": bool(query or village_code or commune_code or chosen),
            "page_query": params.urlencode(),
            "can_create": user_can_anywhere(user=request.user, action=Action.PERSON_CREATE),
        },
    )


def _registrable_villages(user):
    """The villages where ``user`` may register people: the form's choices."""
    return (
        areas_for_user(user=user, action=Action.PERSON_CREATE)
        .filter(level=Area.Level.VILLAGE)
        .select_related("parent")
        .order_by("parent__name_folded", "name_folded")
    )


def _chosen_village(villages, code: str) -> Area:
    village = villages.filter(code=code).first()
    if village is None:
        raise PeopleErrors.VILLAGE_NOT_FOUND.error()
    return village


@sensitive_post_parameters("cccd")
@login_required
def person_create(request):
    villages = _registrable_villages(request.user)
    show_sensitive = user_can_anywhere(user=request.user, action=Action.PERSON_VIEW_SENSITIVE)
    form = PersonForm(
        request.POST or None,
        villages=villages,
        show_sensitive=show_sensitive,
        initial={"client_uuid": uuid.uuid4()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            village = _chosen_village(villages, data["village"])
            person, created = services.person_register(
                actor=request.user,
                village=village,
                full_name=data["full_name"],
                birth_year=data.get("birth_year"),
                phone=data.get("phone", ""),
                cccd=data.get("cccd", ""),
                has_disability=data.get("has_disability", False),
                household_status=data.get("household_status", ""),
                sensitive_consent=data.get("sensitive_consent", False),
                client_uuid=data.get("client_uuid"),
            )
        except DomainError as exc:
            field = (exc.details or {}).get("field") if isinstance(exc.details, dict) else None
            form.add_error(field if field in form.fields else None, exc.message)
        else:
            if created:
                messages.success(request, _("Đã ghi nhận %(name)s.") % {"name": person.full_name})
            else:
                messages.info(
                    request,
                    _("%(name)s đã có trong danh sách: không tạo bản ghi mới.")
                    % {"name": person.full_name},
                )
            return redirect("people:detail", person_id=person.pk)
    return render(request, "people/create.html", {"form": form})


@login_required
def person_edit(request, person_id: int):
    person = selectors.person_get_for_user(user=request.user, person_id=person_id)
    if not selectors.can_edit(user=request.user, person=person):
        raise Http404
    villages = _registrable_villages(request.user)
    show_sensitive = selectors.can_see_sensitive(user=request.user, person=person)
    form = PersonForm(
        request.POST or None,
        villages=villages,
        show_sensitive=show_sensitive,
        editing=True,
        initial={
            "full_name": person.full_name,
            "birth_year": person.birth_year,
            "village": person.village.code,
            "phone": display_phone(person.phone),
            "has_disability": person.has_disability,
            "household_status": person.household_status,
            "sensitive_consent": person.sensitive_consent_at is not None,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            village = _chosen_village(villages, data["village"])
            services.person_update(
                actor=request.user,
                person=person,
                full_name=data["full_name"],
                birth_year=data.get("birth_year"),
                village=village,
                phone=data.get("phone", ""),
                has_disability=data.get("has_disability") if show_sensitive else None,
                household_status=data.get("household_status") if show_sensitive else None,
                sensitive_consent=data.get("sensitive_consent", False),
            )
        except DomainError as exc:
            field = (exc.details or {}).get("field") if isinstance(exc.details, dict) else None
            form.add_error(field if field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("people:detail", person_id=person.pk)
    return render(request, "people/edit.html", {"form": form, "person": person})


@login_required
def person_detail(request, person_id: int):
    person = selectors.person_get_for_user(user=request.user, person_id=person_id)
    return render(
        request,
        "people/detail.html",
        {
            "person": person,
            "phone": display_phone(person.phone),
            "show_sensitive": selectors.can_see_sensitive(user=request.user, person=person),
            "can_edit": selectors.can_edit(user=request.user, person=person),
            "merge_candidates": (
                list(selectors.merge_candidates(user=request.user, person=person))
                if selectors.can_merge(user=request.user, person=person)
                else []
            ),
        },
    )


@login_required
def person_merge(request, person_id: int, duplicate_id: int):
    """Confirm, then merge the record ``duplicate_id`` into ``person_id``."""
    keep = selectors.person_get_for_user(user=request.user, person_id=person_id)
    duplicate = selectors.person_get_for_user(user=request.user, person_id=duplicate_id)
    if not (
        selectors.can_merge(user=request.user, person=keep)
        and selectors.can_merge(user=request.user, person=duplicate)
    ):
        raise Http404
    if request.method == "POST":
        try:
            report = merging.person_merge(actor=request.user, keep=keep, duplicate=duplicate)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _(
                    "Đã gộp hai hồ sơ: chuyển %(checkins)s lượt điểm danh, %(attempts)s lượt "
                    "làm bài, %(certificates)s chứng nhận; bỏ %(dropped)s lượt điểm danh trùng."
                )
                % {
                    "checkins": report.moved.get("checkins", 0),
                    "attempts": report.moved.get("attempts", 0),
                    "certificates": report.moved.get("certificates", 0),
                    "dropped": report.dropped.get("checkins", 0),
                },
            )
        return redirect("people:detail", person_id=keep.pk)
    return render(
        request,
        "people/merge.html",
        {
            "keep": keep,
            "duplicate": duplicate,
            "rows": [
                (p, display_phone(p.phone), selectors.person_activity(person=p))
                for p in (keep, duplicate)
            ],
        },
    )
