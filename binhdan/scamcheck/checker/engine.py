"""``check_text``: run every rule on a message and explain the verdict."""

from .advice import advice_for
from .domain_lists import DomainListLookup
from .errors import MAX_CHARS, EmptyText, TextTooLong
from .extract import find_bank_accounts, find_phones, find_urls
from .negation import is_warning
from .result import CheckResult, ReportedLookup
from .rules import RULES, Context
from .scoring import dampen, score, verdict_for
from .textview import TextView


def check_text(
    text: str,
    *,
    reported: ReportedLookup | None = None,
    domain_lists: DomainListLookup | None = None,
) -> CheckResult:
    """Look for signs of a scam in ``text``; never claims a message is safe.

    Raises ``EmptyText`` for blank input and ``TextTooLong`` past ``MAX_CHARS`` characters.
    ``reported`` matches phones, domains and bank accounts against confirmed community reports;
    ``domain_lists`` matches links against the block and allow lists loaded from outside.
    """
    if text is None or not str(text).strip():
        raise EmptyText()
    text = str(text)
    if len(text) > MAX_CHARS:
        raise TextTooLong()
    view = TextView.of(text)
    ctx = Context(
        view=view,
        urls=find_urls(text),
        phones=find_phones(text),
        accounts=find_bank_accounts(view),
        reported=reported,
        domain_lists=domain_lists,
    )
    reasons = [reason for checker_rule in RULES for reason in checker_rule.run(ctx)]
    warning = is_warning(view)
    reasons = dampen(reasons, warning=warning)
    reasons.sort(key=lambda reason: reason.weight, reverse=True)
    value = score(reasons, warning=warning)
    verdict = verdict_for(value)
    return CheckResult(
        verdict=verdict,
        score=value,
        reasons=reasons,
        advice_vi=advice_for(verdict, reasons, warning=warning),
    )
