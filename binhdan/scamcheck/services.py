"""Checking a message, and the community reports the checker matches: submitting them
and moderating them."""

import uuid

from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.utils import timezone

from binhdan.accounts.models import User
from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import user_can_anywhere
from binhdan.areas.models import Area
from binhdan.core.text import clean
from binhdan.scamcheck import selectors
from binhdan.scamcheck.checker import CheckResult, ReportedMatch, check_text
from binhdan.scamcheck.domain_lists import current_domain_lists
from binhdan.scamcheck.errors import ScamErrors
from binhdan.scamcheck.lessons import lessons_for
from binhdan.scamcheck.models import ReportKind, ReportStatus, ScamCheckDay, ScamReport
from binhdan.scamcheck.normalize import (
    NOTE_MAX_CHARS,
    message_hints,
    normalize_report_value,
    normalize_reported_message,
)


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
            .exclude(kind=ReportKind.MESSAGE)
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
    """Check a message against the rules, the confirmed community reports and the imported
    domain lists. Only the verdict is counted; the message is not stored."""
    result = check_text(text, reported=ConfirmedReports(), domain_lists=current_domain_lists())
    if count:
        _count_check(result.verdict)
    return result


def scam_check_answer(*, text: str, count: bool = True) -> dict[str, object]:
    """The API's answer: the checker's result plus links to the scam lessons."""
    result = scam_check(text=text, count=count)
    return result.to_dict() | {"lessons": lessons_for(result.codes)}


# ------------------------------------------------------------------------ community reports

DECISIONS = {"confirm": ReportStatus.CONFIRMED, "reject": ReportStatus.REJECTED}


def _commune(commune_code: str) -> Area | None:
    code = clean(commune_code)
    if not code:
        return None
    area = Area.objects.filter(code=code, level=Area.Level.COMMUNE).first()
    if area is None:
        raise ScamErrors.COMMUNE_NOT_FOUND.error()
    return area


def report_submit(
    *,
    client_uuid: uuid.UUID,
    kind: str,
    value: str,
    note: str = "",
    commune_code: str = "",
) -> tuple[ScamReport, bool]:
    """Record one anonymous report. Returns ``(report, created)``.

    Idempotent on ``client_uuid``: a retry returns the first report and creates nothing.
    Nothing about the reporter is kept (no account, no address). A message report also
    records one report per phone, domain and bank account found in the message (same
    area and note, the message as context), so that confirming the number is enough for
    the checker to match it; their client UUIDs derive from the message's, so a retry
    creates none of them twice.
    """
    existing = ScamReport.objects.filter(client_uuid=client_uuid).first()
    if existing is not None:
        return existing, False
    if kind not in ReportKind.values:
        raise ScamErrors.REPORT_KIND_INVALID.error()
    normalised = normalize_report_value(kind=kind, value=value)
    note = clean(note)
    if len(note) > NOTE_MAX_CHARS:
        raise ScamErrors.NOTE_TOO_LONG.error(n=NOTE_MAX_CHARS)
    area = _commune(commune_code)
    raw_text = normalize_reported_message(value) if kind == ReportKind.MESSAGE else ""
    rows = [
        ScamReport(
            kind=kind,
            value=normalised,
            raw_text=raw_text,
            note=note,
            area=area,
            area_path=area.path if area else "",
            client_uuid=client_uuid,
        )
    ]
    if kind == ReportKind.MESSAGE:
        rows += [
            ScamReport(
                kind=hint_kind,
                value=hint_value,
                raw_text=raw_text,
                note=note,
                area=area,
                area_path=area.path if area else "",
                client_uuid=uuid.uuid5(client_uuid, f"{hint_kind}:{hint_value}"),
            )
            for hint_kind, hint_value in message_hints(raw_text)
        ]
    for row in rows:
        row.full_clean(
            exclude=["area", "moderated_by"], validate_unique=False, validate_constraints=False
        )
    try:
        with transaction.atomic():
            ScamReport.objects.bulk_create(rows)
    except IntegrityError:
        # A concurrent retry with the same client UUID won the race.
        winner = ScamReport.objects.filter(client_uuid=client_uuid).first()
        if winner is None:
            raise
        return winner, False
    return rows[0], True


def _require_moderator(actor: User) -> None:
    if not user_can_anywhere(user=actor, action=Action.SCAM_MODERATE):
        raise ScamErrors.NOT_MODERATOR.error()


def _decision_status(decision: str) -> str:
    if decision not in DECISIONS:
        raise ScamErrors.DECISION_INVALID.error()
    return DECISIONS[decision]


def reports_moderate(*, actor: User, kind: str, value: str, decision: str) -> int:
    """Confirm or reject every pending report of ``(kind, value)`` in the actor's scope.

    Returns how many reports were moderated; ``NotFound`` when the actor sees none.
    """
    _require_moderator(actor)
    status = _decision_status(decision)
    with transaction.atomic():
        pending = selectors.reports_for_moderator(user=actor).filter(
            kind=kind, value=value, status=ReportStatus.PENDING
        )
        ids = list(pending.select_for_update().values_list("pk", flat=True))
        if not ids:
            raise ScamErrors.NO_PENDING_REPORTS.error()
        return ScamReport.objects.filter(pk__in=ids).update(
            status=status, moderated_by=actor, moderated_at=timezone.now()
        )


def report_moderate(*, actor: User, report_id: int, decision: str) -> ScamReport:
    """Confirm or reject one report in the actor's scope (also to change a decision)."""
    _require_moderator(actor)
    status = _decision_status(decision)
    with transaction.atomic():
        report = (
            selectors.reports_for_moderator(user=actor)
            .select_for_update()
            .filter(pk=report_id)
            .first()
        )
        if report is None:
            raise ScamErrors.REPORT_NOT_FOUND.error()
        report.status = status
        report.moderated_by = actor
        report.moderated_at = timezone.now()
        report.save(update_fields=["status", "moderated_by", "moderated_at"])
    return report


def reports_moderate_selected(*, actor: User, report_ids: list[int], decision: str) -> int:
    """Confirm or reject the given reports that lie in the actor's scope (admin action)."""
    _require_moderator(actor)
    status = _decision_status(decision)
    with transaction.atomic():
        ids = list(
            selectors.reports_for_moderator(user=actor)
            .select_for_update()
            .filter(pk__in=report_ids)
            .values_list("pk", flat=True)
        )
        return ScamReport.objects.filter(pk__in=ids).update(
            status=status, moderated_by=actor, moderated_at=timezone.now()
        )
