"""Block and allow lists of domains from outside (national, community, provincial lists).

The checker only sees the ``DomainListLookup`` port: the Django layer loads the imported
lists into a ``DomainLists`` (one per process, rebuilt when an import changes them) and
passes it to ``check_text``. Domains are registrable domains, IDN decoded, as
``registrable_domain`` gives them.
"""

from collections.abc import Iterable
from typing import Literal, Protocol

ListKind = Literal["block", "allow"]


class DomainListLookup(Protocol):
    def block_sources(self, domain: str) -> tuple[str, ...]:
        """Names of the block lists that hold ``domain`` (empty when none)."""
        ...

    def allow_sources(self, domain: str) -> tuple[str, ...]:
        """Names of the allow lists (credible sites) that hold ``domain``."""
        ...


class DomainLists:
    """In-memory lists: ``DomainLists([(domain, kind, source), ...])``."""

    def __init__(self, entries: Iterable[tuple[str, str, str]] = ()) -> None:
        self._lists: dict[str, dict[str, tuple[str, ...]]] = {"block": {}, "allow": {}}
        for domain, kind, source in entries:
            table = self._lists[kind]
            names = table.get(domain, ())
            if source not in names:
                table[domain] = (*names, source)

    def __len__(self) -> int:
        return len(self._lists["block"]) + len(self._lists["allow"])

    def block_sources(self, domain: str) -> tuple[str, ...]:
        return self._lists["block"].get(domain, ())

    def allow_sources(self, domain: str) -> tuple[str, ...]:
        return self._lists["allow"].get(domain, ())


def is_allowed(lists: DomainListLookup | None, domain: str) -> bool:
    """On an allow list and on no block list (a block list wins)."""
    if lists is None or not domain:
        return False
    return bool(lists.allow_sources(domain)) and not lists.block_sources(domain)
