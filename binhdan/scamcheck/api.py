from django.http import HttpRequest
from ninja import Router, Status

from binhdan.core.errors import DomainError
from binhdan.core.ratelimit import rate_limit
from binhdan.scamcheck.checker import CheckerInputError
from binhdan.scamcheck.models import ScamReport
from binhdan.scamcheck.schemas import ScamCheckIn, ScamCheckOut, ScamReportIn, ScamReportOut
from binhdan.scamcheck.services import report_submit, scam_check_answer

router = Router(tags=["scamcheck"])

CHECKS_PER_MINUTE = 30
REPORTS_PER_HOUR = 10


@router.post("", response=ScamCheckOut, auth=None, summary="Is this message a scam? (public)")
def check(request: HttpRequest, payload: ScamCheckIn):
    rate_limit(request=request, scope="scamcheck", limit=CHECKS_PER_MINUTE)
    try:
        return scam_check_answer(text=payload.text)
    except CheckerInputError as exc:
        error = DomainError(exc.message_vi, code=exc.code, details={"field": "text"})
        error.status = exc.status
        raise error from exc


def limit_new_reports(request: HttpRequest, client_uuid) -> None:
    """Rate-limit reports per address; a retry of a report already made does not count."""
    if not ScamReport.objects.filter(client_uuid=client_uuid).exists():
        rate_limit(request=request, scope="scamreport", limit=REPORTS_PER_HOUR, window_seconds=3600)


@router.post(
    "/reports",
    response={200: ScamReportOut, 201: ScamReportOut},
    auth=None,
    summary="Report a scam phone, link, bank account or message (public, idempotent)",
)
def report_create(request: HttpRequest, payload: ScamReportIn):
    limit_new_reports(request, payload.client_uuid)
    report, created = report_submit(
        client_uuid=payload.client_uuid,
        kind=payload.kind.value,
        value=payload.value,
        note=payload.note,
        commune_code=payload.commune_code,
    )
    return Status(201 if created else 200, report)
