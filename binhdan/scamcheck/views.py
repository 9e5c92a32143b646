import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from binhdan.accounts import area_picker as picker
from binhdan.core.errors import DomainError
from binhdan.core.http import safe_next
from binhdan.core.ratelimit import rate_limit
from binhdan.scamcheck import selectors, services
from binhdan.scamcheck.api import CHECKS_PER_MINUTE, limit_new_reports
from binhdan.scamcheck.checker import CheckerInputError
from binhdan.scamcheck.checker.domains import is_official
from binhdan.scamcheck.domain_list_parse import normalize_list_domain
from binhdan.scamcheck.errors import ScamErrors
from binhdan.scamcheck.forms import ScamCheckForm, ScamReportForm
from binhdan.scamcheck.models import ReportKind, ReportStatus
from binhdan.scamcheck.normalize import MESSAGE_MAX_CHARS
from binhdan.scamcheck.verdict import readable_phone, shown_value, verdict_context

GROUPS_PER_PAGE = 25


@require_http_methods(["GET", "POST"])
def check_page(request):
    """Public page: paste a message, get an explained verdict. Works without JavaScript.

    The verdict comes first (focused, so it is read out and scrolled to), then an empty
    form for the next check; HTMX swaps that whole block."""
    form = ScamCheckForm(request.POST or None)
    context = {"form": form, "result": None}
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"]
        try:
            rate_limit(request=request, scope="scamcheck", limit=CHECKS_PER_MINUTE)
            result = services.scam_check(text=text)
        except CheckerInputError as exc:
            form.add_error("text", exc.message_vi)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            context |= verdict_context(text=text, result=result) | {"form": ScamCheckForm()}
    if form.errors:
        form.fields["text"].widget.attrs["autofocus"] = True
    template = "scamcheck/_check.html" if request.htmx else "scamcheck/check.html"
    return render(request, template, context)


def _field_of(exc: DomainError, form) -> str | None:
    field = exc.details.get("field") if isinstance(exc.details, dict) else None
    return field if field in form.fields else None


@require_http_methods(["GET", "POST"])
def report_page(request):
    """Public page: report a scam phone, link, bank account or message. No login, and
    nothing about the reporter is asked or kept. ``?kind=&value=`` (or a POST with
    ``prefill``, for a whole message) fills the form in from a check result. The commune
    is chosen with the area picker; without JavaScript its "Tìm" button (or a commune
    typed and not chosen) brings the form back with the matching communes."""
    communes = picker.COMMUNES.choices(user=request.user)
    prefill = request.POST if "prefill" in request.POST else request.GET
    kind = prefill.get("kind", "") if prefill.get("kind") in ReportKind.values else ""
    initial = {
        "client_uuid": uuid.uuid4(),
        "kind": kind,
        "value": readable_phone(prefill.get("value", "")[:MESSAGE_MAX_CHARS]),
    }
    bound = request.method == "POST" and "prefill" not in request.POST
    if bound and picker.search_requested(request.POST, ("commune_code",)):
        form = ScamReportForm(communes=communes, initial=request.POST.dict())
    else:
        form = ScamReportForm(request.POST if bound else None, communes=communes, initial=initial)
    status = 200
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            limit_new_reports(request, data["client_uuid"])
            report, created = services.report_submit(
                client_uuid=data["client_uuid"],
                kind=data["kind"],
                value=data["value"],
                note=data["note"],
                commune_code=data["commune_code"].code if data["commune_code"] else "",
            )
        except DomainError as exc:
            form.add_error(_field_of(exc, form), exc.message)
            status = exc.status if exc.status == 429 else 200
        else:
            shown = (
                report.get_kind_display()
                if report.kind == ReportKind.MESSAGE
                else shown_value(report.kind, report.value)
            )
            if created:
                messages.success(
                    request,
                    _(
                        "Cảm ơn bạn! Đã ghi nhận báo cáo (%(value)s). Cán bộ sẽ kiểm duyệt; khi "
                        "được xác nhận, công cụ kiểm tra sẽ cảnh báo những người khác."
                    )
                    % {"value": shown},
                )
            else:
                messages.info(request, _("Báo cáo này đã được ghi nhận trước đó. Cảm ơn bạn!"))
            return redirect("scamcheck:report")
    commune = picker.picker_state(
        source=picker.COMMUNES,
        user=request.user,
        field="commune_code",
        data=request.POST if bound else request.GET,
        label=str(form.fields["commune_code"].label),
        optional=True,
    )
    commune.help_text = str(form.fields["commune_code"].help_text)
    commune.errors = list(form["commune_code"].errors) if form.is_bound else []
    return render(
        request, "scamcheck/report.html", {"form": form, "commune": commune}, status=status
    )


def _require_moderator(request) -> None:
    """Without scam.moderate anywhere the pages answer 404, like any page outside scope."""
    if not selectors.can_moderate(user=request.user):
        raise ScamErrors.NOT_MODERATOR.error()


@login_required
def moderation_queue(request):
    """Pending reports in the user's scope, grouped by what they report."""
    _require_moderator(request)
    kind = request.GET.get("kind", "")
    kind = kind if kind in ReportKind.values else ""
    page = Paginator(
        selectors.pending_groups(user=request.user, kind=kind), GROUPS_PER_PAGE
    ).get_page(request.GET.get("page"))
    groups = selectors.with_samples(user=request.user, rows=page.object_list)
    return render(
        request,
        "scamcheck/moderation.html",
        {
            "page": page,
            "groups": groups,
            "kind": kind,
            "kinds": ReportKind.choices,
            "show_domain_lists": selectors.has_province_scope(user=request.user),
        },
    )


def _moderation_done(request, template: str, context: dict):
    if request.htmx:
        return render(request, template, context)
    messages.success(request, context["done_message"])
    return redirect(safe_next(request, request.POST.get("next", ""), "scamcheck:moderation"))


def _done_message(decision: str, count: int) -> str:
    if decision == "confirm":
        return _("Đã xác nhận lừa đảo %(n)s báo cáo.") % {"n": count}
    return _("Đã bác bỏ %(n)s báo cáo.") % {"n": count}


@login_required
@require_POST
def moderate_group(request):
    """Confirm or reject every pending report of one value in the user's scope."""
    _require_moderator(request)
    kind = request.POST.get("kind", "")
    value = request.POST.get("value", "")
    decision = request.POST.get("decision", "")
    count = services.reports_moderate(actor=request.user, kind=kind, value=value, decision=decision)
    return _moderation_done(
        request,
        "scamcheck/_moderated.html",
        {"done_message": _done_message(decision, count), "decision": decision},
    )


@login_required
@require_POST
def moderate_report(request, report_id: int):
    """Confirm or reject one report (also to change an earlier decision)."""
    _require_moderator(request)
    decision = request.POST.get("decision", "")
    services.report_moderate(actor=request.user, report_id=report_id, decision=decision)
    return _moderation_done(
        request,
        "scamcheck/_moderated.html",
        {"done_message": _done_message(decision, 1), "decision": decision},
    )


@login_required
def stats_page(request):
    """Staff figures: most reported values and report counts in scope; the global daily
    check counts for users with a province-level scope."""
    _require_moderator(request)
    show_checks = selectors.has_province_scope(user=request.user)
    days = selectors.checks_per_day() if show_checks else []
    peak = max((day.total for day in days), default=0)
    return render(
        request,
        "scamcheck/stats.html",
        {
            "figures": selectors.report_figures(user=request.user),
            "top_confirmed": selectors.top_reported(
                user=request.user, status=ReportStatus.CONFIRMED
            ),
            "top_pending": selectors.top_reported(user=request.user, status=ReportStatus.PENDING),
            "show_checks": show_checks,
            "show_domain_lists": show_checks,
            "days": days,
            "peak": peak,
            "check_total": sum(day.total for day in days),
        },
    )


@login_required
def domain_lists_page(request):
    """The domain lists the checker uses: each source, its kind, count and date, and a
    lookup of one domain. Global data: for users with a province-level moderation scope."""
    _require_moderator(request)
    if not selectors.has_province_scope(user=request.user):
        raise ScamErrors.NOT_MODERATOR.error()
    query = request.GET.get("ten_mien", "").strip()[:500]
    lookup = None
    if query:
        domain = normalize_list_domain(query)
        if domain:
            lookup = {
                "domain": domain,
                "official": is_official(domain),
                "sources": selectors.domain_list_lookup(domain=domain),
                "community": services.ConfirmedReports().matches(
                    phones=[], domains=[domain], accounts=[]
                )
                != [],
            }
    return render(
        request,
        "scamcheck/domain_lists.html",
        {"sources": selectors.domain_list_sources(), "query": query, "lookup": lookup},
    )
