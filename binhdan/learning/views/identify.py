"""Saying who is learning (no password), and forgetting it on a shared device."""

import uuid

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from binhdan.accounts import area_picker as picker
from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import user_can_anywhere
from binhdan.core.errors import DomainError
from binhdan.core.http import safe_next
from binhdan.learning import services
from binhdan.learning.forms import IdentifyForm
from binhdan.learning.views.common import (
    SESSION_ATTEMPTS,
    SESSION_HELPER,
    SESSION_PENDING,
    SESSION_PERSON,
    learner_context,
    limited,
)
from binhdan.people import services as people_services

IDENTIFY_LIMIT = 10  # anonymous identifications per minute and address
ASSISTED_COMMUNE_LABEL = gettext_lazy("Xã, phường nơi người dân ở")


def _can_assist(user) -> bool:
    return user_can_anywhere(user=user, action=Action.PERSON_CREATE)


def _address_the_helper(form: IdentifyForm) -> None:
    """In assisted mode the volunteer types someone else's details: speak of "người dân"."""
    form.fields["commune"].label = ASSISTED_COMMUNE_LABEL
    form.fields["commune"].error_messages["required"] = _("Hãy chọn xã/phường nơi người dân ở.")
    form.fields["cccd"].help_text = _(
        "Hệ thống không lưu số CCCD, chỉ dùng để nhận ra người dân này lần sau."
    )


@sensitive_post_parameters("cccd")
def identify(request):
    """Name, birth year, phone, optional CCCD, commune then village: no password.

    The commune and the village are chosen with the area picker (``picker.LEARNER_*``:
    anywhere for a citizen, the helper's scope in assisted mode). Without JavaScript its
    buttons send the form to come back with the matching places, recording nothing."""
    assisting = _can_assist(request.user)
    data = request.POST if request.method == "POST" else None
    searching = data is not None and picker.search_requested(data, ("commune", "village"))
    if data is not None and not searching and not assisting:
        refused = limited(request, "learner-identify", IDENTIFY_LIMIT)
        if refused:
            return refused
    given = data if data is not None else request.GET
    communes = picker.LEARNER_COMMUNES.choices(user=request.user)
    villages = picker.LEARNER_VILLAGES.choices(
        user=request.user, parent_code=given.get("commune", "")
    )
    if searching:
        form = IdentifyForm(communes=communes, villages=villages, initial=data.dict())
    else:
        form = IdentifyForm(
            data,
            communes=communes,
            villages=villages,
            initial={"client_uuid": uuid.uuid4(), "next": request.GET.get("next", "")},
        )
    if assisting:
        _address_the_helper(form)
    if form.is_bound and form.is_valid():
        cleaned = form.cleaned_data
        try:
            person = people_services.learner_recognise(
                actor=request.user if assisting else None,
                village=cleaned["village"],
                full_name=cleaned["full_name"],
                birth_year=cleaned["birth_year"],
                phone=cleaned.get("phone", ""),
                cccd=cleaned.get("cccd", ""),
                client_uuid=cleaned.get("client_uuid"),
            )
        except DomainError as exc:
            field = exc.details.get("field") if isinstance(exc.details, dict) else None
            form.add_error(field if field in form.fields else None, exc.message)
        else:
            request.session[SESSION_PERSON] = person.pk
            request.session[SESSION_HELPER] = request.user.pk if assisting else None
            request.session[SESSION_ATTEMPTS] = {}
            services.lessons_complete(
                person=person, lesson_ids=request.session.pop(SESSION_PENDING, [])
            )
            if assisting:
                messages.success(
                    request, _("Bạn đang làm giúp: %(name)s.") % {"name": person.full_name}
                )
            else:
                messages.success(request, _("Xin chào %(name)s!") % {"name": person.full_name})
            return redirect(
                safe_next(request, cleaned.get("next", ""), reverse("learning:my_learning"))
            )
    commune = picker.picker_state(
        source=picker.LEARNER_COMMUNES, user=request.user, field="commune", data=given
    )
    if assisting:
        commune.label = ASSISTED_COMMUNE_LABEL
    commune.then_url = reverse("areas:picker", args=[picker.LEARNER_VILLAGES.key])
    commune.then_field = "village"
    commune.then_label = _("Xem các thôn của xã/phường đã chọn")
    village = picker.picker_state(
        source=picker.LEARNER_VILLAGES,
        user=request.user,
        field="village",
        data=given,
        parent=commune.selected,
    )
    if form.is_bound:
        commune.errors = list(form["commune"].errors)
        village.errors = list(form["village"].errors)
    return render(
        request,
        "learning/identify.html",
        {
            "form": form,
            "commune": commune,
            "village": village,
            "assisting": assisting,
            "next": request.GET.get("next", "") or (data or {}).get("next", ""),
            **learner_context(request),
        },
    )


@require_POST
def forget(request):
    """ "Không phải tôi": forget the remembered person (the staff login stays)."""
    for key in (SESSION_PERSON, SESSION_HELPER, SESSION_ATTEMPTS, SESSION_PENDING):
        request.session.pop(key, None)
    messages.info(request, _("Đã quên thông tin người học trên máy này."))
    return redirect(safe_next(request, request.POST.get("next", ""), reverse("learning:identify")))
