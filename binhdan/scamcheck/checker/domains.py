"""Domain knowledge: registrable domains, official domains, brands and their look-alikes."""

import ipaddress
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from binhdan.core.text import strip_diacritics

from .textview import fold_char

# Multi-label public suffixes (ICANN) and hosting platforms whose sub-domains belong to
# different people (the "private" part of the Public Suffix List). Not exhaustive on purpose.
PUBLIC_SUFFIXES = frozenset(
    """
    gov.vn com.vn edu.vn org.vn net.vn info.vn biz.vn name.vn pro.vn health.vn ac.vn int.vn
    co.uk org.uk gov.uk ac.uk me.uk com.au net.au org.au gov.au edu.au co.nz co.jp ne.jp
    or.jp go.jp co.kr go.kr com.cn net.cn org.cn gov.cn com.sg gov.sg edu.sg com.my gov.my
    com.tw com.hk co.id go.id co.th go.th in.th com.ph co.in com.br com.kh com.la
    blogspot.com github.io web.app firebaseapp.com netlify.app vercel.app pages.dev
    workers.dev herokuapp.com wixsite.com weebly.com 000webhostapp.com glitch.me ngrok.io
    ngrok-free.app azurewebsites.net cloudfront.net appspot.com sites.google.com
    wordpress.com blogspot.com.vn myshopify.com r2.dev
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


@dataclass(frozen=True)
class Brand:
    name_vi: str
    tokens: tuple[str, ...]
    official: tuple[str, ...]
    prefix_ok: bool = False  # short tokens: also match at the start of a label ("evnhanoi")


BRANDS: tuple[Brand, ...] = (
    Brand("Cổng dịch vụ công quốc gia", ("dichvucong",), ("dichvucong.gov.vn",)),
    Brand("ứng dụng VNeID của Bộ Công an", ("vneid",), ("vneid.gov.vn",)),
    Brand("Bộ Công an", ("bocongan", "congan", "canhsat"), ("bocongan.gov.vn",)),
    Brand("Chính phủ", ("chinhphu",), ("chinhphu.vn", "baochinhphu.vn")),
    Brand("Cổng dịch vụ công", ("dvc", "dichvucongquocgia"), ("dichvucong.gov.vn",)),
    Brand("Tòa án nhân dân", ("toaan", "toaannhandan", "tand"), ("toaan.gov.vn",)),
    Brand("Viện kiểm sát nhân dân", ("vienkiemsat", "vksnd", "vks"), ("vksndtc.gov.vn",)),
    Brand("Cục Viễn thông", ("cucvienthong", "vnta"), ("vnta.gov.vn",)),
    Brand(
        "cơ quan thuế",
        ("thuedientu", "tongcucthue", "cucthue", "gdt", "etax"),
        ("gdt.gov.vn", "mof.gov.vn"),
    ),
    Brand(
        "Bảo hiểm xã hội Việt Nam",
        ("baohiemxahoi", "bhxh", "vssid"),
        ("baohiemxahoi.gov.vn", "vss.gov.vn"),
    ),
    Brand(
        "Điện lực (EVN)",
        ("evn", "dienluc"),
        (
            "evn.com.vn",
            "evnhanoi.vn",
            "evnhanoi.com.vn",
            "evnhcmc.vn",
            "evnspc.vn",
            "evncpc.vn",
            "evnnpc.vn",
            "evngenco1.vn",
            "evngenco2.vn",
            "evngenco3.vn",
            "evnict.vn",
            "evnfinance.vn",
        ),
        prefix_ok=True,
    ),
    Brand(
        "Viettel",
        ("viettel",),
        (
            "viettel.vn",
            "viettel.com.vn",
            "vietteltelecom.vn",
            "viettelpost.com.vn",
            "viettelpost.vn",
            "viettelstore.vn",
            "viettelmoney.vn",
            "viettel.com",
            "viettelfamily.com",
            "viettelidc.com.vn",
            "viettelglobal.vn",
        ),
    ),
    Brand("VNPT", ("vnpt",), ("vnpt.vn", "vnpt.com.vn", "vnptmoney.vn", "vnpt-technology.vn")),
    Brand("VinaPhone", ("vinaphone",), ("vinaphone.com.vn", "vinaphone.vn")),
    Brand("MobiFone", ("mobifone",), ("mobifone.vn", "mobifone.com.vn")),
    Brand("Vietcombank", ("vietcombank", "vcb"), ("vietcombank.com.vn", "vcbs.com.vn")),
    Brand("VietinBank", ("vietinbank",), ("vietinbank.vn", "vietinbank.com.vn")),
    Brand("BIDV", ("bidv",), ("bidv.com.vn", "bidv.vn", "bidv.com")),
    Brand("Agribank", ("agribank",), ("agribank.com.vn",)),
    Brand("Techcombank", ("techcombank",), ("techcombank.com", "techcombank.com.vn")),
    Brand("MB Bank", ("mbbank",), ("mbbank.com.vn", "mbbank.vn", "mbs.com.vn")),
    Brand("VPBank", ("vpbank",), ("vpbank.com.vn", "vpbank.vn", "vpbanks.com.vn")),
    Brand("ACB", ("acb",), ("acb.com.vn", "acbs.com.vn")),
    Brand("Sacombank", ("sacombank",), ("sacombank.com", "sacombank.com.vn")),
    Brand("TPBank", ("tpbank",), ("tpb.vn", "tpbank.vn", "tpbank.com.vn")),
    Brand("HDBank", ("hdbank",), ("hdbank.com.vn",)),
    Brand("VIB", ("vib",), ("vib.com.vn",)),
    Brand("SHB", ("shb",), ("shb.com.vn",)),
    Brand("OCB", ("ocb",), ("ocb.com.vn",)),
    Brand("SeABank", ("seabank",), ("seabank.com.vn",)),
    Brand("MSB", ("msb",), ("msb.com.vn",)),
    Brand("Eximbank", ("eximbank",), ("eximbank.com.vn",)),
    Brand("LPBank", ("lpbank", "lienvietpostbank"), ("lpbank.com.vn", "lienvietpostbank.com.vn")),
    Brand("Ngân hàng Nhà nước", ("sbv",), ("sbv.gov.vn",)),
    Brand("Bưu điện Việt Nam (VNPost)", ("vnpost",), ("vnpost.vn", "vnpost.com.vn")),
    Brand("J&T Express", ("jtexpress", "jnt"), ("jtexpress.vn",)),
    Brand("Giao Hàng Nhanh", ("giaohangnhanh", "ghn"), ("ghn.vn", "ghn.dev")),
    Brand("Giao Hàng Tiết Kiệm", ("giaohangtietkiem", "ghtk"), ("ghtk.vn",)),
    Brand("Ninja Van", ("ninjavan",), ("ninjavan.co",)),
    Brand("ví MoMo", ("momo",), ("momo.vn",)),
    Brand("ZaloPay", ("zalopay",), ("zalopay.vn",)),
    Brand("VNPAY", ("vnpay",), ("vnpay.vn",)),
    Brand("NAPAS", ("napas",), ("napas.com.vn",)),
    Brand("Shopee", ("shopee",), ("shopee.vn", "shopee.com", "shopee.co.id", "shopeemobile.com")),
    Brand("Lazada", ("lazada",), ("lazada.vn", "lazada.com")),
    Brand("Tiki", ("tiki",), ("tiki.vn",)),
)

OFFICIAL_DOMAINS = frozenset(domain for brand in BRANDS for domain in brand.official) | frozenset(
    {"gov.vn", "chinhphu.vn", "nhandan.vn", "vtv.vn", "zalo.me", "zalo.vn"}
)

# Short tokens also count when glued to one of these words ("vcbonline", "acb-login").
_GLUE_WORDS = tuple(
    """
    vn online bank ebank pay app login digital xacthuc hotro cskh khachhang id care support
    secure verify update net smart mobile card the vay loan quocgia online giaytrieutap
    hoantien giaolai express tracking pay
    """.split()  # noqa: SIM905
)  # fmt: skip


def is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
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


def registrable_domain(url_or_host: str) -> str:
    """The domain a person registers: "a.b.vietcombank.com.vn" -> "vietcombank.com.vn".

    Knows the usual multi-label suffixes (gov.vn, com.vn, co.uk…) and decodes punycode
    labels. An IP address is returned as it is; "" when there is no host.
    """
    host = host_of(url_or_host)
    if not host or is_ip(host):
        return host
    labels = host.split(".")
    for size in (3, 2):
        if len(labels) > size and ".".join(labels[-size:]) in PUBLIC_SUFFIXES:
            return ".".join(labels[-size - 1 :])
        if len(labels) == size and ".".join(labels) in PUBLIC_SUFFIXES:
            return host
    return ".".join(labels[-2:])


def is_official(registrable: str) -> bool:
    return registrable in OFFICIAL_DOMAINS or registrable.endswith(".gov.vn")


def public_suffix(registrable: str) -> str:
    return registrable.split(".", 1)[1] if "." in registrable else registrable


# ----------------------------------------------------------------------------- look-alikes


_SWAPS = (("rn", "m"), ("vv", "w"), ("m", "n"), ("0", "o"), ("1", "l"), ("i", "l"), ("|", "l"))
_SWAPS_DIGITS = str.maketrans({"3": "e", "5": "s", "4": "a", "7": "t", "8": "b", "@": "a"})


@lru_cache(maxsize=4096)
def skeleton(value: str) -> str:
    """A form where look-alike spellings collide: homoglyphs, 0/o, 1/l/i, rn/m, m/n."""
    value = "".join(fold_char(ch) for ch in value.lower())
    value = strip_diacritics(value)
    for old, new in _SWAPS:
        value = value.replace(old, new)
    return value.translate(_SWAPS_DIGITS)


def _within_one_edit(a: str, b: str) -> bool:
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la > lb:
        a, b, la, lb = b, a, lb, la
    i = 0
    while i < la and a[i] == b[i]:
        i += 1
    if la == lb:
        return a[i + 1 :] == b[i + 1 :] or (
            i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
        )
    return a[i:] == b[i + 1 :]


@dataclass(frozen=True)
class _Token:
    brand: Brand
    skeleton: str
    short: bool


_TOKENS = tuple(
    _Token(brand, skeleton(token), len(token) <= 4) for brand in BRANDS for token in brand.tokens
)
_GLUE_SKELETONS = tuple(skeleton(word) for word in _GLUE_WORDS)


def _short_token_hit(token: _Token, parts: list[str]) -> bool:
    tok = token.skeleton
    for part in parts:
        if part == tok:
            return True
        if part.startswith(tok):
            rest = part[len(tok) :]
            if token.brand.prefix_ok or rest in _GLUE_SKELETONS:
                return True
        if part.endswith(tok) and part[: -len(tok)] in _GLUE_SKELETONS:
            return True
    return False


def _long_token_hit(token: _Token, compact: str, labels: list[str]) -> bool:
    tok = token.skeleton
    if tok in compact:
        return True
    if len(tok) < 7:
        return False
    n = len(tok)
    for label in labels:
        for start in range(0, max(1, len(label) - n + 2)):
            if label[start : start + 1] != tok[0] and label[start + 1 : start + 2] != tok[1]:
                continue
            for size in (n - 1, n, n + 1):
                window = label[start : start + size]
                if len(window) == size and _within_one_edit(window, tok):
                    return True
    return False


@dataclass(frozen=True)
class LookAlike:
    host: str
    brand_name_vi: str
    official: str
    why: str  # "brand" | "gov" | "homoglyph"


@lru_cache(maxsize=2048)
def find_lookalike(url_or_host: str) -> LookAlike | None:
    """Why the host imitates an official or brand domain, or None (also for official ones)."""
    host = host_of(url_or_host)
    if not host or is_ip(host):
        return None
    registrable = registrable_domain(host)
    if is_official(registrable):
        return None
    skel = skeleton(host)
    labels = [label.replace("-", "").replace("_", "") for label in skel.split(".")]
    parts = [part for part in re.split(r"[.\-_]", skel) if part]
    compact = "".join(labels)
    for token in _TOKENS:
        hit = (
            _short_token_hit(token, parts)
            if token.short
            else _long_token_hit(token, compact, labels)
        )
        if hit:
            return LookAlike(host, token.brand.name_vi, token.brand.official[0], "brand")
    suffix = public_suffix(registrable)
    if suffix not in GOVERNMENT_SUFFIXES and any(p in ("gov", "govvn", "gouv") for p in parts):
        return LookAlike(host, "cơ quan nhà nước", "gov.vn", "gov")
    if not host.isascii():
        ascii_skel = skel.encode("ascii", "ignore").decode()
        if ascii_skel == skel and registrable_domain(ascii_skel) in OFFICIAL_DOMAINS:
            official = registrable_domain(ascii_skel)
            return LookAlike(host, official, official, "homoglyph")
        if _has_mixed_scripts(host):
            return LookAlike(host, "một trang web khác", "", "homoglyph")
    return None


def _has_mixed_scripts(host: str) -> bool:
    for label in host.split("."):
        scripts = set()
        for ch in label:
            if ch.isascii():
                if ch.isalpha():
                    scripts.add("latin")
                continue
            name = unicodedata.name(ch, "")
            if name.startswith("LATIN"):
                scripts.add("latin")
            elif name.startswith(("CYRILLIC", "GREEK", "ARMENIAN")):
                scripts.add("other")
        if len(scripts) > 1:
            return True
    return False
