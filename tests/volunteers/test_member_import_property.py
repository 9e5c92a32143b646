"""The member import's property: the same members, shuffled, re-cased, re-spaced, in NFD and
listed twice, import to the same result."""

import csv
import io
import unicodedata

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from binhdan.core.text import fold
from binhdan.volunteers.member_import import member_import
from binhdan.volunteers.models import Volunteer

pytestmark = pytest.mark.django_db

HEADER = ["Họ và tên", "Năm sinh", "Số điện thoại", "Xã/Phường", "Thôn/TDP", "Đội hình"]
NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Đỗ Hải Yến"]
PLACES = [
    ("Xã Đông Hưng", "Thôn Đông"),
    ("Xã Đông Hưng", "Thôn Tây"),
    ("Đông Hưng", "Xóm Mới"),  # not in the tree: kept, linked later
    ("Phường Phố Hiến", "Tổ dân phố số 1"),
    ("12001", ""),
]
TEAMS = ["", "Đội hình thôn Đông", "Đội xung kích số 2"]
PHONE_FORMS = [
    lambda d: "0" + d,
    lambda d: f"0{d[:3]} {d[3:6]} {d[6:]}",
    lambda d: f"0{d[:3]}.{d[3:6]}.{d[6:]}",
    lambda d: "+84 " + d,
    lambda d: "84" + d,
    lambda d: d,
]

member = st.tuples(
    st.sampled_from(NAMES),
    st.integers(min_value=1960, max_value=2008),
    st.integers(min_value=0, max_value=9_999_999).map(lambda n: f"91{n:07d}"),
    st.sampled_from(PLACES),
    st.sampled_from(TEAMS),
)


def _rows(members, phone_form=PHONE_FORMS[0]):
    return [
        [name, str(year), phone_form(digits), commune, village, team]
        for name, year, digits, (commune, village), team in members
    ]


def _messy(text: str, case, spaces: int, nfd: bool) -> str:
    text = f"{' ' * spaces}{(' ' * (spaces + 1)).join(case(text).split(' '))} "
    return unicodedata.normalize("NFD", text) if nfd else text


def _csv(rows) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([["DANH SÁCH ĐOÀN VIÊN"], [], HEADER, *rows])
    return buffer.getvalue().encode()


def _state():
    return sorted(
        (
            m.full_name,
            m.phone,
            m.birth_year,
            m.commune_id,
            m.village_id,
            fold(m.village_name),
            fold(m.team.name) if m.team else "",
        )
        for m in Volunteer.objects.select_related("team")
    )


def _import_and_read(data: bytes):
    with transaction.atomic():
        summary = member_import(data=data, filename="ds.csv").as_dict()
        state = _state()
        transaction.set_rollback(True)
    return summary, state


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    members=st.lists(member, min_size=1, max_size=6, unique_by=lambda m: m[2]),
    data=st.data(),
)
def test_shuffled_recased_respaced_members_import_the_same(tree, members, data):
    plain_summary, plain = _import_and_read(_csv(_rows(members)))

    messy_rows = []
    for row in _rows(members, data.draw(st.sampled_from(PHONE_FORMS))):
        case = data.draw(st.sampled_from([str, str.upper, str.lower, str.title]))
        spaces = data.draw(st.integers(min_value=0, max_value=2))
        nfd = data.draw(st.booleans())
        messy_rows.append([_messy(cell, case, spaces, nfd) if cell else cell for cell in row])
    twice = data.draw(st.lists(st.sampled_from(messy_rows), max_size=3))
    shuffled = data.draw(st.permutations(messy_rows + twice))
    messy_summary, messy = _import_and_read(_csv(shuffled))

    assert messy == plain
    assert plain_summary["created"] == messy_summary["created"] == len(members)
    assert messy_summary["errors"] == plain_summary["errors"] == []
    duplicates = [w for w in messy_summary["warnings"] if w["field"] == "full_name"]
    assert len(duplicates) == len(twice)
