import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import scope_paths
from binhdan.areas.models import Area
from binhdan.areas.selectors import areas_for_user
from binhdan.core.errors import DomainError, NotFound
from binhdan.people import selectors, services
from binhdan.people.forms import PersonForm
from binhdan.people.identity import display_phone


@login_required
def person_list(request):
    query = request.GET.get("q", "")
    people = selectors.people_for_user(user=request.user, query=query)
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "people/list.html",
        {
            "page": page,
            "query": query,
            "can_create": scope_paths(user=request.user, action=Action.PERSON_CREATE) != [],
        },
    )


@sensitive_post_parameters("cccd")
@login_required
def person_create(request):
    villages = (
        areas_for_user(user=request.user, action=Action.PERSON_CREATE)
        .filter(level=Area.Level.VILLAGE)
        .select_related("parent")
        .order_by("parent__name_folded", "name_folded")
    )
    show_sensitive = scope_paths(user=request.user, action=Action.PERSON_VIEW_SENSITIVE) != []
    form = PersonForm(
        request.POST or None,
        villages=villages,
        show_sensitive=show_sensitive,
        initial={"client_uuid": uuid.uuid4()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        village = villages.filter(code=data["village"]).first()
        try:
            if village is None:
                raise NotFound(_("Không tìm thấy thôn đã chọn."))
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
def person_detail(request, person_id: int):
    try:
        person = selectors.person_get_for_user(user=request.user, person_id=person_id)
    except NotFound as exc:
        raise Http404 from exc
    return render(
        request,
        "people/detail.html",
        {
            "person": person,
            "phone": display_phone(person.phone),
            "show_sensitive": selectors.can_see_sensitive(user=request.user, person=person),
        },
    )
