"""A bridge point's device tokens: list, issue (shown once), revoke. For its managers.

Thin: ``binhdan.classes.checkin.device_tokens`` decides who may; outside the user's scope is a 404.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from binhdan.accounts.forms import TokenIssueForm
from binhdan.classes.checkin import device_tokens
from binhdan.core.errors import DomainError


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def point_tokens(request, pk: int):
    """The point's device tokens; a new one is shown once, in a page never cached."""
    point = device_tokens.point_for_device_tokens(user=request.user, point_id=pk)
    form = TokenIssueForm(request.POST or None, initial={"name": point.name})
    issued = None
    if request.method == "POST" and form.is_valid():
        try:
            issued = device_tokens.device_token_issue(
                actor=request.user, point_id=point.pk, name=form.cleaned_data["name"]
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            form = TokenIssueForm(initial={"name": point.name})
    return render(
        request,
        "classes/device_tokens.html",
        {
            "point": point,
            "commune": point.village.parent,
            "form": form,
            "issued": issued,
            "tokens": device_tokens.device_tokens_of_point(point=point),
            "token_days": settings.BINHDAN_TOKEN_DAYS,
        },
    )


@login_required
@require_POST
def point_token_revoke(request, pk: int, token_id: int):
    token = device_tokens.device_token_revoke(actor=request.user, point_id=pk, token_id=token_id)
    messages.success(request, _("Đã thu hồi mã “%(name)s”.") % {"name": token.name})
    return redirect("classes:point_tokens", pk=pk)
