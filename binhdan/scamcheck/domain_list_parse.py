"""Read a domain list from outside into registrable domains: a pure function, no Django.

``parse_domain_list(text, kind=...)`` understands, line by line:

- plain lists: one domain or URL per line ("evil.com", "https://a.evil.com/x"), also
  defanged ("hxxps://evil[.]com") and wildcards ("*.evil.com");
- hosts files: "0.0.0.0 evil.com other.com" (the local names of a hosts file are skipped);
- Adblock-style rules: "||evil.com^";
- CSV with a header naming the domain column ("domain", "url", "tên miền", "website"…),
  comma, semicolon or tab separated;
- "#" and "!" comments, whole-line or after a space.

Every domain becomes its registrable domain (Public Suffix List, punycode decoded), each
once. A line that cannot be read is reported as a ``LineProblem`` with its line number and
a stable ``code``; the other lines are kept. A block list may not hold an official domain
(a bank's, a ".gov.vn") nor a public suffix ("com.vn", "github.io").
"""

import csv
import re
import unicodedata
from dataclasses import dataclass, field

from binhdan.core.text import fold
from binhdan.scamcheck.checker.domains import (
    host_of,
    is_ip,
    is_official,
    is_public_suffix,
    registrable_of_host,
)

MAX_LINE_CHARS = 2000
SHOWN_CHARS = 80
DOMAIN_COLUMNS = frozenset(
    {
        "domain", "domains", "domain name", "url", "urls", "link", "links", "host",
        "hostname", "website", "site", "ten mien", "trang web", "duong link", "dia chi",
        "dia chi web", "dia chi trang web",
    }
)  # fmt: skip
LOCAL_NAMES = frozenset(
    {
        "localhost", "localhost.localdomain", "local", "broadcasthost", "ip6-localhost",
        "ip6-loopback", "ip6-localnet", "ip6-mcastprefix", "ip6-allnodes", "ip6-allrouters",
        "ip6-allhosts", "0.0.0.0",  # noqa: S104  (names, nothing binds)
    }
)  # fmt: skip
_HOSTS_ADDRESSES = frozenset({"0.0.0.0", "127.0.0.1", "::", "::1", "0", "255.255.255.255"})  # noqa: S104
_LABEL = re.compile(r"^(?!-)[\w\-]{1,63}(?<!-)$")
_TLD = re.compile(r"^(?:[^\W\d_]{2,63}|xn--[a-z0-9\-]{1,59})$")
_DEFANGED = (("[.]", "."), ("(.)", "."), ("{.}", "."), ("[dot]", "."), ("[:]", ":"))
_ADBLOCK = re.compile(r"^\|\|([^\^/$|]+)")
_INLINE_COMMENT = re.compile(r"\s[#!].*$")
_SPACE = re.compile(r"\s")


@dataclass(frozen=True)
class LineProblem:
    line: int  # 1-based, as an editor shows it
    code: str  # not_a_domain | official_domain | public_suffix | line_too_long | no_domain
    value: str = ""  # what was read (shortened), to show next to the message


@dataclass
class ParsedList:
    domains: dict[str, int] = field(default_factory=dict)  # registrable domain -> first line
    problems: list[LineProblem] = field(default_factory=list)
    duplicates: int = 0
    format: str = "plain"  # plain | csv


def normalize_list_domain(value: str) -> str | None:
    """A domain, URL or defanged URL -> its registrable domain (IDN decoded), else None."""
    raw = unicodedata.normalize("NFC", value).strip().strip("\"'<>“”‘’").strip()
    lowered = raw.lower()
    for old, new in _DEFANGED:
        lowered = lowered.replace(old, new)
    lowered = re.sub(r"^hxxp(s?)://", r"http\1://", lowered)
    lowered = re.sub(r"^\*\.", "", lowered)
    if not lowered or _SPACE.search(lowered):
        return None
    try:
        host = host_of(lowered)
    except (UnicodeError, ValueError):
        return None
    if not host:
        return None
    if is_ip(host):
        return host
    if len(host) > 253:
        return None
    labels = host.split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels):
        return None
    if not _TLD.match(labels[-1]):
        return None
    return registrable_of_host(host)


def _short(value: str) -> str:
    value = "".join(ch if ch.isprintable() else "?" for ch in value.strip())
    return value if len(value) <= SHOWN_CHARS else value[: SHOWN_CHARS - 1] + "…"


def _strip_comment(line: str) -> str:
    stripped = line.strip().lstrip("\ufeff")
    if stripped.startswith(("#", "!", "//", ";")) and not stripped.startswith("||"):
        return ""
    return _INLINE_COMMENT.sub("", stripped).strip()


def _column_name(cell: str) -> str:
    return fold(cell).strip(" *:\"'").replace("_", " ")


def _csv_header(line: str) -> tuple[str, int] | None:
    """``(delimiter, column)`` when the line is a CSV header naming a domain column."""
    for delimiter in (",", ";", "\t", "|"):
        if delimiter not in line:
            continue
        cells = next(csv.reader([line], delimiter=delimiter), [])
        for index, cell in enumerate(cells):
            if _column_name(cell) in DOMAIN_COLUMNS:
                return delimiter, index
    if _column_name(line) in DOMAIN_COLUMNS:
        return ",", 0  # a one-column CSV: its header alone
    return None


def _candidates(line: str) -> list[str]:
    """The domain-like values of one plain, hosts or Adblock line."""
    adblock = _ADBLOCK.match(line)
    if adblock:
        return [adblock.group(1)]
    tokens = line.split()
    if len(tokens) >= 2 and tokens[0] in _HOSTS_ADDRESSES:
        return [token for token in tokens[1:] if token.lower() not in LOCAL_NAMES]
    if tokens and tokens[0].lower() in LOCAL_NAMES:
        return []
    return tokens[:1]


def parse_domain_list(text: str, *, kind: str = "block") -> ParsedList:
    """Read every line of ``text``; never raises on what a line holds."""
    parsed = ParsedList()
    csv_mode: tuple[str, int] | None = None
    header_seen = False
    for number, raw in enumerate(text.splitlines(), start=1):
        if len(raw) > MAX_LINE_CHARS:
            parsed.problems.append(LineProblem(number, "line_too_long", _short(raw)))
            continue
        line = _strip_comment(raw)
        if not line:
            continue
        if not header_seen:
            header_seen = True
            csv_mode = _csv_header(line)
            if csv_mode is not None:
                parsed.format = "csv"
                continue
        if csv_mode is not None:
            delimiter, column = csv_mode
            cells = next(csv.reader([raw.strip()], delimiter=delimiter), [])
            value = cells[column].strip() if column < len(cells) else ""
            if not value:
                parsed.problems.append(LineProblem(number, "no_domain", _short(raw)))
                continue
            values = [value]
        else:
            values = _candidates(line)
        for value in values:
            _take(parsed, number, value, kind, shown=line if len(values) == 1 else value)
    return parsed


def _take(parsed: ParsedList, number: int, value: str, kind: str, *, shown: str) -> None:
    domain = normalize_list_domain(value)
    if domain is None:
        parsed.problems.append(LineProblem(number, "not_a_domain", _short(shown)))
        return
    if not is_ip(domain) and is_public_suffix(domain):
        parsed.problems.append(LineProblem(number, "public_suffix", domain))
        return
    if kind == "block" and is_official(domain):
        parsed.problems.append(LineProblem(number, "official_domain", domain))
        return
    if domain in parsed.domains:
        parsed.duplicates += 1
        return
    parsed.domains[domain] = number
