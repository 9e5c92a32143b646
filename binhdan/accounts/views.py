from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from binhdan.accounts import selectors, services
from binhdan.accounts.forms import TokenIssueForm
from binhdan.core.errors import DomainError


@login_required
def profile(request):
    return render(
        request,
        "accounts/profile.html",
        {"grants": selectors.grants_for_user(user=request.user)},
    )


@never_cache
@login_required
def tokens(request):
    """Lists the user's tokens and issues personal ones (for oneself only); a new token is
    shown once, in a page never cached. Device tokens are issued on the bridge point's page."""
    form = TokenIssueForm(request.POST or None)
    issued = None
    if request.method == "POST" and form.is_valid():
        try:
            issued = services.token_issue(
                actor=request.user, user=request.user, name=form.cleaned_data["name"]
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            form = TokenIssueForm()
    return render(
        request,
        "accounts/tokens.html",
        {
            "form": form,
            "issued": issued,
            "tokens": selectors.tokens_visible_to(user=request.user),
            "token_days": settings.BINHDAN_TOKEN_DAYS,
        },
    )


@login_required
@require_POST
def token_revoke(request, token_id: int):
    # A token the user may not revoke answers 404 like a missing one (web.middleware).
    token = services.token_revoke(actor=request.user, token_id=token_id)
    messages.success(request, _("Đã thu hồi mã “%(name)s”.") % {"name": token.name})
    return redirect("accounts:tokens")
