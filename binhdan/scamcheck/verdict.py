"""What the check page shows for a checker result: the reasons with phone numbers written
the way people write them ("0912 345 678"), the community reports counted ("3 người đã báo
số này", never "nhiều người" for a single report), and what may be reported from it."""

import re

from django.utils.translation import gettext as _

from binhdan.people.identity import display_phone
from binhdan.scamcheck import services
from binhdan.scamcheck.checker import (
    CheckResult,
    ReportedMatch,
    extract_bank_accounts,
    extract_phones,
    extract_urls,
    registrable_domain,
)
from binhdan.scamcheck.checker.advice import advice_for
from binhdan.scamcheck.checker.domains import host_of, is_official
from binhdan.scamcheck.lessons import lessons_for
from binhdan.scamcheck.models import ReportKind
from binhdan.scamcheck.normalize import MESSAGE_MAX_CHARS

COMMUNITY = "reported_by_community"
_ONLY_A_NUMBER = re.compile(r"[+\d\s.\-()]+")


def shown_value(kind: str, value: str) -> str:
    """A reported value as the page shows it: phones in the national format."""
    return display_phone(value) if kind == ReportKind.PHONE else value


def readable_phone(text: str) -> str:
    """``text`` in the national format ("0912 345 678") when it is only a phone number
    ("+84912345678", "0912.345.678"), else as it is."""
    if text and _ONLY_A_NUMBER.fullmatch(text):
        phones = extract_phones(text)
        if len(phones) == 1:
            return display_phone(phones[0])
    return text


def reportable(text: str) -> list[dict[str, str]]:
    """What the checker found in a message, to offer "report this" links prefilled."""
    items = [
        {"kind": ReportKind.PHONE, "value": phone, "label": display_phone(phone)}
        for phone in extract_phones(text)
    ]
    domains: list[str] = []
    for url in extract_urls(text):
        domain = registrable_domain(url)
        if domain and not is_official(domain) and domain not in domains:
            domains.append(domain)
    items += [{"kind": ReportKind.DOMAIN, "value": d, "label": d} for d in domains]
    items += [
        {"kind": ReportKind.BANK_ACCOUNT, "value": account, "label": account}
        for account in extract_bank_accounts(text)
    ]
    return items


def community_matches(text: str) -> list[ReportedMatch]:
    """The confirmed community reports of the phones, links and accounts in ``text``, with
    how many reports (not rejected) each value has: the checker's own lookup."""
    domains: list[str] = []
    for url in extract_urls(text):
        for value in (host_of(url), registrable_domain(url)):
            if value and value not in domains:
                domains.append(value)
    return services.ConfirmedReports().matches(
        phones=extract_phones(text), domains=domains, accounts=extract_bank_accounts(text)
    )


def community_line(match: ReportedMatch) -> str:
    shown = shown_value(match.kind, match.value).replace(" ", "\u00a0")  # kept on one line
    values = {"n": match.report_count, "value": shown}
    if match.kind == ReportKind.PHONE:
        return _("%(n)s người đã báo số %(value)s là lừa đảo, và cán bộ đã xác nhận.") % values
    if match.kind == ReportKind.DOMAIN:
        return _("%(n)s người đã báo trang %(value)s là lừa đảo, và cán bộ đã xác nhận.") % values
    return (
        _("%(n)s người đã báo số tài khoản %(value)s là lừa đảo, và cán bộ đã xác nhận.") % values
    )


def verdict_context(*, text: str, result: CheckResult) -> dict[str, object]:
    """The template context of a check result (``scamcheck/_check.html``)."""
    reasons = [
        {"code": r.code, "message": r.message_vi, "evidence": readable_phone(r.evidence)}
        for r in result.reasons
    ]
    advice = result.advice_vi
    if COMMUNITY in result.codes:
        matches = sorted(community_matches(text), key=lambda m: -m.report_count)
        if matches:
            # One line per reported value, with its count, in place of the checker's; the
            # advice from the other signs (the checker's says "nhiều người" even for one).
            others = [r for r in result.reasons if r.code != COMMUNITY]
            reasons = [
                {"code": COMMUNITY, "message": community_line(m), "evidence": ""} for m in matches
            ] + [reason for reason in reasons if reason["code"] != COMMUNITY]
            if result.verdict != "no_sign":
                advice = advice_for(result.verdict, others)
    return {
        "result": result,
        "reasons": reasons,
        "advice": advice,
        "lessons": lessons_for(result.codes),
        "reportable": reportable(text),
        "message": text if len(text) <= MESSAGE_MAX_CHARS else "",
    }
