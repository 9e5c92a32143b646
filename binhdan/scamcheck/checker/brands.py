"""The brands and public services Vietnamese people are targeted with, and their real domains.

Each ``Brand`` lists the spellings a scam domain borrows (lower case, without diacritics,
without spaces or hyphens) in three strengths:

- ``tokens``: distinctive names (5 letters or more) that mean the brand wherever they appear
  in a domain ("vietcombank", "shopee", "dichvucong");
- ``abbr``: abbreviations and short names ("vcb", "acb", "momo", "bhxh") that count only when
  the rest of the label is explained by words a scam site adds ("online", "xacthuc",
  digits, another brand…): "acb-xacthuc-vn.com" but not "vibe.com" or "ocbc.com";
- ``generic`` brands (a bank, an e-wallet, the power company in words: "nganhang",
  "vidientu", "tiendien") use their tokens in that stricter way too.

``official`` are registrable domains; their sub-domains are official as well, and every
".gov.vn" domain is. Keep this list to names, domains and spellings: the matching is in
``lookalike``.
"""

from dataclasses import dataclass

BANK = "bank"
EWALLET = "ewallet"
MARKET = "marketplace"
MESSAGING = "messaging"
TELECOM = "telecom"
UTILITY = "utility"
INSURANCE = "insurance"
GOVERNMENT = "government"
POLICE = "police"
DELIVERY = "delivery"
TRAVEL = "travel"


@dataclass(frozen=True)
class Brand:
    name_vi: str
    category: str
    tokens: tuple[str, ...] = ()
    official: tuple[str, ...] = ()
    abbr: tuple[str, ...] = ()
    generic: bool = False

    @property
    def home(self) -> str:
        """Where the real one is, for the explanation: a domain, or how to recognise it."""
        if self.official:
            return self.official[0]
        if self.category in (GOVERNMENT, POLICE):
            return "trang thật kết thúc bằng “.gov.vn”"
        return ""


def _b(name, category, tokens="", official="", abbr="", generic=False) -> Brand:
    return Brand(
        name_vi=name,
        category=category,
        tokens=tuple(tokens.split()),
        official=tuple(official.split()),
        abbr=tuple(abbr.split()),
        generic=generic,
    )


BRANDS: tuple[Brand, ...] = (
    # ------------------------------------------------------------------ government, police
    _b(
        "Cổng dịch vụ công quốc gia",
        GOVERNMENT,
        "dichvucong dichvucongquocgia congdichvucong",
        "dichvucong.gov.vn",
        "dvc dvcqg",
    ),
    _b("ứng dụng VNeID của Bộ Công an", POLICE, "vneid", "vneid.gov.vn"),
    _b(
        "ứng dụng VNeID của Bộ Công an",
        POLICE,
        "dinhdanh dinhdanhdientu",
        "vneid.gov.vn",
        generic=True,
    ),
    _b(
        "Bộ Công an",
        POLICE,
        "bocongan canhsatgiaothong cucanninh",
        "bocongan.gov.vn congan.com.vn cand.com.vn csgt.vn",
        "csgt",
    ),
    _b("công an", POLICE, "congan canhsat", "", "", generic=True),
    _b("Chính phủ", GOVERNMENT, "chinhphu", "chinhphu.vn baochinhphu.vn", "", generic=True),
    _b("Tòa án nhân dân", POLICE, "toaannhandan", "toaan.gov.vn", "toaan tand"),
    _b("Viện kiểm sát nhân dân", POLICE, "vienkiemsat", "vksndtc.gov.vn", "vksnd vks"),
    _b("Cục Viễn thông", GOVERNMENT, "cucvienthong", "vnta.gov.vn", "vnta"),
    _b(
        "cơ quan thuế",
        GOVERNMENT,
        "thuedientu tongcucthue cucthue",
        "gdt.gov.vn mof.gov.vn",
        "gdt etax",
    ),
    _b(
        "cơ quan thuế",
        GOVERNMENT,
        "thue nopthue hoanthue hoadondientu",
        "gdt.gov.vn",
        generic=True,
    ),
    _b(
        "Bảo hiểm xã hội Việt Nam",
        INSURANCE,
        "baohiemxahoi vssid",
        "baohiemxahoi.gov.vn vss.gov.vn",
        "bhxh bhxhvn vss",
    ),
    _b("bảo hiểm y tế", INSURANCE, "", "baohiemxahoi.gov.vn", "bhyt"),
    _b("bảo hiểm y tế", INSURANCE, "baohiemyte", "baohiemxahoi.gov.vn", generic=True),
    _b("Ngân hàng Nhà nước", BANK, "nganhangnhanuoc", "sbv.gov.vn", "sbv"),
    _b(
        "Ngân hàng Chính sách xã hội",
        BANK,
        "nganhangchinhsach",
        "vbsp.org.vn",
        "vbsp nhcsxh",
    ),
    # ----------------------------------------------------------------------- utilities
    _b(
        "Điện lực (EVN)",
        UTILITY,
        "evnhanoi evnhcmc evnspc evncpc evnnpc evncskh",
        """evn.com.vn evnhanoi.vn evnhanoi.com.vn evnhcmc.vn evnspc.vn evncpc.vn evnnpc.vn
        evngenco1.vn evngenco2.vn evngenco3.vn evnict.vn evnfinance.vn evnnpt.vn
        evnnpt.com.vn evn.vn""",
        "evn",
    ),
    _b("Điện lực (EVN)", UTILITY, "dienluc tiendien", "evn.com.vn", "", generic=True),
    _b("công ty cấp nước", UTILITY, "tiennuoc capnuoc", "", "", generic=True),
    _b("Cấp nước Sài Gòn (SAWACO)", UTILITY, "sawaco", "sawaco.com.vn"),
    _b("Nước sạch Hà Nội", UTILITY, "hawacom", "hawacom.vn"),
    _b("Cấp nước Đà Nẵng (DAWACO)", UTILITY, "dawaco", "dawaco.com.vn"),
    _b("Nước - Môi trường Bình Dương (BIWASE)", UTILITY, "biwase", "biwase.com.vn"),
    _b("Kho bạc Nhà nước", GOVERNMENT, "khobacnhanuoc", "vst.gov.vn", "khobac"),
    # ------------------------------------------------------------------------ telecoms
    _b(
        "Viettel",
        TELECOM,
        "viettel",
        """viettel.vn viettel.com.vn vietteltelecom.vn viettelpost.com.vn viettelpost.vn
        viettelstore.vn viettelmoney.vn viettel.com viettelfamily.com viettelidc.com.vn
        viettelglobal.vn viettelconstruction.com.vn viettelcybersecurity.com
        viettelsolutions.vn viettelnetwork.vn viettelgroup.vn viettelhightech.vn""",
        "vtmoney",
    ),
    _b(
        "VNPT",
        TELECOM,
        "vnptmoney",
        """vnpt.vn vnpt.com.vn vnptmoney.vn vnpt-technology.vn vnptpay.vn vnpt-media.vn
        vnptdata.vn vnptit.vn""",
        "vnpt",
    ),
    _b("VinaPhone", TELECOM, "vinaphone vinafone", "vinaphone.com.vn vinaphone.vn"),
    _b("MobiFone", TELECOM, "mobifone mobiphone", "mobifone.vn mobifone.com.vn mobifone.net"),
    _b("Vietnamobile", TELECOM, "vietnamobile", "vietnamobile.com.vn"),
    _b(
        "FPT Telecom",
        TELECOM,
        "fpttelecom",
        "fpt.vn fpt.com.vn fpt.com fptshop.com.vn fptplay.vn fpt.edu.vn fpt.ai",
    ),
    # ------------------------------------------------------------------------- banks
    _b(
        "Vietcombank",
        BANK,
        "vietcombank vcbdigibank",
        "vietcombank.com.vn vietcombank.com vcbs.com.vn vcbf.com vcbleasing.com.vn",
        "vcb",
    ),
    _b(
        "VietinBank",
        BANK,
        "vietinbank",
        "vietinbank.vn vietinbank.com.vn vietinbanksc.com.vn vietinbankcapital.vn",
        "ctg",
    ),
    _b("BIDV", BANK, "", "bidv.com.vn bidv.vn bidv.com bsc.com.vn", "bidv"),
    _b("Agribank", BANK, "agribank", "agribank.com.vn agribank.vn abic.com.vn"),
    _b("Techcombank", BANK, "techcombank", "techcombank.com techcombank.com.vn tcbs.com.vn", "tcb"),
    _b("MB Bank", BANK, "mbbank", "mbbank.com.vn mbbank.vn mbs.com.vn mbageas.life", "mb mbb"),
    _b(
        "VPBank",
        BANK,
        "vpbank",
        "vpbank.com.vn vpbank.vn vpbanks.com.vn cake.vn fecredit.com.vn",
        "vpb",
    ),
    _b("ACB", BANK, "", "acb.com.vn acbs.com.vn acb.vn", "acb"),
    _b("Sacombank", BANK, "sacombank", "sacombank.com sacombank.com.vn sacombank.vn", "stb"),
    _b("TPBank", BANK, "tpbank", "tpb.vn tpbank.vn tpbank.com.vn", "tpb"),
    _b("HDBank", BANK, "hdbank", "hdbank.com.vn hdbank.vn", "hdb"),
    _b("VIB", BANK, "", "vib.com.vn", "vib myvib"),
    _b("SHB", BANK, "", "shb.com.vn shbfinance.com.vn", "shb"),
    _b("OCB", BANK, "", "ocb.com.vn", "ocb"),
    _b("SeABank", BANK, "seabank", "seabank.com.vn"),
    _b("MSB", BANK, "maritimebank", "msb.com.vn", "msb"),
    _b("Eximbank", BANK, "eximbank", "eximbank.com.vn", "eib"),
    _b(
        "LPBank",
        BANK,
        "lpbank lienvietpostbank lienvietbank",
        "lpbank.com.vn lienvietpostbank.com.vn",
        "lpb",
    ),
    _b("SCB", BANK, "", "scb.com.vn", "scb"),
    _b("Nam A Bank", BANK, "namabank", "namabank.com.vn"),
    _b("Bac A Bank", BANK, "bacabank", "bacabank.com.vn"),
    _b("ABBANK", BANK, "abbank", "abbank.vn"),
    _b("PVcomBank", BANK, "pvcombank", "pvcombank.com.vn"),
    _b("KienlongBank", BANK, "kienlongbank", "kienlongbank.com kienlongbank.com.vn", "klb"),
    _b("VietABank", BANK, "vietabank", "vietabank.com.vn"),
    _b("BaoViet Bank", BANK, "baovietbank", "baovietbank.vn"),
    _b("NCB", BANK, "", "ncb-bank.vn", "ncb"),
    _b("Saigonbank", BANK, "saigonbank", "saigonbank.com.vn"),
    _b("PGBank", BANK, "pgbank", "pgbank.com.vn"),
    _b("Vietbank", BANK, "vietbank", "vietbank.com.vn"),
    _b("BVBank", BANK, "bvbank", "bvbank.net.vn"),
    _b("OceanBank", BANK, "oceanbank", "oceanbank.vn"),
    _b("GPBank", BANK, "gpbank", "gpbank.com.vn"),
    _b("HSBC", BANK, "", "hsbc.com.vn hsbc.com", "hsbc"),
    _b("Shinhan Bank", BANK, "shinhanbank shinhan", "shinhan.com.vn shinhan.com"),
    _b("NAPAS", BANK, "napas", "napas.com.vn"),
    _b("một ngân hàng", BANK, "nganhang", "", "", generic=True),
    # --------------------------------------------------------------- consumer finance
    _b("FE Credit", BANK, "fecredit", "fecredit.com.vn"),
    _b("Home Credit", BANK, "homecredit", "homecredit.vn homecredit.net"),
    _b("HD Saison", BANK, "hdsaison", "hdsaison.com.vn"),
    # ----------------------------------------------------------------------- e-wallets
    _b("ví MoMo", EWALLET, "vimomo", "momo.vn mservice.com.vn", "momo"),
    _b("ZaloPay", EWALLET, "zalopay", "zalopay.vn"),
    _b("VNPAY", EWALLET, "vnpay", "vnpay.vn vnpayqr.vn"),
    _b("ShopeePay", EWALLET, "shopeepay airpay", "shopeepay.vn"),
    _b("Viettel Money", EWALLET, "viettelmoney viettelpay", "viettelmoney.vn"),
    _b("Payoo", EWALLET, "payoo", "payoo.vn"),
    _b("một ví điện tử", EWALLET, "vidientu", "", "", generic=True),
    # --------------------------------------------------------------------- marketplaces
    _b(
        "Shopee",
        MARKET,
        "shopee",
        "shopee.vn shopee.com shopee.co.id shopeemobile.com shopeefood.vn spx.vn shopee.sg",
        "spx",
    ),
    _b("Lazada", MARKET, "lazada", "lazada.vn lazada.com lazada.sg"),
    _b("Tiki", MARKET, "", "tiki.vn", "tiki"),
    _b("Sendo", MARKET, "", "sendo.vn", "sendo"),
    _b(
        "TikTok",
        MARKET,
        "tiktok",
        "tiktok.com tiktokv.com tiktokcdn.com tiktokglobalshop.com tiktokshop.com",
    ),
    _b("Chợ Tốt", MARKET, "", "chotot.com chotot.vn", "chotot"),
    _b(
        "Thế Giới Di Động",
        MARKET,
        "thegioididong dienmayxanh",
        "thegioididong.com dienmayxanh.com bachhoaxanh.com",
        "tgdd",
    ),
    # ------------------------------------------------------------------------ messaging
    _b("Zalo", MESSAGING, "", "zalo.me zalo.vn zaloapp.com zadn.vn zingmp3.vn vng.com.vn", "zalo"),
    _b(
        "Facebook",
        MESSAGING,
        "facebook messenger",
        """facebook.com fb.com fb.me fb.watch fb.gg facebook.net fbcdn.net messenger.com
        meta.com m.me metastatus.com""",
        "fb",
    ),
    _b("Telegram", MESSAGING, "telegram", "telegram.org t.me telegram.me telesco.pe"),
    _b("Instagram", MESSAGING, "instagram", "instagram.com cdninstagram.com"),
    _b("Apple (iCloud)", MESSAGING, "icloud appleid", "apple.com icloud.com"),
    _b("Netflix", MESSAGING, "netflix", "netflix.com"),
    _b("Garena", MESSAGING, "garena", "garena.vn garena.com"),
    _b(
        "Google",
        MESSAGING,
        "",
        "google.com google.com.vn googleapis.com gstatic.com youtube.com gmail.com",
        "google gmail",
    ),
    _b(
        "Amazon",
        MARKET,
        "",
        "amazon.com amazon.co.jp amazon.de amazon.co.uk amazon.sg amazonaws.com",
        "amazon",
    ),
    _b("Binance", EWALLET, "binance", "binance.com"),
    _b("Grab", DELIVERY, "", "grab.com", "grab"),
    # ---------------------------------------------------------------- delivery, travel
    _b("Bưu điện Việt Nam (VNPost)", DELIVERY, "vnpost", "vnpost.vn vnpost.com.vn"),
    _b("Bưu điện Việt Nam (VNPost)", DELIVERY, "buudien", "vnpost.vn", generic=True),
    _b("J&T Express", DELIVERY, "jtexpress", "jtexpress.vn jtexpress.com", "jnt"),
    _b("Giao Hàng Nhanh", DELIVERY, "giaohangnhanh", "ghn.vn ghn.dev", "ghn"),
    _b("Giao Hàng Tiết Kiệm", DELIVERY, "giaohangtietkiem", "ghtk.vn", "ghtk"),
    _b("Ninja Van", DELIVERY, "ninjavan", "ninjavan.co"),
    _b("Vietnam Airlines", TRAVEL, "vietnamairlines", "vietnamairlines.com"),
    _b("Vietjet Air", TRAVEL, "vietjet", "vietjetair.com vietjet.net"),
    # ------------------------------------------------------------------------ insurance
    _b(
        "Bảo Việt",
        INSURANCE,
        "",
        "baoviet.com.vn baovietnhantho.com.vn baovietbank.vn",
        "baoviet",
    ),
    _b("Prudential", INSURANCE, "prudential", "prudential.com.vn prudential.com"),
    _b("Manulife", INSURANCE, "manulife", "manulife.com.vn manulife.com"),
    _b("AIA", INSURANCE, "", "aia.com.vn aia.com", "aia"),
    _b("Dai-ichi Life", INSURANCE, "daiichi", "dai-ichi-life.com.vn"),
    _b("PVI", INSURANCE, "", "pvi.com.vn", "pvi"),
)

# Trusted beyond the brands: every ".gov.vn" is official too (see ``domains.is_official``).
EXTRA_OFFICIAL = frozenset(
    """
    gov.vn nhandan.vn vtv.vn vov.vn qdnd.vn ncsc.gov.vn tinnhiemmang.vn khonggianmang.vn
    """.split()  # noqa: SIM905
)

OFFICIAL_DOMAINS: frozenset[str] = (
    frozenset(domain for brand in BRANDS for domain in brand.official) | EXTRA_OFFICIAL
)
