"""Does a link imitate a brand or a public service? ``find_lookalike(host, path)``.

How a domain is read:

1. Only the part a person chose is looked at: the labels before the public suffix (the
   Public Suffix List, hosting platforms included), so "vcb-login.web.app" is read as
   "vcb-login" and "a.b.vietcombank.com.vn" is official (see ``domains``).
2. Each label is compared in a "skeleton" form where look-alike letters collide (``domains
   .skeleton``), once with digits read as letters ("vietc0mbank") and once with digits kept
   ("11shb", "momo88").
3. A brand token found in a label is weighed by how much of the label the brand and the
   words a scam site adds around it explain (``_junk``): digits, words such as "online",
   "xacthuc", "hotro", place names, another brand, and garbled spellings of "bank",
   "digibank", "online" ("digibnak"). A distinctive name ("vietcombank") counts wherever it
   is; an abbreviation ("vcb", "acb", "momo") only when little or nothing is left over, so
   "vibe.com" or "ocbc.com" stay quiet.
4. A label one typing slip away from a brand's name (two letters swapped, one doubled or
   dropped: "vietcombnak", "agrribank", "sacombak") counts like the name itself.
5. The context adds weight: a cheap top-level domain (".top", ".xyz"…), a free hosting
   platform, a path that asks for a login or a verification ("/dang-nhap", "/xac-thuc").
6. A brand in the path counts on a page host ("sites.google.com/view/<brand>") or next to
   a login path ("/vcb/dang-nhap").

The weight of a hit is ``0.55 + 0.2 × coverage`` (+ 0.1 with a context), where coverage is
the share of the label explained; a hit is only reported once it passes the brand's bar.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .brands import BRANDS, MESSAGING, Brand
from .domains import (
    GOVERNMENT_SUFFIXES,
    OFFICIAL_DOMAINS,
    PATH_HOSTING,
    SUSPICIOUS_TLDS,
    host_of,
    hosting_suffix,
    is_ip,
    is_official,
    public_suffix,
    registrable_domain,
    skeleton,
    tld_of,
)
from .edits import one_edit_apart, osa_distance

STRONG, ABBR, GENERIC = "strong", "abbr", "generic"

# Words a scam domain puts around a brand (lower case, without diacritics or spaces).
FILLER_WORDS = """
vn viet vietnam vietnamese vnd hotro ho tro cskh chamsoc chamsockhachhang khachhang kh
taikhoan tk xacthuc xacminh xacnhan dangnhap dangky dk capnhat nangcap kichhoat mokhoa
khoa baomat anninh thongtin thongbao tracuu tra cuu thanhtoan tt chuyentien chuyenkhoan
ck ruttien naptien nhantien tien hoantien hoantra giaingan vay vaytien tindung the
thetindung uudai khuyenmai km quatang qua tang tangqua nhanqua nhanthuong thuong
trungthuong trian tri an sukien mayman dacbiet quayso vongquay nhan tet noel giangsinh
sinhnhat kyniem tuyendung vieclam congviec ctv congtacvien donhang giaohang vanchuyen
kienhang hoadon dichvu dv chinhthuc chinhhang trungtam tongdai cuahang chinhanh
hethong nguoidung canhan doanhnghiep thanhvien hoivien diem doidiem tichdiem tructuyen
nhanh ngay mienphi mien phi hoan tra dong bo dongbo dangkyngay hotrokhachhang
online onl login log signin sign secure security verify verification verified update
updates account acc accounts auth check confirm customer customers care support service
services help helpdesk info official portal web site app apps mobile net digital digi
bank banking ebank ibank mbank ebanking ibanking mbanking smartbank smartbanking
internetbanking mobilebanking netbanking onlinebanking pay payment payments epay ipay
mpay wallet card cards credit loan loans cash money gift gifts reward rewards bonus
promo promotion event events lucky win winner prize claim free sale sales deal deals
shop store mall express delivery tracking track ship shipping post global group center
centre hub plus pro vip club now today new home my go get id user users member members
system sys cs crm tech data hotline call contact chat live trade invest asia intl corp
company co ltd jsc top best one all fast quick easy smart safe true real best 24h 247
h24 247h vnid vip88 gov govvn gouv com org edu int
hanoi hn hcm hcmc tphcm saigon sg danang dn haiphong hp cantho hue nghean thanhhoa
quangninh binhduong dongnai khanhhoa nhatrang vungtau hungyen bacninh mienbac miennam
mientrung tw trunguong tinh thanhpho tp quan huyen xa phuong npc cpc spc
nhan doi diem loc vang moi tai khoan xac thuc dang nhap ky cap nhat vi dien tu gia re tot
mua ban sieu thi sieuthi giare phat nguoi phatnguoi tintuc tin news omni neo pc ez max lite
"""

# Words scam domains garble ("digibnak", "bamking", "onlline"): matched within a few edits.
IMITATED_WORDS = """
bank banking digibank digital ebank ebanking ibank ibanking smartbanking mobilebanking
internetbanking online login xacthuc secure verify support hotro khachhang taikhoan
service account
"""

# Path segments that ask for a login or a verification.
AUTH_WORDS = frozenset(
    """
    login signin sign logon dangnhap xacthuc xacminh xacnhan verify verification auth
    authenticate otp kichhoat capnhat update mokhoa confirm ekyc dinhdanh sinhtrachoc
    """.split()  # noqa: SIM905
)
AUTH_COMPANIONS = frozenset(
    """
    dang nhap xac thuc minh nhan kich hoat cap nhat mo khoa sinh trac hoc in on up log
    tai khoan taikhoan account accounts user users thong tin thongtin ca canhan info web
    page index step vn online my id new secure security ngan hang nganhang the card
    """.split()  # noqa: SIM905
)


@dataclass(frozen=True)
class _Token:
    key: str  # the skeleton form matched
    shown: str  # the spelling shown to the reader
    brand: Brand
    tier: str


def _tier(brand: Brand, token: str) -> str:
    if brand.generic:
        return GENERIC
    return ABBR if token in brand.abbr else STRONG


def _build_tokens() -> tuple[_Token, ...]:
    tokens: dict[str, _Token] = {}
    for brand in BRANDS:
        for token in (*brand.tokens, *brand.abbr):
            key = skeleton(token, digits=False)
            made = _Token(key, token, brand, _tier(brand, token))
            # The first brand to claim a spelling keeps it; a stronger tier wins over "generic".
            if key not in tokens or (tokens[key].tier == GENERIC and made.tier != GENERIC):
                tokens[key] = made
    return tuple(sorted(tokens.values(), key=lambda t: -len(t.key)))


TOKENS = _build_tokens()
_TOKEN_KEYS = frozenset(token.key for token in TOKENS)
_FILLER = frozenset(skeleton(word, digits=False) for word in FILLER_WORDS.split())
_VOCAB = _FILLER | _TOKEN_KEYS
_VOCAB_LENGTHS = tuple(sorted({len(word) for word in _VOCAB}))
_IMITATED: dict[str, tuple[str, ...]] = {}
for _word in IMITATED_WORDS.split():
    _key = skeleton(_word, digits=False)
    _IMITATED.setdefault(_key[0], ())
    _IMITATED[_key[0]] += (_key,)


def _typo_targets() -> tuple[tuple[str, _Token], ...]:
    """Names a typo-squat bends: distinctive tokens and 4- to 6-letter abbreviations, and the
    brands' official labels."""
    targets: dict[str, _Token] = {}
    for token in TOKENS:
        if token.tier == STRONG or (token.tier == ABBR and len(token.key) >= 3):
            targets.setdefault(token.key, token)
    for token in TOKENS:
        for domain in token.brand.official:
            label = skeleton(domain.split(".", 1)[0], digits=False).replace("-", "")
            if len(label) >= 5 and label.isalpha():
                targets.setdefault(label, _Token(label, label, token.brand, STRONG))
    return tuple(targets.items())


_TYPO_TARGETS = _typo_targets()


def _thirds(word: str) -> tuple[str, ...]:
    """One edit (even a swap of two neighbours) leaves at least one third of a word whole."""
    a, b = len(word) // 3, 2 * len(word) // 3
    return tuple(part for part in (word[:a], word[a:b], word[b:]) if part)


_TYPO_PIECES = {target: _thirds(target) for target, _token in _TYPO_TARGETS}


def _allowance(token: _Token) -> int:
    """Characters of the label a brand token may leave unexplained."""
    if token.tier == STRONG:
        return 99
    if token.tier == GENERIC:
        return 0
    size = len(token.key)
    return 0 if size <= 3 else 1 if size == 4 else 2 if size <= 6 else 3


def _imitation_budget(word: str) -> int:
    return 1 if len(word) <= 5 else 2


@lru_cache(maxsize=65536)
def _junk(rest: str) -> int:
    """Fewest characters of ``rest`` left unexplained by digits, filler words, brand tokens
    and garbled spellings of ``IMITATED_WORDS``."""
    size = len(rest)
    if not size:
        return 0
    worst = size + 1
    cost = [0] + [worst] * size
    for i in range(size):
        here = cost[i]
        if here >= worst:
            continue
        cost[i + 1] = min(cost[i + 1], here + 1)
        if rest[i].isdigit():
            j = i
            while j < size and rest[j].isdigit():
                j += 1
            cost[j] = min(cost[j], here)
            continue
        for length in _VOCAB_LENGTHS:
            if i + length > size:
                break
            if rest[i : i + length] in _VOCAB:
                cost[i + length] = min(cost[i + length], here)
        # a garbled word, also behind one stray letter ("vcb" + "k" + "bank")
        words = _IMITATED.get(rest[i], ()) + _IMITATED.get(rest[i + 1 : i + 2], ())
        for word in words:
            budget = _imitation_budget(word)
            for length in range(len(word) - budget, len(word) + budget + 1):
                if i + length > size or length < 3:
                    continue
                if osa_distance(rest[i : i + length], word, budget) <= budget:
                    cost[i + length] = min(cost[i + length], here)
    return cost[size]


@dataclass(frozen=True)
class LookAlike:
    host: str
    brand_name_vi: str
    official: str  # where the real one is (a domain, or how to recognise it), may be ""
    why: str  # "brand" | "typo" | "path" | "gov" | "homoglyph"
    token: str = ""  # the brand's spelling found, as shown to the reader
    weight: float = 0.75
    context: tuple[str, ...] = field(default=())  # "tld:<tld>", "hosting:<suffix>", "auth:<seg>"


@dataclass(frozen=True)
class _Found:
    token: _Token
    coverage: float
    why: str


def _edit_kind_ok(window: str, target: str) -> bool:
    """For short names only swaps, doubled and dropped letters count, not a changed letter."""
    if len(target) >= 7:
        return True
    if len(window) == len(target):
        if sorted(window) == sorted(target):
            return True  # an adjacent swap
        # a letter doubled over its neighbour ("shoppe" for "shopee")
        i = next(k for k in range(len(target)) if window[k] != target[k])
        return (i > 0 and window[i] == window[i - 1]) or (
            i + 1 < len(window) and window[i] == window[i + 1]
        )
    if len(window) == len(target) + 1:  # a doubled letter
        return any(
            window[:i] + window[i + 1 :] == target and window[i] == window[i - 1]
            for i in range(1, len(window))
        )
    return len(target) >= 5  # a dropped letter, only for names of 5 letters or more


def _edit_fits(window: str, target: str) -> bool:
    """3-letter abbreviations bend only by a doubled letter ("vccb"), nothing else."""
    if len(target) <= 3 and len(window) != len(target) + 1:
        return False
    return _edit_kind_ok(window, target)


def _typo_in(compact: str) -> _Found | None:
    best: _Found | None = None
    size = len(compact)
    for target, token in _TYPO_TARGETS:
        n = len(target)
        if n > size + 1 or not any(piece in compact for piece in _TYPO_PIECES[target]):
            continue
        if n >= 7:
            starts: set[int] = set(range(0, size - n + 2))
        else:
            starts = {0, size - n - 1, size - n, size - n + 1}
        for start in starts:
            if start < 0:
                continue
            for length in (n - 1, n, n + 1):
                end = start + length
                if end > size or length < 4:
                    continue  # (a 3-letter name's only typo is 4 letters long)
                window = compact[start:end]
                if window[0] != target[0] and window[-1] != target[-1]:
                    continue
                if not one_edit_apart(window, target) or not _edit_fits(window, target):
                    continue
                junk = _junk(compact[:start]) + _junk(compact[end:])
                allowed = 99 if n >= 7 else (1 if n >= 5 else 0)
                if junk > allowed:
                    continue
                found = _Found(token, (size - junk) / size, "typo")
                if best is None or found.coverage > best.coverage:
                    best = found
    return best


def _exact_in(compact: str) -> _Found | None:
    best: _Found | None = None
    size = len(compact)
    for token in TOKENS:
        start = compact.find(token.key)
        while start >= 0:
            end = start + len(token.key)
            junk = _junk(compact[:start]) + _junk(compact[end:])
            if junk <= _allowance(token):
                found = _Found(token, (size - junk) / size, "brand")
                if (
                    best is None
                    or found.coverage > best.coverage
                    or (found.coverage == best.coverage and len(token.key) > len(best.token.key))
                ):
                    best = found
                break
            start = compact.find(token.key, start + 1)
    return best


@lru_cache(maxsize=16384)
def _brand_in_label(label: str) -> _Found | None:
    """The brand a label (or a path segment) imitates, trying digits as letters and kept."""
    best: _Found | None = None
    for digits in (False, True):
        compact = re.sub(r"[\-_.~+]", "", skeleton(label, digits=digits))
        if len(compact) < 2:
            continue
        found = _exact_in(compact) or (_typo_in(compact) if len(compact) >= 4 else None)
        if found and (best is None or found.coverage > best.coverage):
            best = found
    return best


_EXTENSION = re.compile(r"\.(?:html?|php\d?|aspx?|jsp|cgi)$")


def auth_segment(path: str) -> str:
    """The path segment that asks for a login or a verification ("dang-nhap"), else ""."""
    for segment in re.split(r"[/?#&=;]", path.lower()):
        segment = _EXTENSION.sub("", segment)
        if not segment:
            continue
        words = [w for w in re.split(r"[\-_.+]", skeleton(segment, digits=False)) if w]
        if not words:
            continue
        compact = "".join(words)
        if compact in _AUTH or (
            any(w in _AUTH for w in words)
            and all(
                w in _AUTH or w in _AUTH_COMPANIONS or w.isdigit() or w in _TOKEN_KEYS
                for w in words
            )
        ):
            return segment
        if any(compact == a + b for a in _AUTH_PREFIXES for b in _AUTH_SUFFIXES):
            return segment
    return ""


_AUTH = frozenset(skeleton(w, digits=False) for w in AUTH_WORDS)
_AUTH_COMPANIONS = frozenset(skeleton(w, digits=False) for w in AUTH_COMPANIONS)
_AUTH_PREFIXES = ("dang", "xac", "kich", "cap", "mo")
_AUTH_SUFFIXES = ("nhap", "thuc", "minh", "nhan", "hoat", "khoa")


def _weight(found: _Found, context: tuple[str, ...]) -> float:
    return round(min(0.9, 0.55 + 0.2 * found.coverage + (0.1 if context else 0.0)), 3)


def _name_labels(host: str, registrable: str) -> list[str]:
    """The labels a person chose: the host without its public or hosting suffix."""
    suffix = hosting_suffix(registrable) or public_suffix(registrable)
    if host == suffix or not host.endswith("." + suffix):
        return host.split(".")
    return host[: -len(suffix) - 1].split(".")


@lru_cache(maxsize=4096)
def find_lookalike(url_or_host: str, path: str = "") -> LookAlike | None:
    """Why the link imitates a brand or a public service, or None (also for official ones).

    ``path`` is the link's path and query ("/vcb/dang-nhap?x=1"), when known.
    """
    host = host_of(url_or_host)
    if not host or is_ip(host):
        return None
    registrable = registrable_domain(host)
    page_host = host in PATH_HOSTING  # anyone's pages, under an official domain
    if is_official(registrable) and not page_host:
        return None
    labels = [] if page_host else _name_labels(host, registrable)
    context: list[str] = []
    tld = tld_of(host)
    if tld in SUSPICIOUS_TLDS:
        context.append(f"tld:{tld}")
    hosting = hosting_suffix(registrable) or (host if page_host else "")
    if hosting:
        context.append(f"hosting:{hosting}")
    auth = auth_segment(path) if path else ""
    if auth:
        context.append(f"auth:{auth}")
    best: _Found | None = None
    for label in labels:
        found = _brand_in_label(label)
        if found and (best is None or found.coverage > best.coverage):
            best = found
    if best is not None:
        return _made(host, best, tuple(context))
    if path and (auth or hosting):
        for segment in re.split(r"[/?#&=;]", path)[:6]:
            segment = _EXTENSION.sub("", segment)
            if segment and segment.lower() not in _PATH_WORDS:
                found = _brand_in_label(segment)
                if found is not None:
                    path_found = _Found(found.token, found.coverage, "path")
                    return _made(host, path_found, tuple(context))
    if page_host:
        return None
    return _gov_or_homoglyph(host, registrable, tuple(context))


_PATH_WORDS = frozenset({"view", "forms", "d", "e", "s", "u", "0", "1", "viewform", "edit"})


def _made(host: str, found: _Found, context: tuple[str, ...]) -> LookAlike:
    brand = found.token.brand
    return LookAlike(
        host=host,
        brand_name_vi=brand.name_vi,
        official=brand.home,
        why=found.why,
        token=found.token.shown,
        weight=_weight(found, context),
        context=context,
    )


def _gov_or_homoglyph(host: str, registrable: str, context: tuple[str, ...]) -> LookAlike | None:
    skel = skeleton(host)
    parts = [part for part in re.split(r"[.\-_]", skel) if part]
    suffix = public_suffix(registrable)
    if suffix not in GOVERNMENT_SUFFIXES and any(p in ("gov", "govvn", "gouv") for p in parts):
        return LookAlike(host, "cơ quan nhà nước", "gov.vn", "gov", "gov", 0.75, context)
    if not host.isascii():
        ascii_skel = skel.encode("ascii", "ignore").decode()
        if ascii_skel == skel and registrable_domain(ascii_skel) in OFFICIAL_DOMAINS:
            official = registrable_domain(ascii_skel)
            return LookAlike(host, official, official, "homoglyph", "", 0.75, context)
        if _has_mixed_scripts(host):
            return LookAlike(host, "một trang web khác", "", "homoglyph", "", 0.75, context)
    return None


def _has_mixed_scripts(host: str) -> bool:
    import unicodedata

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


# ------------------------------------------------------------------- brands named in text

_MAX_WORDS_IN_NAME = 4


def brands_named(folded: str) -> list[Brand]:
    """Brands a message names in its words ("ngân hàng Vietcombank", "ví MoMo", "bhxh").

    Chat apps are left out: "gửi qua Zalo" names how a link came, not whose site it is.
    """
    words = re.findall(r"[a-z0-9]+", folded)
    found: list[Brand] = []
    by_key = _TOKENS_BY_KEY
    for i in range(len(words)):
        joined = ""
        for j in range(i, min(i + _MAX_WORDS_IN_NAME, len(words))):
            joined += words[j]
            token = by_key.get(skeleton(joined, digits=False))
            if token is not None and token.brand not in found and token.brand.category != MESSAGING:
                found.append(token.brand)
    return found


_TOKENS_BY_KEY = {token.key: token for token in TOKENS}
