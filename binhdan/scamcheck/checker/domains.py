"""Domain knowledge: hosts, registrable domains (Public Suffix List), official domains, TLDs.

``registrable_domain`` follows the Public Suffix List shipped inside the ``publicsuffixlist``
package, its private part included: "a.b.vietcombank.com.vn" -> "vietcombank.com.vn",
"vcb-login.web.app" -> "vcb-login.web.app" (each site on a hosting platform belongs to
someone else). A few free page builders that phishing pages use but the list does not name
(``EXTRA_HOSTING_SUFFIXES``) are treated the same way. The brands are in ``brands``, the
look-alike detection in ``lookalike``.
"""

import ipaddress
import re
import unicodedata
from functools import lru_cache

from publicsuffixlist import PublicSuffixList

from binhdan.core.text import strip_diacritics

from .brands import OFFICIAL_DOMAINS
from .textview import fold_char

_PSL = PublicSuffixList()
_PSL_ICANN = PublicSuffixList(only_icann=True)

# Free site builders and hosts that give anyone a sub-domain, missing from the Public Suffix
# List: "x.weebly.com" is x's site, not Weebly's.
EXTRA_HOSTING_SUFFIXES = frozenset(
    """
    weebly.com weeblysite.com wordpress.com 000webhostapp.com 000webhost.com glitch.me
    jimdosite.com webnode.vn webnode.page site123.me tilda.ws business.site strikingly.com
    mystrikingly.com ladipage.com ladipage.me ladipage.vn ladi.me godaddysites.com
    epizy.com infinityfreeapp.com rf.gd wuaze.com kesug.com bitrix24.site ucoz.net
    sharepoint.com firebaseio.com railway.app super.site beget.tech blogspot.com.vn
    wixstudio.io
    """.split()  # noqa: SIM905
)
# Hosts that serve other people's pages under a path ("sites.google.com/view/<anyone>").
PATH_HOSTING = frozenset(
    """
    sites.google.com docs.google.com forms.office.com drive.google.com script.google.com
    """.split()  # noqa: SIM905
)
GOVERNMENT_SUFFIXES = ("gov.vn", "gov", "gov.uk", "gov.au", "gov.sg", "go.jp", "gov.cn", "go.id")

SHORTENERS = frozenset(
    """
    bit.ly bitly.com tinyurl.com cutt.ly s.id t.ly rb.gy shorturl.at shorturl.asia goo.gl
    is.gd v.gd ow.ly buff.ly tiny.cc tiny.one rebrand.ly bl.ink short.io shorte.st tr.im
    x.co lnkd.in t.co bom.so bom.to tini.to urlz.fr gg.gg surl.li shorter.me u.to clck.ru
    2.gy 1url.vn rutgon.vn link1s.com
    """.split()  # noqa: SIM905
)

# Cheap top-level domains that phishing pages favour.
SUSPICIOUS_TLDS = frozenset(
    """
    top xyz online click info icu shop vip site club live link buzz cc tk ml ga cf gq
    monster cyou sbs cfd store win bid loan work fun lat rest bond quest cam mom lol boats
    autos homes yachts beauty hair makeup skin support help services center network cloud
    today
    """.split()  # noqa: SIM905
)

# Top-level domains recognised without "http://" or "www." in front (not ones that are also
# common Vietnamese words without diacritics: "co", "de", "la", "me", "so", "to", "ai"…).
BARE_TLDS = frozenset(
    """
    vn com net org info biz xyz top online site click icu shop store vip club live link buzz
    cc tk ml ga cf gq io ly gl gd id app dev asia pro win bid loan work monster cyou sbs cfd
    lat mobi tech cloud gov edu uk us cn ru jp kr sg th kh hk tw au ca eu ws tv gg page
    website space world life today fun rest bond quest cam lol support help services center
    network email group company ltd
    """.split()  # noqa: SIM905
)


_DOTTED_DIGITS = re.compile(r"[\d.]+")


def is_ip(host: str) -> bool:
    value = host.strip("[]")
    if ":" not in value and not _DOTTED_DIGITS.fullmatch(value):
        return False  # the common case, without ipaddress's exceptions
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def _decode_label(label: str) -> str:
    if label.startswith("xn--"):
        try:
            return label.encode("ascii").decode("idna")
        except (UnicodeError, ValueError):
            return label
    return label


_URL_HEAD = re.compile(r"^[a-z][a-z0-9+.\-]*://", re.IGNORECASE)


def host_of(url_or_host: str) -> str:
    """Lower-case host of a URL or host, IDN labels decoded ("xn--..." -> Unicode)."""
    value = unicodedata.normalize("NFC", (url_or_host or "").strip())
    value = _URL_HEAD.sub("", value)
    value = re.split(r"[/?#\\]", value, maxsplit=1)[0]
    value = value.rsplit("@", 1)[-1]
    if value.startswith("["):
        return value.split("]", 1)[0].strip("[").lower()
    value = value.split(":", 1)[0].lower().strip(".")
    return ".".join(_decode_label(label) for label in value.split(".") if label)


def _extra_hosting(host: str) -> str:
    """The ``EXTRA_HOSTING_SUFFIXES`` entry ``host`` is on (or is), else ""."""
    labels = host.split(".")
    for size in (3, 2):
        suffix = ".".join(labels[-size:])
        if len(labels) >= size and suffix in EXTRA_HOSTING_SUFFIXES:
            return suffix
    return ""


def registrable_of_host(host: str) -> str:
    """``registrable_domain`` of a host already cleaned by ``host_of`` (not an IP)."""
    return _registrable(host)


@lru_cache(maxsize=65536)
def _registrable(host: str) -> str:
    extra = _extra_hosting(host)
    if extra:
        if host == extra:
            return host
        return host[: -len(extra) - 1].rsplit(".", 1)[-1] + "." + extra
    try:
        found = _PSL.privatesuffix(host)
    except (ValueError, TypeError, UnicodeError):
        found = None
    return found or host  # a public suffix itself ("blogspot.com", "gov.vn") stays whole


def registrable_domain(url_or_host: str) -> str:
    """The domain a person registers: "a.b.vietcombank.com.vn" -> "vietcombank.com.vn".

    Uses the Public Suffix List (ICANN and private parts, so "x.github.io" is x's own),
    decodes punycode labels. An IP address is returned as it is; "" when there is no host.
    """
    host = host_of(url_or_host)
    if not host or is_ip(host):
        return host
    return _registrable(host)


def is_public_suffix(host: str) -> bool:
    """True for a suffix under which people register ("com.vn", "github.io", "weebly.com")."""
    if not host or is_ip(host):
        return False
    if host in EXTRA_HOSTING_SUFFIXES:
        return True
    try:
        return _PSL.privatesuffix(host) is None
    except (ValueError, TypeError, UnicodeError):
        return False


def public_suffix(registrable: str) -> str:
    return registrable.split(".", 1)[1] if "." in registrable else registrable


@lru_cache(maxsize=65536)
def hosting_suffix(registrable: str) -> str:
    """The hosting platform a site lives on ("x.netlify.app" -> "netlify.app"), else ""."""
    if not registrable or is_ip(registrable):
        return ""
    extra = _extra_hosting(registrable)
    if extra:
        return extra if registrable != extra else ""
    try:
        private = _PSL.publicsuffix(registrable)
        icann = _PSL_ICANN.publicsuffix(registrable)
    except (ValueError, TypeError, UnicodeError):
        return ""
    if private and private != icann and private != registrable:
        return private
    return ""


def tld_of(host: str) -> str:
    return host.rsplit(".", 1)[-1]


def is_official(registrable: str) -> bool:
    return (
        registrable in OFFICIAL_DOMAINS
        or registrable.endswith(".gov.vn")
        or registrable == "gov.vn"
    )


_SWAPS = (("rn", "m"), ("vv", "w"), ("|", "l"), ("i", "l"))
_DIGIT_LETTERS = str.maketrans(
    {"0": "o", "1": "l", "3": "e", "5": "s", "4": "a", "7": "t", "8": "b", "@": "a"}
)


@lru_cache(maxsize=16384)
def skeleton(value: str, *, digits: bool = True) -> str:
    """A form where look-alike spellings collide: homoglyphs, rn/m, vv/w, i/l and, with
    ``digits``, 0/o, 1/l, 3/e, 5/s, 4/a, 7/t, 8/b."""
    value = "".join(fold_char(ch) for ch in value.lower())
    value = strip_diacritics(value)
    for old, new in _SWAPS:
        value = value.replace(old, new)
    return value.translate(_DIGIT_LETTERS) if digits else value
