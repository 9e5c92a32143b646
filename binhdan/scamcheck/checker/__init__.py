"""The scam checker engine: pure Python, no Django.

``check_text(text, reported=...)`` returns a ``CheckResult`` (verdict "danger", "suspicious" or
"no_sign", a score, the ``Reason``s with the user's own words as evidence, and advice in plain
Vietnamese). It never says a message is safe.
"""

from .domain_lists import DomainListLookup, DomainLists
from .domains import registrable_domain
from .engine import check_text
from .errors import MAX_CHARS, CheckerInputError, EmptyText, TextTooLong
from .extract import extract_bank_accounts, extract_phones, extract_urls
from .result import CheckResult, Reason, ReportedLookup, ReportedMatch
from .rules import RULES
from .scoring import DANGER, SUSPICIOUS

RULE_CODES: tuple[str, ...] = tuple(r.code for r in RULES)

__all__ = [
    "DANGER",
    "MAX_CHARS",
    "RULE_CODES",
    "SUSPICIOUS",
    "CheckResult",
    "CheckerInputError",
    "DomainListLookup",
    "DomainLists",
    "EmptyText",
    "Reason",
    "ReportedLookup",
    "ReportedMatch",
    "TextTooLong",
    "check_text",
    "extract_bank_accounts",
    "extract_phones",
    "extract_urls",
    "registrable_domain",
]
