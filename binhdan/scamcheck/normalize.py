"""Turn what a person reports into the normalised ``ScamReport.value`` the checker matches.

Phones become E.164 (``people.identity.normalize_phone``), links and domains their
registrable domain (the checker's own ``registrable_domain``, IDN decoded), bank accounts
their digits, messages cleaned text. Every error is an ``InvalidInput`` naming the field.
"""

import hashlib
import re

from binhdan.core.errors import InvalidInput
from binhdan.core.text import clean, fold
from binhdan.people.identity import normalize_phone
from binhdan.scamcheck.checker import (
    extract_bank_accounts,
    extract_phones,
    extract_urls,
    registrable_domain,
)
from binhdan.scamcheck.checker.domains import is_ip, is_official
from binhdan.scamcheck.errors import ScamErrors
from binhdan.scamcheck.models import ReportKind

MESSAGE_MAX_CHARS = 2000
NOTE_MAX_CHARS = 500
VALUE_MAX_CHARS = 255
ACCOUNT_MIN_DIGITS = 6
ACCOUNT_MAX_DIGITS = 19

_ACCOUNT_SEPARATORS = re.compile(r"[\s.\-_]+")
# A host label: letters of any script (IDN), digits, hyphens; punycode labels too.
_LABEL = re.compile(r"^(?!-)[\w\-]{1,63}(?<!-)$")
_TLD = re.compile(r"^(?:[^\W\d_]{2,24}|xn--[a-z0-9\-]{1,59})$")


def normalize_reported_phone(value: str) -> str:
    try:
        return normalize_phone(value)
    except InvalidInput as exc:
        # people's phone error, about this form's field
        raise InvalidInput(exc.message, code=exc.code, details={"field": "value"}) from None


def normalize_reported_domain(value: str) -> str:
    """A link ("https://a.b.example.com/x?y"), a bare domain or a punycode/Unicode host ->
    its registrable domain ("example.com"), lower case, IDN decoded. IP addresses stay."""
    raw = clean(value)
    if not raw:
        raise ScamErrors.DOMAIN_REQUIRED.error()
    if " " in raw:
        raise ScamErrors.DOMAIN_HAS_SPACE.error()
    domain = registrable_domain(raw)
    if domain and is_ip(domain):
        return domain
    labels = domain.split(".") if domain else []
    if (
        len(labels) < 2
        or not all(_LABEL.match(label) for label in labels)
        or not _TLD.match(labels[-1])
    ):
        raise ScamErrors.DOMAIN_INVALID.error()
    return domain


def normalize_reported_account(value: str) -> str:
    raw = clean(value)
    if not raw:
        raise ScamErrors.ACCOUNT_REQUIRED.error()
    digits = _ACCOUNT_SEPARATORS.sub("", raw)
    if not digits.isascii() or not digits.isdigit():
        raise ScamErrors.ACCOUNT_NOT_DIGITS.error()
    if not ACCOUNT_MIN_DIGITS <= len(digits) <= ACCOUNT_MAX_DIGITS:
        raise ScamErrors.ACCOUNT_LENGTH.error(min=ACCOUNT_MIN_DIGITS, max=ACCOUNT_MAX_DIGITS)
    return digits


def normalize_reported_message(value: str) -> str:
    """The message as the person pasted it: NFC, trimmed, spaces collapsed."""
    text = clean(value)
    if not text:
        raise ScamErrors.MESSAGE_REQUIRED.error()
    if len(text) > MESSAGE_MAX_CHARS:
        raise ScamErrors.MESSAGE_TOO_LONG.error(n=f"{MESSAGE_MAX_CHARS:,}".replace(",", "."))
    return text


def message_key(text: str) -> str:
    """The grouping value of a message report: the same message forwarded by several people
    (whatever its case, diacritics or spacing) groups together."""
    return "sha256:" + hashlib.sha256(fold(text).encode("utf-8")).hexdigest()


def normalize_report_value(*, kind: str, value: str) -> str:
    """The normalised value of a report of ``kind``; ``InvalidInput`` on ``value``."""
    if kind == ReportKind.PHONE:
        return normalize_reported_phone(value)
    if kind == ReportKind.DOMAIN:
        return normalize_reported_domain(value)
    if kind == ReportKind.BANK_ACCOUNT:
        return normalize_reported_account(value)
    if kind == ReportKind.MESSAGE:
        return message_key(normalize_reported_message(value))
    raise ScamErrors.REPORT_KIND_INVALID.error()


def message_hints(text: str) -> list[tuple[str, str]]:
    """Phones, domains and bank accounts found in a reported message, as ``(kind, value)``.

    Official domains (gov.vn, the banks' own sites…) are left out: a scam message often
    names them to look real, and reporting them would only give moderators noise.
    """
    hints: list[tuple[str, str]] = [(ReportKind.PHONE, phone) for phone in extract_phones(text)]
    for url in extract_urls(text):
        domain = registrable_domain(url)
        if domain and not is_official(domain) and (ReportKind.DOMAIN, domain) not in hints:
            hints.append((ReportKind.DOMAIN, domain))
    hints += [(ReportKind.BANK_ACCOUNT, account) for account in extract_bank_accounts(text)]
    return [(kind, value) for kind, value in hints if len(value) <= VALUE_MAX_CHARS]
