"""The volunteer's phone app (``/tinh-nguyen/``): the team's to-do list and the visit form.

With JavaScript (static/volunteers/app.js) visits queue on the phone (web/offline-queue.js)
and go to ``POST /api/v1/visits/batch``; without it, the form posts one visit here.
"""

import uuid

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from binhdan.volunteers import visits
from binhdan.volunteers.access import member_of
from binhdan.volunteers.errors import VisitErrors
from binhdan.volunteers.models import ServiceKind, VisitOutcome
from binhdan.volunteers.pwa import SCOPE
from binhdan.volunteers.todo import todo_for_user


class VisitForm(forms.Form):
    client_uuid = forms.UUIDField()
    person_id = forms.IntegerField(min_value=1)
    service_kinds = forms.MultipleChoiceField(required=False, choices=())
    outcome = forms.ChoiceField(choices=VisitOutcome.choices)
    note = forms.CharField(required=False, max_length=visits.MAX_NOTE)

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service_kinds"].choices = [(k.code, k.name) for k in kinds]


def _app_text() -> dict:
    return {
        "online": _("Có mạng"),
        "offline": _("Mất mạng: vẫn ghi nhận được, sẽ gửi khi có mạng"),
        "never": _("chưa gửi lần nào"),
        "saved": _("Đã lưu trên máy: %s. Sẽ gửi khi có mạng."),
        "waiting": _("Đang chờ gửi"),
        "elderly": _("Người cao tuổi"),
        "recorded": _("Đã ghi nhận: %s"),
        "synced": _("Đã gửi các lượt đang chờ lên máy chủ."),
        "sync_failed": _("Chưa gửi được: dữ liệu vẫn giữ trên máy, sẽ thử lại."),
        "login_again": _(
            "Máy chủ từ chối (phiên đăng nhập hết hạn?): hãy đăng nhập lại. "
            "Dữ liệu vẫn giữ trên máy."
        ),
        "rejected": _("Không ghi nhận được (%s): %s"),
        "some_rejected": _("Có lượt hỗ trợ không ghi nhận được: xem lý do ở đầu trang."),
        "pick_kind": VisitErrors.SERVICE_KIND_UNKNOWN.message,
        "empty": _("Danh sách cần hỗ trợ đang trống."),
        "stale": _("Danh sách đã cũ hơn một ngày: hãy mở lại khi có mạng."),
        "dismiss": _("Đã xem"),
        "offline_ready": _("Ứng dụng dùng được cả khi mất mạng."),
    }


def _kinds() -> list[ServiceKind]:
    return list(ServiceKind.objects.filter(is_active=True))


@never_cache
@login_required
def app_home(request):
    member = member_of(request.user)
    team = member.team if member is not None else None
    context = {
        "sw_url": reverse("volunteer_app:service_worker"),
        "manifest_url": reverse("volunteer_app:manifest"),
        "scope": SCOPE,
        "team": team if team is not None and team.is_active else None,
    }
    if context["team"] is None:
        # Not (or no longer) in an active team: a plain page that says so.
        return render(request, "volunteers/app/not_member.html", context)
    shell = request.GET.get("shell") == "1"
    context.update(
        {
            # Each plain form carries its own client_uuid: a re-post is a duplicate, not a copy.
            "items": []
            if shell
            else [
                {"row": row, "uuid": uuid.uuid4()}
                for row in todo_for_user(user=request.user, team_id=team.pk)
            ],
            "shell": shell,
            "kinds": _kinds(),
            "outcomes": VisitOutcome.choices,
            "app_text": _app_text(),
        }
    )
    return render(request, "volunteers/app/home.html", context)


@login_required
@require_POST
def visit_record(request):
    """One visit from the plain form (no JavaScript); the answer as a message on the list."""
    member = visits.member_for_visits(request.user)
    form = VisitForm(request.POST, kinds=_kinds())
    if not form.is_valid():
        field, errors = next(iter(form.errors.items()))
        if field == "service_kinds":
            messages.error(request, VisitErrors.SERVICE_KIND_UNKNOWN.message)
        else:
            messages.error(request, f"{field}: {errors[0]}")
        return redirect("volunteer_app:home")
    data = form.cleaned_data
    item = visits.VisitItem(
        client_uuid=data["client_uuid"],
        visited_at=timezone.now(),
        outcome=data["outcome"],
        person_id=data["person_id"],
        service_kinds=data["service_kinds"],
        note=data["note"],
    )
    result = visits.visits_record(member=member, actor=request.user, items=[item])[0]
    if result.error is not None:
        messages.error(request, result.error.message)
    else:
        messages.success(request, _("Đã ghi nhận lượt hỗ trợ."))
    return redirect("volunteer_app:home")
