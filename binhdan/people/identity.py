"""Normalising and protecting what identifies a citizen: phone numbers and CCCD.

The citizen ID number (CCCD, 12 digits) is never stored. We keep only
``identity_key`` = HMAC-SHA256(BINHDAN_IDENTITY_KEY, "cccd:" + digits), which lets us
recognise the same person twice without being able to recover the number, and at most
its last four digits for a human check.
"""

import hashlib
import hmac
import re
import unicodedata
from dataclasses import dataclass

import phonenumbers
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.translation import gettext as _

from binhdan.core.errors import InvalidInput
from binhdan.core.text import fold

CCCD_LENGTH = 12
_SEPARATORS = re.compile(r"[\s.\-_/]")


def _digits_only(value: str) -> str:
    # NFKC turns full-width digits (from some phone keyboards) into ASCII ones.
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", value or ""))


def normalize_phone(value: str) -> str:
    """E.164 form of a Vietnamese (or international) phone number, or InvalidInput."""
    raw = (value or "").strip()
    if not raw:
        raise InvalidInput(_("Hãy nhập số điện thoại."), code="phone_required")
    try:
        number = phonenumbers.parse(raw, "VN")
    except phonenumbers.NumberParseException as exc:
        raise InvalidInput(
            _("Số điện thoại không hợp lệ: hãy nhập 10 số, ví dụ 0912 345 678."),
            code="phone_invalid",
        ) from exc
    if not phonenumbers.is_valid_number(number):
        raise InvalidInput(
            _("Số điện thoại không hợp lệ: hãy nhập 10 số, ví dụ 0912 345 678."),
            code="phone_invalid",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display_phone(e164: str) -> str:
    if not e164:
        return ""
    number = phonenumbers.parse(e164, "VN")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


@dataclass(frozen=True)
class CitizenId:
    digits: str
    birth_year: int

    @property
    def last4(self) -> str:
        return self.digits[-4:]


def parse_cccd(value: str, *, birth_year: int | None = None) -> CitizenId:
    """Validate a 12-digit CCCD number.

    Digits 1–3: the birthplace province code (001–096); digit 4: sex and century
    (0/1: 1900s, 2/3: 2000s, odd = female); digits 5–6: the last two digits of the year
    of birth. When ``birth_year`` is given it must agree with the number.
    """
    digits = _digits_only(value)
    if not digits:
        raise InvalidInput(_("Hãy nhập số CCCD."), code="cccd_required")
    if not digits.isdigit() or not digits.isascii():
        raise InvalidInput(_("Số CCCD chỉ gồm chữ số."), code="cccd_not_digits")
    if len(digits) != CCCD_LENGTH:
        raise InvalidInput(
            _("Số CCCD phải có đúng 12 chữ số (đã nhập %(n)s).") % {"n": len(digits)},
            code="cccd_length",
        )
    province = int(digits[:3])
    if not 1 <= province <= 96:
        raise InvalidInput(
            _("Ba số đầu của CCCD (mã nơi đăng ký khai sinh) không hợp lệ."),
            code="cccd_province",
        )
    century_digit = int(digits[3])
    if century_digit > 3:
        raise InvalidInput(
            _("Số thứ tư của CCCD (giới tính, thế kỷ sinh) không hợp lệ."), code="cccd_century"
        )
    year = (1900 if century_digit < 2 else 2000) + int(digits[4:6])
    if year > timezone.now().year:
        raise InvalidInput(
            _("Năm sinh trong số CCCD (%(year)s) ở tương lai.") % {"year": year},
            code="cccd_year",
        )
    if birth_year is not None and birth_year != year:
        raise InvalidInput(
            _("Năm sinh %(given)s không khớp với số CCCD (năm %(year)s).")
            % {"given": birth_year, "year": year},
            code="cccd_birth_year_mismatch",
        )
    return CitizenId(digits=digits, birth_year=year)


def _site_key() -> bytes:
    key = settings.BINHDAN_IDENTITY_KEY
    if not key:
        raise ImproperlyConfigured(
            "BINHDAN_IDENTITY_KEY is not set: run `binhdan init_local` (development) "
            "or set the environment variable (production)."
        )
    return key.encode("utf-8")


def identity_key(kind: str, normalized_value: str) -> str:
    """HMAC-SHA256 of ``kind:value`` with the site key, as 64 hex characters."""
    message = f"{kind}:{normalized_value}".encode()
    return hmac.new(_site_key(), message, hashlib.sha256).hexdigest()


def identity_key_for(
    *,
    cccd: CitizenId | None,
    phone_e164: str,
    full_name: str,
    birth_year: int | None,
    village_code: str,
) -> str:
    """The strongest identity we have: the CCCD, else phone + name, else name + year + village.

    The phone alone is not an identity: an elderly couple often shares one phone.
    """
    if cccd is not None:
        return identity_key("cccd", cccd.digits)
    if phone_e164:
        return identity_key("tel", f"{phone_e164}|{fold(full_name)}")
    return identity_key("name", f"{fold(full_name)}|{birth_year or ''}|{village_code}")
