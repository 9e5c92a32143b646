"""The checker's answer (``CheckResult`` of ``Reason``s) and the community-report lookup port."""

from dataclasses import dataclass, field
from typing import Literal, Protocol

Verdict = Literal["danger", "suspicious", "no_sign"]
MatchKind = Literal["phone", "domain", "bank_account"]

EVIDENCE_MAX = 120


@dataclass(frozen=True)
class Reason:
    """One sign found in a message. ``code`` is the contract for clients, never the text."""

    code: str
    message_vi: str
    evidence: str
    weight: float = field(default=0.0, compare=False)

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message_vi": self.message_vi, "evidence": self.evidence}


@dataclass(frozen=True)
class CheckResult:
    verdict: Verdict
    score: float
    reasons: list[Reason]
    advice_vi: str

    @property
    def codes(self) -> list[str]:
        return [reason.code for reason in self.reasons]

    def to_dict(self) -> dict[str, object]:
        return {
            "verdict": self.verdict,
            "score": self.score,
            "reasons": [reason.to_dict() for reason in self.reasons],
            "advice_vi": self.advice_vi,
        }


@dataclass(frozen=True)
class ReportedMatch:
    """A confirmed community report that matches a value found in the message."""

    kind: MatchKind
    value: str
    report_count: int


class ReportedLookup(Protocol):
    """Implemented by the Django layer from confirmed ``ScamReport``s.

    ``phones`` are E.164 ("+84912345678"); ``domains`` are lower-case hosts and registrable
    domains (IDN decoded, as ``registrable_domain`` gives); ``accounts`` are digit strings.
    """

    def matches(
        self, *, phones: list[str], domains: list[str], accounts: list[str]
    ) -> list[ReportedMatch]: ...
