"""Reads about community reports and checks, scoped by the acting user.

Scope: a report with an area (the commune the reporter chose) belongs to that commune's
subtree, so the moderators whose ``SCAM_MODERATE`` scope covers it see it. A report without
an area belongs to no commune: it is seen by the users whose scope includes a province root
(a path of one segment, "33/"), i.e. province admins, and by superusers.
The daily check counts are global (messages are never stored, so they have no area): only
users with a province-level scope see them.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count, F, Max, Min, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import gettext as _

from binhdan.accounts.models import User
from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import scope_paths, scope_q, user_can_anywhere
from binhdan.areas import paths
from binhdan.scamcheck.models import (
    DomainListEntry,
    DomainListKind,
    DomainListSource,
    ReportKind,
    ReportStatus,
    ScamCheckDay,
    ScamReport,
)

SAMPLES_PER_GROUP = 5
TOP_LIMIT = 20
CHECK_DAYS = 30
VERDICTS = ("danger", "suspicious", "no_sign")


def has_province_scope(*, user: User) -> bool:
    """True for a superuser or a moderator whose scope includes a whole province."""
    roots = scope_paths(user=user, action=Action.SCAM_MODERATE)
    return roots is None or any(paths.is_province(root) for root in roots)


def can_moderate(*, user: User) -> bool:
    return user_can_anywhere(user=user, action=Action.SCAM_MODERATE)


def reports_for_moderator(*, user: User) -> QuerySet[ScamReport]:
    """Every report the user may moderate (see the module docstring for the scope)."""
    roots = scope_paths(user=user, action=Action.SCAM_MODERATE)
    if roots is None:
        return ScamReport.objects.all()
    if not roots:
        return ScamReport.objects.none()
    condition = scope_q(user=user, action=Action.SCAM_MODERATE, path_field="area_path")
    if any(paths.is_province(root) for root in roots):
        condition |= Q(area_path="")
    return ScamReport.objects.filter(condition)


@dataclass
class ReportGroup:
    """The reports of one value: what moderators decide on at once."""

    kind: str
    value: str
    count: int
    first_at: datetime
    last_at: datetime
    samples: list[ScamReport] = field(default_factory=list)
    confirmed_before: bool = False

    @property
    def kind_label(self) -> str:
        return ReportKind(self.kind).label

    @property
    def is_message(self) -> bool:
        return self.kind == ReportKind.MESSAGE


def pending_groups(*, user: User, kind: str = "") -> QuerySet:
    """Pending reports in scope grouped by ``(kind, value)``, most reported first: rows of
    ``kind, value, count, first_at, last_at``."""
    reports = reports_for_moderator(user=user).filter(status=ReportStatus.PENDING)
    if kind:
        reports = reports.filter(kind=kind)
    return (
        reports.order_by()
        .values("kind", "value")
        .annotate(count=Count("id"), first_at=Min("created_at"), last_at=Max("created_at"))
        .order_by("-count", "-last_at", "kind", "value")
    )


def with_samples(*, user: User, rows) -> list[ReportGroup]:
    """``ReportGroup``s for the given grouped rows, with up to ``SAMPLES_PER_GROUP`` latest
    pending reports each, and whether the value was already confirmed. Three queries."""
    groups = [ReportGroup(**row) for row in rows]
    if not groups:
        return []
    wanted = Q()
    for group in groups:
        wanted |= Q(kind=group.kind, value=group.value)
    latest = (
        reports_for_moderator(user=user)
        .filter(wanted, status=ReportStatus.PENDING)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("kind"), F("value")],
                order_by=[F("created_at").desc(), F("pk").desc()],
            )
        )
        .filter(rank__lte=SAMPLES_PER_GROUP)
        .select_related("area")
        .order_by("-created_at", "-pk")
    )
    by_key = {(group.kind, group.value): group for group in groups}
    for report in latest:
        by_key[(report.kind, report.value)].samples.append(report)
    confirmed = set(
        ScamReport.objects.filter(wanted, status=ReportStatus.CONFIRMED)
        .values_list("kind", "value")
        .distinct()
    )
    for group in groups:
        group.confirmed_before = (group.kind, group.value) in confirmed
    return groups


def report_get_for_moderator(*, user: User, report_id: int) -> ScamReport | None:
    return reports_for_moderator(user=user).filter(pk=report_id).first()


@dataclass
class TopItem:
    kind: str
    value: str
    count: int

    @property
    def kind_label(self) -> str:
        return ReportKind(self.kind).label


def top_reported(*, user: User, status: str, limit: int = TOP_LIMIT) -> list[TopItem]:
    """The phones, domains and bank accounts with the most reports of ``status`` in scope.
    Messages are left out: each is shown in the moderation queue instead."""
    rows = (
        reports_for_moderator(user=user)
        .filter(status=status)
        .exclude(kind=ReportKind.MESSAGE)
        .order_by()
        .values("kind", "value")
        .annotate(count=Count("id"))
        .order_by("-count", "kind", "value")[:limit]
    )
    return [TopItem(**row) for row in rows]


def report_figures(*, user: User, days: int = CHECK_DAYS) -> dict[str, int]:
    """Reports in scope: how many per status, and how many arrived in the last ``days``."""
    since = timezone.now() - timedelta(days=days)
    figures = reports_for_moderator(user=user).aggregate(
        pending=Count("id", filter=Q(status=ReportStatus.PENDING)),
        confirmed=Count("id", filter=Q(status=ReportStatus.CONFIRMED)),
        rejected=Count("id", filter=Q(status=ReportStatus.REJECTED)),
        recent=Count("id", filter=Q(created_at__gte=since)),
    )
    return {key: value or 0 for key, value in figures.items()}


@dataclass
class CheckDay:
    day: date
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def checks_per_day(*, days: int = CHECK_DAYS, today: date | None = None) -> list[CheckDay]:
    """Checks made each of the last ``days`` days (today included) by verdict, oldest first,
    days without checks included. Global: a check keeps no message and no area."""
    last = today or timezone.localdate()
    first = last - timedelta(days=days - 1)
    table = {first + timedelta(days=n): dict.fromkeys(VERDICTS, 0) for n in range(days)}
    for row in ScamCheckDay.objects.filter(day__gte=first, day__lte=last):
        table[row.day][row.verdict] = table[row.day].get(row.verdict, 0) + row.count
    return [CheckDay(day=day, counts=counts) for day, counts in table.items()]


# ------------------------------------------------------------------------ domain lists


@dataclass
class DomainSourceRow:
    """One line of the domain-lists page: an imported source, or the community's reports."""

    name: str
    kind: str
    kind_label: str
    count: int
    updated_at: datetime | None
    file_name: str = ""
    skipped_lines: int = 0
    community: bool = False


def domain_list_sources() -> list[DomainSourceRow]:
    """The imported block lists, the community's confirmed domain reports (part of the block
    list: the checker's ``reported_by_community`` matches them), then the allow lists.
    Global, like the lists themselves. Two queries."""
    imported = [
        DomainSourceRow(
            name=source.name,
            kind=source.kind,
            kind_label=source.get_kind_display(),
            count=source.entry_count,
            updated_at=source.imported_at,
            file_name=source.file_name,
            skipped_lines=source.skipped_lines,
        )
        for source in DomainListSource.objects.order_by("kind", "name")
    ]
    confirmed = ScamReport.objects.filter(
        kind=ReportKind.DOMAIN, status=ReportStatus.CONFIRMED
    ).aggregate(n=Count("value", distinct=True), last=Max("moderated_at"))
    community = DomainSourceRow(
        name=_("Báo cáo của người dân (đã xác nhận)"),
        kind=DomainListKind.BLOCK,
        kind_label=DomainListKind.BLOCK.label,
        count=confirmed["n"] or 0,
        updated_at=confirmed["last"],
        community=True,
    )
    blocks = [row for row in imported if row.kind == DomainListKind.BLOCK]
    allows = [row for row in imported if row.kind == DomainListKind.ALLOW]
    return [*blocks, community, *allows]


def domain_list_lookup(*, domain: str) -> list[str]:
    """Names of the imported sources that hold ``domain`` (a registrable domain)."""
    return list(
        DomainListEntry.objects.filter(domain=domain)
        .order_by("source__name")
        .values_list("source__name", flat=True)
    )
