"""Properties of the pipeline's parsers: however a sheet lays out and spells its commune
columns, rows come back under the right keys and row numbers; a commune is found by its
code or name however written; an ambiguous name follows the sheet's majority province."""

import csv
import io
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from binhdan.areas.models import Area
from binhdan.core.sheets import SheetRow
from binhdan.core.text import fold
from binhdan.imports.columns import COMMUNE, COMMUNE_CODE, VILLAGE, read_sheet
from binhdan.imports.matchers import CommuneMatcher, find_communes

COLUMNS = [COMMUNE.needed(), COMMUNE_CODE.needed(), VILLAGE.needed()]


def _spelling(column):
    """A header cell as people write it: any accepted spelling, any case, maybe without
    diacritics, maybe in NFD, maybe with a trailing colon."""
    return st.tuples(
        st.sampled_from(column.spellings),
        st.sampled_from([str.lower, str.upper, str.title]),
        st.booleans(),
        st.booleans(),
        st.sampled_from(["", ":", " *"]),
    ).map(
        lambda t: (
            (
                unicodedata.normalize("NFD", t[1](fold(t[0]) if t[2] else t[0]))
                if t[3]
                else t[1](fold(t[0]) if t[2] else t[0])
            )
            + t[4]
        )
    )


@given(
    order=st.permutations(COLUMNS),
    data=st.data(),
    titles=st.integers(min_value=0, max_value=4),
    gaps=st.lists(st.booleans(), min_size=3, max_size=3),
)
def test_rows_come_back_under_their_keys_with_the_sheets_row_numbers(order, data, titles, gaps):
    header = [data.draw(_spelling(column)) for column in order]
    rows = [["Xã Đông Hưng", "12001", "Thôn Đông"], ["", "11953", "Tổ 3"], ["Phố Hiến", "", "Tổ 4"]]
    lines = [["DANH SÁCH"]] * titles + [header]
    expected = []
    for row, gap in zip(rows, gaps, strict=True):
        if gap:
            lines.append([])
        lines.append([row[COLUMNS.index(column)] for column in order])
        expected.append(
            (len(lines), dict(zip(["commune", "commune_code", "village"], row, strict=True)))
        )
    lines.append(["Tổng cộng", "3"])
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(lines)

    table = read_sheet(buffer.getvalue().encode(), "thon.csv", COLUMNS)

    assert table.header_row == titles + 1
    assert [(row.number, row.values) for row in table.rows] == expected


HUNG_YEN = Area(code="33", name="Hưng Yên", path="33/", level="province")
HA_NOI = Area(code="01", name="Hà Nội", path="01/", level="province")


def _commune(province: Area, code: str, name: str) -> Area:
    area = Area(code=code, name=name, path=f"{province.path}{code}/", level="commune")
    area.parent = province
    return area


DONG_HUNG = _commune(HUNG_YEN, "12001", "Xã Đông Hưng")
PHO_HIEN = _commune(HUNG_YEN, "11953", "Phường Phố Hiến")
BA_DINH = _commune(HA_NOI, "00004", "Phường Ba Đình")
DONG_HUNG_HN = _commune(HA_NOI, "00010", "Xã Đông Hưng")


@given(
    commune=st.sampled_from([DONG_HUNG, PHO_HIEN, BA_DINH]),
    written=st.sampled_from(
        [
            lambda c: c.code,
            lambda c: str(int(c.code)),
            lambda c: f"{int(c.code)}.0",
            lambda c: f"  {c.code} ",
            lambda c: c.name,
            lambda c: c.name.upper(),
            lambda c: unicodedata.normalize("NFD", c.name),
            lambda c: fold(c.name),
            lambda c: c.name.split(" ", 1)[1],
            lambda c: fold(c.name.split(" ", 1)[1]).title(),
        ]
    ),
)
def test_a_commune_is_found_by_its_code_or_name_however_written(commune, written):
    matcher = CommuneMatcher([DONG_HUNG, PHO_HIEN, BA_DINH])

    assert matcher.match(written(commune)) == (commune, "")


@given(
    hung_yen=st.integers(min_value=0, max_value=4),
    ha_noi=st.integers(min_value=0, max_value=4),
    position=st.integers(min_value=0, max_value=8),
)
def test_an_ambiguous_name_follows_the_majority_province_or_stays_refused(
    hung_yen, ha_noi, position
):
    matcher = CommuneMatcher([DONG_HUNG, PHO_HIEN, BA_DINH, DONG_HUNG_HN])
    others = ["Phố Hiến"] * hung_yen + ["Ba Đình"] * ha_noi
    cells = [*others[:position], "Đông Hưng", *others[position:]]
    rows = [SheetRow(number, {"commune": cell}) for number, cell in enumerate(cells, start=2)]

    found = find_communes(rows, matcher)

    ambiguous = found[min(position, len(others))]
    if hung_yen == ha_noi:
        assert ambiguous.commune is None
        assert ambiguous.note == ""
    else:
        assert ambiguous.commune == (DONG_HUNG if hung_yen > ha_noi else DONG_HUNG_HN)
        assert "nhiều tỉnh" in ambiguous.note
    assert [f.commune for f in found if f is not ambiguous] == [
        PHO_HIEN if cell == "Phố Hiến" else BA_DINH for cell in others
    ]
