"""What identifies a citizen: parsed once from input, normalised and protected.

``parse_identity`` is the one parser of a typed name, birth year, phone and CCCD: for
registration, learners and every check-in path (API, console, self check-in, paper
sheets), with one set of codes (``people.errors.IdentityErrors``).

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

from binhdan.core.errors import InvalidInput
from binhdan.core.text import clean, fold
from binhdan.people.errors import IdentityErrors

CCCD_LENGTH = 12
NAME_MAX = 200
_SEPARATORS = re.compile(r"[\s.\-_/]")
# Vietnamese mobile numbers as typed at a desk ("0912 345 678"): prefixes where every
# 10-digit number is valid (tests/people/test_identity.py compares with phonenumbers). 5x
# faster per item than phonenumbers, which every other number goes through.
_MOBILE = re.compile(r"0(?:3[0-9]|5[1689]|7[06-9]|8[1-8]|9[0-8])[0-9]{7}")
_PHONE_SEPARATORS = re.compile(r"[ .\-]")


def _digits_only(value: str) -> str:
    # NFKC turns full-width digits (from some phone keyboards) into ASCII ones.
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", value or ""))


def normalize_phone(value: str) -> str:
    """E.164 form of a Vietnamese (or international) phone number, or InvalidInput."""
    raw = (value or "").strip()
    if not raw:
        raise IdentityErrors.PHONE_REQUIRED.error()
    compact = _PHONE_SEPARATORS.sub("", raw)
    if _MOBILE.fullmatch(compact):
        return "+84" + compact[1:]
    return _phonenumbers_e164(raw)


def _phonenumbers_e164(raw: str) -> str:
    try:
        number = phonenumbers.parse(raw, "VN")
    except phonenumbers.NumberParseException as exc:
        raise IdentityErrors.PHONE_INVALID.error() from exc
    if not phonenumbers.is_valid_number(number):
        raise IdentityErrors.PHONE_INVALID.error()
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
        raise IdentityErrors.CCCD_REQUIRED.error()
    if not digits.isdigit() or not digits.isascii():
        raise IdentityErrors.CCCD_NOT_DIGITS.error()
    if len(digits) != CCCD_LENGTH:
        raise IdentityErrors.CCCD_LENGTH.error(n=len(digits))
    province = int(digits[:3])
    if not 1 <= province <= 96:
        raise IdentityErrors.CCCD_PROVINCE.error()
    century_digit = int(digits[3])
    if century_digit > 3:
        raise IdentityErrors.CCCD_CENTURY.error()
    year = (1900 if century_digit < 2 else 2000) + int(digits[4:6])
    if year > timezone.now().year:
        raise IdentityErrors.CCCD_YEAR.error(year=year)
    if birth_year is not None and birth_year != year:
        raise IdentityErrors.CCCD_BIRTH_YEAR_MISMATCH.error(given=birth_year, year=year)
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


@dataclass(slots=True)
class Identity:
    """What a citizen typed about themselves, checked and normalised."""

    full_name: str
    birth_year: int | None
    phone_e164: str
    cccd: CitizenId | None

    def key(self, *, village_code: str) -> str:
        return identity_key_for(
            cccd=self.cccd,
            phone_e164=self.phone_e164,
            full_name=self.full_name,
            birth_year=self.birth_year,
            village_code=village_code,
        )


def _with_field(exc: InvalidInput, field: str) -> InvalidInput:
    exc.details = {"field": field}
    return exc


def parse_identity(
    *,
    full_name: str,
    birth_year: int | None = None,
    phone: str = "",
    cccd: str = "",
    name_required: bool = True,
) -> Identity:
    """Check and normalise a typed name, birth year, phone and CCCD (each optional but the
    name, unless ``name_required`` is False); InvalidInput naming its field otherwise.

    Codes: ``name_required``, ``name_too_long``, ``birth_year_invalid`` (1900 to this
    year), ``phone_invalid``, ``cccd_*`` (``parse_cccd``). A CCCD gives the birth year when
    none was typed and must agree with the one typed. What each caller requires beyond this
    (a phone, a village, …) is its own rule.
    """
    name = clean(full_name)
    if not name and name_required:
        raise IdentityErrors.NAME_REQUIRED.error()
    if len(name) > NAME_MAX:
        raise IdentityErrors.NAME_TOO_LONG.error()
    if birth_year is not None and not 1900 <= birth_year < timezone.now().year:
        # Only a year this close to now needs the local date (slow on a batch's hot path).
        this_year = timezone.localdate().year
        if not 1900 <= birth_year <= this_year:
            raise IdentityErrors.BIRTH_YEAR_INVALID.error(year=this_year)
    phone_e164 = ""
    if phone and phone.strip():
        try:
            phone_e164 = normalize_phone(phone)
        except InvalidInput as exc:
            raise _with_field(exc, "phone") from None
    citizen_id = None
    if cccd and cccd.strip():
        try:
            citizen_id = parse_cccd(cccd, birth_year=birth_year)
        except InvalidInput as exc:
            raise _with_field(exc, "cccd") from None
        birth_year = birth_year or citizen_id.birth_year
    return Identity(name, birth_year, phone_e164, citizen_id)
