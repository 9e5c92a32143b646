"""Domain lists from outside: importing one (``domain_list_import``) and the per-process
snapshot the checker reads (``current_domain_lists``).

An import parses the file with the pure ``domain_list_parse.parse_domain_list``, then, in
one transaction, replaces every entry of that source: a reader sees the old list or the
new one, never half of it. A file with no readable domain changes nothing.

The checker gets a ``DomainLists`` built from the database once per process and rebuilt
when the version stamp of the sources (how many, their latest import, their entry total)
changes; a worker reads the stamp at most every ``STAMP_SECONDS``, so it sees an import
made elsewhere within that time.
"""

import threading
import time
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Count, Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from binhdan.accounts.models import User
from binhdan.core.text import clean
from binhdan.scamcheck.checker import DomainLists
from binhdan.scamcheck.domain_list_parse import LineProblem, parse_domain_list
from binhdan.scamcheck.errors import ScamErrors
from binhdan.scamcheck.models import DomainListEntry, DomainListKind, DomainListSource

MAX_FILE_BYTES = 50 * 1024 * 1024
SOURCE_MAX_CHARS = 100
BATCH_SIZE = 5000


def problem_message(problem: LineProblem) -> str:
    """The line problem in plain Vietnamese (the ``code`` is the contract)."""
    value = problem.value
    if problem.code == "official_domain":
        return _("“%(v)s” là trang chính thức, không đưa vào danh sách cảnh báo.") % {"v": value}
    if problem.code == "public_suffix":
        return _(
            "“%(v)s” là đuôi tên miền dùng chung (nhiều người có trang trên đó), không đưa "
            "vào danh sách được."
        ) % {"v": value}
    if problem.code == "line_too_long":
        return _("Dòng quá dài, không phải một tên miền.")
    if problem.code == "no_domain":
        return _("Dòng không có tên miền ở cột tên miền.")
    return _("Không đọc được tên miền: “%(v)s”.") % {"v": value}


@dataclass
class DomainListImport:
    source: str
    kind: str
    loaded: int
    replaced: int
    duplicates: int
    format: str
    problems: list[LineProblem] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "kind": self.kind,
            "format": self.format,
            "loaded": self.loaded,
            "replaced": self.replaced,
            "duplicates": self.duplicates,
            "errors": [
                {"line": p.line, "code": p.code, "message": problem_message(p)}
                for p in self.problems
            ],
        }


def _insert_entries(*, source_id: int, domains: list[str]) -> None:
    """One prepared INSERT run for every batch: a list of 100,000 domains is loaded in
    about a second, where building 100,000 model instances took several."""
    table = connection.ops.quote_name(DomainListEntry._meta.db_table)
    sql = f"INSERT INTO {table} (source_id, domain) VALUES (%s, %s)"  # noqa: S608  (no input)
    with connection.cursor() as cursor:
        for start in range(0, len(domains), BATCH_SIZE):
            batch = domains[start : start + BATCH_SIZE]
            cursor.executemany(sql, [(source_id, domain) for domain in batch])


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1258", errors="replace")  # old Windows exports


def domain_list_import(
    *,
    data: bytes,
    source: str,
    kind: str,
    file_name: str = "",
    actor: User | None = None,
) -> DomainListImport:
    """Load a block or allow list under ``source``, replacing that source's entries.

    Unreadable lines are reported (line number, code, message) and the rest is loaded.
    ``InvalidInput`` when nothing in the file is a domain; ``Conflict`` when the source
    exists with the other kind. Nothing is written unless the whole load succeeds.
    """
    name = clean(source)
    if not name or len(name) > SOURCE_MAX_CHARS:
        raise ScamErrors.SOURCE_INVALID.error(n=SOURCE_MAX_CHARS)
    if kind not in DomainListKind.values:
        raise ScamErrors.LIST_KIND_INVALID.error()
    if len(data) > MAX_FILE_BYTES:
        raise ScamErrors.FILE_TOO_LARGE.error(mb=MAX_FILE_BYTES // (1024 * 1024))
    parsed = parse_domain_list(_decode(data), kind=kind)
    if not parsed.domains:
        raise ScamErrors.EMPTY_LIST.error(details={"errors": len(parsed.problems)})
    with transaction.atomic():
        row = DomainListSource.objects.select_for_update().filter(name=name).first()
        if row is not None and row.kind != kind:
            raise ScamErrors.KIND_MISMATCH.error(name=name, kind=row.get_kind_display().lower())
        replaced = 0
        if row is None:
            row = DomainListSource(name=name, kind=kind)
        else:
            replaced = row.entry_count
            DomainListEntry.objects.filter(source=row).delete()
        row.entry_count = len(parsed.domains)
        row.skipped_lines = len({p.line for p in parsed.problems})
        row.file_name = file_name[:255]
        row.imported_at = timezone.now()
        row.imported_by = actor
        row.save()
        _insert_entries(source_id=row.pk, domains=list(parsed.domains))
        transaction.on_commit(forget_domain_lists)
    return DomainListImport(
        source=name,
        kind=kind,
        loaded=len(parsed.domains),
        replaced=replaced,
        duplicates=parsed.duplicates,
        format=parsed.format,
        problems=parsed.problems,
    )


# ------------------------------------------------------------------ the checker's snapshot

STAMP_SECONDS = 2.0  # how long a process trusts its snapshot before asking for the stamp

_lock = threading.Lock()
# (stamp, lists, when the stamp was read), swapped whole so readers need no lock
_snapshot: tuple[tuple | None, DomainLists | None, float] = (None, None, 0.0)


def _stamp() -> tuple:
    row = DomainListSource.objects.aggregate(
        n=Count("id"), last=Max("imported_at"), total=Sum("entry_count")
    )
    return (row["n"], row["last"], row["total"])


def current_domain_lists() -> DomainLists | None:
    """The imported lists for ``check_text`` (None when there are none).

    The version stamp is read at most every ``STAMP_SECONDS`` (one small query); the entries
    only after it changed. An import in this process is seen at once, one in another worker
    within ``STAMP_SECONDS``.
    """
    global _snapshot
    stamp, lists, read_at = _snapshot
    now = time.monotonic()
    if stamp is not None and now - read_at < STAMP_SECONDS:
        return lists
    fresh = _stamp()
    if fresh == stamp:
        _snapshot = (stamp, lists, now)
        return lists
    with _lock:
        stamp, lists, _read_at = _snapshot
        if stamp != fresh:
            lists = None
            if fresh[0]:
                rows = DomainListEntry.objects.values_list(
                    "domain", "source__kind", "source__name"
                ).iterator(chunk_size=20000)
                lists = DomainLists(rows)
        _snapshot = (fresh, lists, now)
    return lists


def forget_domain_lists() -> None:
    """Drop this process's snapshot (after an import commits; tests)."""
    global _snapshot
    _snapshot = (None, None, 0.0)
