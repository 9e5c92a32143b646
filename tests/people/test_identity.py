import random
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from binhdan.core.errors import InvalidInput
from binhdan.people.identity import (
    _phonenumbers_e164,
    display_phone,
    identity_key,
    identity_key_for,
    normalize_phone,
    parse_cccd,
    parse_identity,
)

VALID_CCCD = "033090001234"  # synthetic: Hưng Yên code, male, born 1990

mobile_prefixes = st.sampled_from(
    ["090", "091", "093", "096", "097", "098", "086", "088", "070", "081", "083", "085"]
)
seven_digits = st.text(alphabet="0123456789", min_size=7, max_size=7)


@given(prefix=mobile_prefixes, rest=seven_digits, style=st.integers(0, 3))
def test_normalize_phone_gives_same_e164_for_every_way_of_writing_it(prefix, rest, style):
    local = prefix + rest
    written = [
        local,
        f"{local[:4]} {local[4:7]} {local[7:]}",
        "+84" + local[1:],
        "84" + local[1:],
    ][style]

    assert normalize_phone(written) == "+84" + local[1:]


@given(st.text(max_size=40))
def test_normalize_phone_never_crashes_and_returns_e164_or_raises(text):
    try:
        result = normalize_phone(text)
    except InvalidInput as exc:
        assert exc.code in {"phone_required", "phone_invalid"}
    else:
        assert result.startswith("+") and result[1:].isdigit()


def test_normalize_phone_refuses_short_numbers():
    with pytest.raises(InvalidInput) as error:
        normalize_phone("0912 345")
    assert error.value.code == "phone_invalid"


def test_display_phone_is_national_format():
    assert display_phone("+84912345678") == "0912 345 678"


def test_parse_cccd_reads_birth_year_and_last4():
    citizen = parse_cccd("033 090 001 234")
    assert citizen.digits == VALID_CCCD
    assert citizen.birth_year == 1990
    assert citizen.last4 == "1234"


def test_parse_cccd_accepts_full_width_digits():
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in VALID_CCCD)
    assert parse_cccd(full_width).digits == VALID_CCCD


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("", "cccd_required"),
        ("03309000123", "cccd_length"),
        ("0330900012345", "cccd_length"),
        ("03309000123a", "cccd_not_digits"),
        ("000090001234", "cccd_province"),
        ("099090001234", "cccd_province"),
        ("033490001234", "cccd_century"),
        ("033399001234", "cccd_year"),
    ],
)
def test_parse_cccd_refuses_invalid_numbers_with_specific_codes(value, code):
    with pytest.raises(InvalidInput) as error:
        parse_cccd(value)
    assert error.value.code == code


def test_parse_cccd_checks_birth_year_agrees():
    with pytest.raises(InvalidInput) as error:
        parse_cccd(VALID_CCCD, birth_year=1991)
    assert error.value.code == "cccd_birth_year_mismatch"


@given(st.text(max_size=30))
def test_parse_cccd_never_crashes(text):
    try:
        citizen = parse_cccd(text)
    except InvalidInput:
        return
    assert len(citizen.digits) == 12 and citizen.digits.isdigit()


@given(
    province=st.integers(1, 96),
    century=st.sampled_from("0123"),
    year=st.integers(0, 25),
    serial=st.integers(0, 999999),
)
def test_parse_cccd_accepts_every_well_formed_number(province, century, year, serial):
    digits = f"{province:03d}{century}{year:02d}{serial:06d}"
    citizen = parse_cccd(digits)
    assert citizen.birth_year == (1900 if century in "01" else 2000) + year


def test_identity_key_is_keyed_hmac_not_the_number(settings):
    key = identity_key("cccd", VALID_CCCD)
    settings.BINHDAN_IDENTITY_KEY = "another-site-key-" + "z" * 32
    other_site = identity_key("cccd", VALID_CCCD)

    assert len(key) == 64
    assert VALID_CCCD not in key
    assert key != other_site


def test_identity_key_for_same_phone_different_names_differs():
    a = identity_key_for(
        cccd=None,
        phone_e164="+84912345678",
        full_name="Nguyễn Văn A",
        birth_year=1950,
        village_code="x",
    )
    b = identity_key_for(
        cccd=None,
        phone_e164="+84912345678",
        full_name="Nguyễn Thị B",
        birth_year=1952,
        village_code="x",
    )
    assert a != b


@given(st.text(min_size=1, max_size=40))
def test_identity_key_for_name_ignores_unicode_form_and_case(name):
    def key(n):
        return identity_key_for(
            cccd=None, phone_e164="", full_name=n, birth_year=1950, village_code="v"
        )

    assert key(unicodedata.normalize("NFD", name)) == key(unicodedata.normalize("NFC", name))


@pytest.mark.parametrize(
    "prefix",
    [f"0{n}" for n in (*range(30, 40), 51, 56, 58, 59, 70, *range(76, 80))]
    + [f"0{n}" for n in (*range(81, 89), *range(90, 99))],
)
def test_fast_phone_path_agrees_with_phonenumbers(prefix):
    rng = random.Random(prefix)
    for suffix in ["0000000", "9999999", *(f"{rng.randrange(10**7):07d}" for _ in range(30))]:
        number = prefix + suffix
        spaced = f"{number[:4]} {number[4:7]} {number[7:]}"
        assert normalize_phone(spaced) == _phonenumbers_e164(spaced)


@pytest.mark.parametrize(
    "raw", ["0123456789", "0891234567", "+84 912 345 678", "０９１２３４５６７８"]
)
def test_other_phones_go_through_phonenumbers(raw):
    try:
        expected = _phonenumbers_e164(raw)
    except InvalidInput:
        with pytest.raises(InvalidInput):
            normalize_phone(raw)
    else:
        assert normalize_phone(raw) == expected


# --------------------------------------------------------------------------- parse_identity


def test_parse_identity_normalises_every_part_and_reads_the_year_from_the_cccd():
    identity = parse_identity(full_name="  Nguyễn   Văn An ", phone="0912 345 678", cccd=VALID_CCCD)

    assert (identity.full_name, identity.birth_year, identity.phone_e164) == (
        "Nguyễn Văn An",
        1990,
        "+84912345678",
    )
    assert identity.cccd.last4 == "1234"


@pytest.mark.parametrize(
    ("given", "code", "field"),
    [
        ({"full_name": "  "}, "name_required", "full_name"),
        ({"full_name": "A" * 201}, "name_too_long", "full_name"),
        ({"full_name": "An", "birth_year": 1899}, "birth_year_invalid", "birth_year"),
        ({"full_name": "An", "phone": "123"}, "phone_invalid", "phone"),
        ({"full_name": "An", "cccd": "12"}, "cccd_length", "cccd"),
        (
            {"full_name": "An", "cccd": VALID_CCCD, "birth_year": 1991},
            "cccd_birth_year_mismatch",
            "cccd",
        ),
    ],
)
def test_parse_identity_names_the_code_and_the_field(given, code, field):
    with pytest.raises(InvalidInput) as error:
        parse_identity(**given)

    assert (error.value.code, error.value.details) == (code, {"field": field})


def test_parse_identity_may_go_without_a_name():
    assert parse_identity(full_name="", phone="0912345678", name_required=False).full_name == ""


def test_a_learner_without_a_birth_year_is_refused_before_anything_is_looked_up(
    tree, django_assert_num_queries
):
    import pytest

    from binhdan.core.errors import InvalidInput
    from binhdan.people.services import learner_recognise

    with django_assert_num_queries(0), pytest.raises(InvalidInput) as caught:
        learner_recognise(actor=None, village=tree.village, full_name="Lê Văn Ba", birth_year=None)
    assert caught.value.code == "birth_year_required"
    assert caught.value.details == {"field": "birth_year"}
