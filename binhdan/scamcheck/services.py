"""Checking a message, and the community reports the checker matches."""

from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.utils import timezone

from binhdan.scamcheck.checker import CheckResult, ReportedMatch, check_text
from binhdan.scamcheck.models import ReportKind, ReportStatus, ScamCheckDay, ScamReport


class ConfirmedReports:
    """The checker's ``ReportedLookup``: values with at least one confirmed report.

    ``report_count`` counts every report of the value that moderators did not reject.
    """

    def matches(
        self, *, phones: list[str], domains: list[str], accounts: list[str]
    ) -> list[ReportedMatch]:
        wanted = {
            ReportKind.PHONE: set(phones),
            ReportKind.DOMAIN: set(domains),
            ReportKind.BANK_ACCOUNT: set(accounts),
        }
        values = set().union(*wanted.values())
        if not values:
            return []
        confirmed = set(
            ScamReport.objects.filter(value__in=values, status=ReportStatus.CONFIRMED).values_list(
                "kind", "value"
            )
        )
        if not confirmed:
            return []
        counts = (
            ScamReport.objects.filter(value__in={v for _k, v in confirmed})
            .exclude(status=ReportStatus.REJECTED)
            .values("kind", "value")
            .annotate(n=Count("id"))
        )
        return [
            ReportedMatch(kind=row["kind"], value=row["value"], report_count=row["n"])
            for row in counts
            if (row["kind"], row["value"]) in confirmed and row["value"] in wanted[row["kind"]]
        ]


def _count_check(verdict: str) -> None:
    today = timezone.localdate()
    updated = ScamCheckDay.objects.filter(day=today, verdict=verdict).update(count=F("count") + 1)
    if updated:
        return
    try:
        with transaction.atomic():
            ScamCheckDay.objects.create(day=today, verdict=verdict, count=1)
    except IntegrityError:
        ScamCheckDay.objects.filter(day=today, verdict=verdict).update(count=F("count") + 1)


def scam_check(*, text: str, count: bool = True) -> CheckResult:
    """Check a message. Only the verdict is counted; the message is not stored."""
    result = check_text(text, reported=ConfirmedReports())
    if count:
        _count_check(result.verdict)
    return result
