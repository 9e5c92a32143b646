"""The learner's own page, and the public certificate pages: look-up, verify, PDF."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from binhdan.core.errors import NotFound
from binhdan.learning import selectors
from binhdan.learning.codes import format_code, normalize_code
from binhdan.learning.pdf import certificate_pdf as render_certificate_pdf
from binhdan.learning.views.common import learner, learner_context, limited

VERIFY_LIMIT = 20  # look-ups per minute and address
PDF_LIMIT = 20


def my_learning(request):
    person = learner(request)
    context = {**learner_context(request)}
    if person is not None:
        context.update(selectors.person_learning(person=person))
    return render(request, "learning/my_learning.html", context)


@require_GET
def certificate_lookup(request):
    """The form where anyone types a code."""
    typed = request.GET.get("ma", "").strip()
    if typed:
        code = normalize_code(typed)
        if code:
            return redirect("learning:certificate_verify", code=format_code(code))
        return render(
            request,
            "learning/lookup.html",
            {"typed": typed, "error": _("Mã chứng nhận gồm 12 chữ và số, ví dụ ABCD-EFGH-JKMN.")},
            status=200,
        )
    return render(request, "learning/lookup.html", {"typed": ""})


def _absolute_verify_url(request, code: str) -> str:
    return request.build_absolute_uri(
        reverse("learning:certificate_verify", args=[format_code(code)])
    )


def _certificate_or_answer(request, code: str, *, scope: str, limit: int):
    """``(certificate, None)``, or ``(None, page)``: too many look-ups (429), or the
    "not found" page that repeats the code typed (404)."""
    refused = limited(request, scope, limit)
    if refused:
        return None, refused
    try:
        return selectors.certificate_get_by_code(code=code), None
    except NotFound:
        return None, render(request, "learning/not_found.html", {"typed": code}, status=404)


def _verify_page(request, certificate, *, status: int = 200, **extra):
    return render(
        request,
        "learning/verify.html",
        {
            "certificate": certificate,
            "code_display": format_code(certificate.code),
            "holder": selectors.mask_name(certificate.person.full_name),
            **extra,
        },
        status=status,
    )


@require_GET
def certificate_verify(request, code: str):
    certificate, answer = _certificate_or_answer(
        request, code, scope="certificate-verify", limit=VERIFY_LIMIT
    )
    if answer is not None:
        return answer
    return _verify_page(request, certificate, issuer=settings.BINHDAN_CERTIFICATE_ISSUER)


@require_GET
def certificate_pdf(request, code: str):
    certificate, answer = _certificate_or_answer(
        request, code, scope="certificate-pdf", limit=PDF_LIMIT
    )
    if answer is not None:
        return answer
    if certificate.is_revoked:
        return _verify_page(request, certificate, status=410)
    content = render_certificate_pdf(
        certificate=certificate,
        holder=selectors.certificate_holder_name(
            certificate=certificate, user=request.user, learner=learner(request)
        ),
        verify_url=_absolute_verify_url(request, certificate.code),
        site_name=settings.BINHDAN_SITE_NAME,
        issuer=settings.BINHDAN_CERTIFICATE_ISSUER,
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="chung-nhan-{certificate.code}.pdf"'
    response["X-Robots-Tag"] = "noindex"
    return response
