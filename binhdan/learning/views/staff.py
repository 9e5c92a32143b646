"""Staff pages: certificates in the user's scope (search, revoke) and learning figures."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import user_can_at
from binhdan.core.errors import DomainError
from binhdan.learning import selectors, services
from binhdan.learning.codes import format_code
from binhdan.learning.forms import RevokeForm
from binhdan.learning.models import RevokeReason


@login_required
def staff_certificates(request):
    if not selectors.can_view_learning(user=request.user):
        raise Http404
    query = request.GET.get("q", "").strip()
    commune_code = request.GET.get("xa", "")
    certificates = selectors.certificates_for_user(
        user=request.user, query=query, commune_code=commune_code
    )
    page = Paginator(certificates, 50).get_page(request.GET.get("page"))
    rows = [
        {
            "certificate": c,
            "code_display": format_code(c.code),
            "can_revoke": not c.is_revoked
            and user_can_at(user=request.user, action=Action.CERTIFICATE_REVOKE, path=c.area_path),
        }
        for c in page
    ]
    return render(
        request,
        "learning/staff_certificates.html",
        {
            "page": page,
            "rows": rows,
            "query": query,
            "form": RevokeForm(),
            "revoke_reasons": RevokeReason.choices,
            "commune_code": commune_code,
            "communes": selectors.learning_communes(user=request.user),
        },
    )


@login_required
@require_POST
def staff_certificate_revoke(request, pk: int):
    certificate = selectors.certificate_get_for_user(
        user=request.user, pk=pk, action=Action.CERTIFICATE_REVOKE
    )
    form = RevokeForm(request.POST)
    try:
        services.certificate_revoke(
            actor=request.user,
            certificate=certificate,
            reason=form.data.get("reason", ""),
            note=form.data.get("note", ""),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("Đã thu hồi chứng nhận %(code)s.") % {"code": format_code(certificate.code)}
        )
    return redirect(f"{reverse('learning:staff_certificates')}?q={certificate.code}")


@login_required
def staff_progress(request):
    if not selectors.can_view_learning(user=request.user):
        raise Http404
    return render(
        request, "learning/staff_progress.html", selectors.learning_figures(user=request.user)
    )
