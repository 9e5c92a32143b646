"""What a rule is, what it sees (``Context``) and what it returns (``Hit``s)."""

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from ..domain_lists import DomainListLookup, is_allowed
from ..domains import PATH_HOSTING, is_official
from ..extract import Found, FoundUrl
from ..negation import is_negated
from ..result import Reason, ReportedLookup
from ..textview import TextView, trim_evidence


class Group(StrEnum):
    """How a sign combines with others (see ``scoring``)."""

    REQUEST = "request"  # asks for a secret, money, a fee, an app install, a login
    PRESSURE = "pressure"  # who they claim to be, threats, urgency, secrecy, emergencies
    LURE = "lure"  # prizes, jobs, investments
    LINK = "link"  # a risky link
    COMMUNITY = "community"  # confirmed community reports
    STYLE = "style"  # weak signs of the writing itself


@dataclass(frozen=True)
class Hit:
    """A rule's finding: a span of the original text, a weight, optionally its own message."""

    start: int
    end: int
    weight: float
    message_vi: str = ""


@dataclass
class Context:
    view: TextView
    urls: list[FoundUrl]
    phones: list[Found]
    accounts: list[Found]
    reported: ReportedLookup | None = None
    domain_lists: DomainListLookup | None = None

    @property
    def text(self) -> str:
        return self.view.original

    @property
    def folded(self) -> str:
        return self.view.folded

    @cached_property
    def unofficial_urls(self) -> list[FoundUrl]:
        """Links outside official domains and the credible sites of the allow lists (a page
        host such as sites.google.com serves anyone's pages: never official)."""
        lists = self.domain_lists
        return [
            url
            for url in self.urls
            if url.host in PATH_HOSTING
            or (not is_official(url.registrable) and not is_allowed(lists, url.registrable))
        ]

    def hit(self, start: int, end: int, weight: float, message_vi: str = "") -> Hit:
        """A hit on ``folded[start:end]``."""
        o_start, o_end = self.view.span(start, end)
        return Hit(o_start, o_end, weight, message_vi)

    def find(self, pattern: re.Pattern[str], *, negatable: bool = True) -> list[re.Match[str]]:
        """Matches of ``pattern`` on the folded text, leaving out negated ones."""
        return [
            match
            for match in pattern.finditer(self.view.folded)
            if not (negatable and is_negated(self.view, match.start()))
        ]

    def find_first(
        self, pattern: re.Pattern[str], *, negatable: bool = True
    ) -> re.Match[str] | None:
        for match in pattern.finditer(self.view.folded):
            if not (negatable and is_negated(self.view, match.start())):
                return match
        return None


def first_hit(ctx: Context, *tiers: tuple[re.Pattern[str], float]) -> Iterator[Hit]:
    """One hit at the first (not negated) match of the strongest tier that matches."""
    for pattern, weight in tiers:
        match = ctx.find_first(pattern)
        if match is not None:
            yield ctx.hit(match.start(), match.end(), weight)
            return


RuleFunc = Callable[[Context], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    code: str
    weight: float  # the usual weight; a rule may give a hit a lower or higher one
    group: Group
    message_vi: str  # the default explanation for an elderly reader
    func: RuleFunc

    def run(self, ctx: Context) -> list[Reason]:
        reasons: list[Reason] = []
        seen: set[str] = set()
        for hit in self.func(ctx):
            evidence = trim_evidence(ctx.text[hit.start : hit.end])
            if not evidence or evidence in seen:
                continue
            seen.add(evidence)
            reasons.append(
                Reason(
                    code=self.code,
                    message_vi=hit.message_vi or self.message_vi,
                    evidence=evidence,
                    weight=round(min(max(hit.weight, 0.0), 0.99), 3),
                )
            )
        return reasons


REGISTRY: list[Rule] = []


def rule(code: str, *, weight: float, group: Group, message_vi: str) -> Callable[[RuleFunc], Rule]:
    """Register a rule function under a stable ``code``."""

    def register(func: RuleFunc) -> Rule:
        if any(existing.code == code for existing in REGISTRY):
            raise ValueError(f"duplicate rule code {code!r}")
        made = Rule(code=code, weight=weight, group=group, message_vi=message_vi, func=func)
        REGISTRY.append(made)
        return made

    return register
