"""Find phone numbers, links and bank accounts in a message, with where they are."""

import re
from dataclasses import dataclass

import phonenumbers

from .domains import BARE_TLDS, host_of, hosting_suffix, is_ip, registrable_domain
from .textview import TextView, phrases


@dataclass(frozen=True)
class Found:
    value: str  # normalised: E.164 phone, URL as written, account digits
    start: int  # span in the original text
    end: int


@dataclass(frozen=True)
class FoundUrl(Found):
    host: str
    registrable: str
    has_scheme: bool
    userinfo: str
    path: str = ""  # path, query and fragment as written ("/dang-nhap?id=1")


# --------------------------------------------------------------------------------- phones


# Candidates first (a cheap regex), then ``phonenumbers`` checks each one: its own matcher is
# far too slow on a message full of digits.
_PHONE_CANDIDATE = re.compile(
    r"(?<![\w+])(?:\+\s?\d{1,3}|\(\+?84\)|0|1[89]00)(?:[ .\-]?\d){6,11}(?![\w])"
)
_MAX_PHONE_CANDIDATES = 50


def find_phones(text: str) -> list[Found]:
    found: list[Found] = []
    for number, match in enumerate(_PHONE_CANDIDATE.finditer(text)):
        if number >= _MAX_PHONE_CANDIDATES:
            break
        try:
            parsed = phonenumbers.parse(match.group(), "VN")
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(parsed):
            e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
            found.append(Found(e164, match.start(), match.end()))
    return found


def extract_phones(text: str) -> list[str]:
    """Phone numbers in ``text`` as E.164 ("+84912345678"), region VN, in order, no repeats."""
    values: list[str] = []
    for phone in find_phones(text or ""):
        if phone.value not in values:
            values.append(phone.value)
    return values


# ----------------------------------------------------------------------------------- URLs

_LABEL = r"[\w\u0300-\u036f](?:[\w\u0300-\u036f\-]{0,62})"
_URL = re.compile(
    rf"""
    (?<![\w@.\-/\u0300-\u036f])
    (?:(?P<scheme>https?|hxxps?|ftp)://)?
    (?:(?P<userinfo>[^\s/@:]{{1,64}})@(?=[\w\[]))?
    (?P<host>
        \[[0-9a-fA-F:]{{2,39}}\]
      | (?:{_LABEL}\.){{1,8}}(?:[^\W\d_]{{2,24}}|xn--[a-zA-Z0-9\-]{{1,59}})
      | \d{{1,3}}(?:\.\d{{1,3}}){{3}}
    )
    (?![\w\u0300-\u036f])
    (?P<port>:\d{{2,5}})?
    (?P<path>[/?#][^\s<>"'“”‘’()\[\]{{}}]*)?
    """,
    re.VERBOSE | re.IGNORECASE,
)
_TRAILING = ".,;:!?…»"
_MAX_URLS = 100


def find_urls(text: str) -> list[FoundUrl]:
    found: list[FoundUrl] = []
    for match in _URL.finditer(text):
        if len(found) >= _MAX_URLS:
            break
        host_raw = match.group("host")
        scheme = bool(match.group("scheme"))
        path = match.group("path") or ""
        host = host_of(host_raw)
        if not host or (match.group("userinfo") and not scheme):
            continue  # nothing, or an e-mail address
        if is_ip(host):
            if not (scheme or path or match.group("port")):
                continue  # "1.200.000.000 đồng" is money, not a link
        elif not scheme:
            tld = host.rsplit(".", 1)[-1]
            known = tld in BARE_TLDS or host.startswith("www.") or (path and tld.isascii())
            if not (known or hosting_suffix(registrable_domain(host))):
                continue
            if path and tld not in BARE_TLDS and len(tld) > 6:
                continue
        start, end = match.start(), match.end()
        while end > start and text[end - 1] in _TRAILING:
            end -= 1
        found.append(
            FoundUrl(
                value=text[start:end],
                start=start,
                end=end,
                host=host,
                registrable=registrable_domain(host),
                has_scheme=scheme,
                userinfo=match.group("userinfo") or "",
                path=text[match.start("path") : end] if match.group("path") else "",
            )
        )
    return found


def extract_urls(text: str) -> list[str]:
    """Links in ``text`` as written (with or without "http://"), in order, no repeats."""
    values: list[str] = []
    for url in find_urls(text or ""):
        if url.value not in values:
            values.append(url.value)
    return values


# -------------------------------------------------------------------------- bank accounts

_ACCOUNT_CUE = phrases(
    r"stk",
    r"số tk",
    r"số tài khoản",
    r"tài khoản(?: số)?",
    r"tk",
    r"account(?: number| no)?",
    r"acc",
)
_ACCOUNT_NUMBER = re.compile(r"(?<![\d])(\d(?:[ .\-]?\d){5,18})(?![\d])")
_CUE_REACH = 40  # folded characters between the cue and the number


def find_bank_accounts(view: TextView) -> list[Found]:
    found: list[Found] = []
    seen: set[str] = set()
    folded = view.folded
    for cue in _ACCOUNT_CUE.finditer(folded):
        window = folded[cue.end() : cue.end() + _CUE_REACH]
        number = _ACCOUNT_NUMBER.search(window)
        if number is None:
            continue
        # Stop at a sentence end between the cue and the number.
        if re.search(r"[.!?\n]\s", window[: number.start()]):
            continue
        digits = re.sub(r"\D", "", number.group(1))
        if not 6 <= len(digits) <= 19 or digits in seen:
            continue
        seen.add(digits)
        start, end = view.span(cue.end() + number.start(1), cue.end() + number.end(1))
        found.append(Found(digits, start, end))
    return found


def extract_bank_accounts(text: str) -> list[str]:
    """Bank account numbers (6–19 digits) written near "STK", "số tài khoản", "TK"…"""
    return [account.value for account in find_bank_accounts(TextView.of(text or ""))]
