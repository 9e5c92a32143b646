from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from binhdan.core.errors import DomainError
from binhdan.core.ratelimit import rate_limit
from binhdan.scamcheck.api import CHECKS_PER_MINUTE
from binhdan.scamcheck.checker import CheckerInputError
from binhdan.scamcheck.forms import ScamCheckForm
from binhdan.scamcheck.services import scam_check


@require_http_methods(["GET", "POST"])
def check_page(request):
    """Public page: paste a message, get an explained verdict. Works without JavaScript."""
    form = ScamCheckForm(request.POST or None)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            rate_limit(request=request, scope="scamcheck", limit=CHECKS_PER_MINUTE)
            result = scam_check(text=form.cleaned_data["text"])
        except CheckerInputError as exc:
            form.add_error("text", exc.message_vi)
        except DomainError as exc:
            form.add_error(None, exc.message)
    template = "scamcheck/_result.html" if request.htmx else "scamcheck/check.html"
    return render(request, template, {"form": form, "result": result})
