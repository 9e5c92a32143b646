"""Point codes a person can type: no look-alikes, blocks of four, old codes still found."""

import re
import secrets

import pytest
from django.urls import reverse

from binhdan.classes.planning.points import new_checkin_code, point_create
from binhdan.classes.planning.selectors import point_find_by_code
from binhdan.classes.point_codes import ALPHABET, display_code, stored_candidates
from tests.classes.planning_helpers import point


def test_new_codes_use_an_alphabet_without_look_alikes():
    assert not set("ILOU") & set(ALPHABET)
    for _ in range(200):
        code = new_checkin_code()
        assert len(code) == 16
        assert set(code) <= set(ALPHABET)


def test_new_code_is_shown_in_blocks_of_four():
    assert display_code("7KQ2M9XD4TRBZC8H") == "7KQ2-M9XD-4TRB-ZC8H"


def test_old_mixed_case_code_is_shown_without_look_alikes_and_read_back():
    # given a code of an older point, mixed case with l, I, O and 0
    old = "lI0Oa_b-CdEfGhIj"
    assert len(old) == 16

    # when it is shown
    shown = display_code(old)

    # then it is five blocks of four capitals and digits, none of them look-alikes
    assert re.fullmatch(r"([0-9A-Z]{4}-){4}[0-9A-Z]{4}", shown)
    assert not set(shown.replace("-", "")) & set("ILOU")
    # and typing it back (in lower case, with spaces) finds the stored code
    assert old in stored_candidates(shown.lower().replace("-", " "))


def test_every_old_code_round_trips():
    for _ in range(300):
        old = secrets.token_urlsafe(12)
        assert old in stored_candidates(display_code(old))


@pytest.mark.parametrize(
    "typed",
    ["7kq2-m9xd-4trb-zc8h", " 7KQ2 M9XD 4TRB ZC8H ", "7KQ2M9XD4TRBZC8H", "7kq2.m9xd.4trb.zc8h"],
)
def test_typed_codes_are_normalised(typed):
    assert "7KQ2M9XD4TRBZC8H" in stored_candidates(typed)


def test_typed_o_and_i_read_as_zero_and_one():
    assert "10A2M9XD4TRBZC8H" in stored_candidates("io A2-m9xd-4trb-zc8h")


@pytest.mark.django_db
def test_point_found_by_typed_code_new_and_old(tree):
    new = point(tree.village, self_checkin_code="7KQ2M9XD4TRBZC8H")
    old = point(tree.village2, self_checkin_code="lI0Oa_b-CdEfGhIj")

    assert point_find_by_code(code="7kq2 m9xd 4trb zc8h") == new
    assert point_find_by_code(code=display_code(old.self_checkin_code).lower()) == old
    assert point_find_by_code(code="lI0Oa_b-CdEfGhIj") == old  # copied from a QR link
    assert point_find_by_code(code="AAAA-BBBB-CCCC-DDDD") is None


@pytest.mark.django_db
def test_a_new_point_gets_an_unambiguous_code(tree):
    from binhdan.classes.planning.points import PointData

    created = point_create(actor=None, data=PointData(village=tree.village, name="Nhà văn hóa"))

    assert set(created.self_checkin_code) <= set(ALPHABET)


@pytest.mark.django_db
def test_typed_code_page_redirects_to_self_checkin(client, tree):
    target = point(tree.village, self_checkin_code="lI0Oa_b-CdEfGhIj")

    response = client.get(
        reverse("classes:self_checkin_find"), {"ma": display_code(target.self_checkin_code)}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("console:self_checkin", args=["lI0Oa_b-CdEfGhIj"])


@pytest.mark.django_db
def test_typed_code_page_says_when_no_point_has_the_code(client, tree):
    response = client.get(reverse("classes:self_checkin_find"), {"ma": "AAAA-BBBB-CCCC-DDDD"})

    assert response.status_code == 404
    assert "Không tìm thấy điểm cầu có mã này" in response.content.decode()


@pytest.mark.django_db
def test_points_page_shows_the_code_in_blocks(client, tree, commune_officer):

    point(tree.village, self_checkin_code="7KQ2M9XD4TRBZC8H")
    client.force_login(commune_officer)

    response = client.get(reverse("classes:points", args=[tree.commune.code]))

    assert "7KQ2-M9XD-4TRB-ZC8H" in response.content.decode()
