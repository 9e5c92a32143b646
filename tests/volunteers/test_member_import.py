"""The member list import (volunteers.member_import): the messy sheet in tests/volunteers/data,
a re-run, pending villages, the command's JSON."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from binhdan.imports.villages import village_import
from binhdan.volunteers.member_import import (
    member_import,
    members_link_villages,
    parse_birth_year,
    plan_member_import,
)
from binhdan.volunteers.models import Team, Volunteer

pytestmark = pytest.mark.django_db

SHEET = Path(__file__).parent / "data" / "members_messy.xlsx"


def _import(**options) -> dict:
    return member_import(data=SHEET.read_bytes(), filename=SHEET.name, **options).as_dict()


def _problems(entries) -> list[tuple[int, str]]:
    return [(entry["row"], entry["field"]) for entry in entries]


def test_the_messy_sheet_imports_every_good_row_and_reports_the_others(tree):
    summary = _import()

    assert (summary["created"], summary["updated"], summary["unchanged"]) == (6, 0, 0)
    assert _problems(summary["errors"]) == [
        (11, "full_name"),
        (12, "birth_year"),
        (13, "phone"),
        (14, "commune"),
    ]
    assert _problems(summary["warnings"]) == [(9, "village"), (10, "full_name"), (16, "village")]
    assert "dòng 5" in summary["warnings"][1]["message"]
    members = {m.phone: m for m in Volunteer.objects.select_related("team", "village")}
    assert sorted(members) == [
        "+84901815908",
        "+84912000111",
        "+84912345678",
        "+84944444444",
        "+84977493257",
        "+84988123456",
    ]
    binh = members["+84977493257"]
    assert (binh.full_name, binh.birth_year, binh.village, binh.note) == (
        "Trần Thị Bình",
        1999,
        tree.village2,
        "Đội trưởng",
    )
    cuong = members["+84912345678"]
    assert cuong.full_name == "Lê Văn Cường"  # NFD, lower case and a double space in the sheet
    assert (cuong.commune, cuong.village, cuong.area_path) == (
        tree.commune,
        tree.village,
        tree.village.path,
    )
    em = members["+84912000111"]
    assert (em.commune, em.village, em.village_name, em.team) == (
        tree.ward,
        None,
        "Tổ dân phố số 9",
        None,
    )
    assert em.area_path == tree.ward.path
    assert members["+84988123456"].village == tree.ward_village
    teams = {(t.commune_id, t.name): t for t in Team.objects.all()}
    assert sorted(teams) == [
        (tree.commune.pk, "Đội hình thôn Đông"),
        (tree.ward.pk, "Đội xung kích phường"),
    ]
    assert teams[(tree.commune.pk, "Đội hình thôn Đông")].members.count() == 4


def test_a_rerun_changes_nothing(tree):
    _import()
    before = list(Volunteer.objects.values().order_by("pk"))

    summary = _import()

    assert (summary["created"], summary["updated"], summary["unchanged"]) == (0, 0, 6)
    assert list(Volunteer.objects.values().order_by("pk")) == before
    assert Team.objects.count() == 2


def test_a_dry_run_writes_nothing(tree):
    summary = _import(dry_run=True)

    assert summary["created"] == 6
    assert not Volunteer.objects.exists() and not Team.objects.exists()


def test_a_village_imported_later_is_linked(tree):
    _import()
    village_import(data="Thôn/TDP\nTổ dân phố số 9\n".encode(), filename="t.csv", scope=tree.ward)

    assert members_link_villages(commune=tree.ward) == 1

    em = Volunteer.objects.get(phone="+84912000111")
    assert (em.village.name, em.area_path) == ("Tổ dân phố số 9", em.village.path)
    assert members_link_villages(commune=tree.ward) == 0


def test_the_next_member_import_links_pending_villages_first(tree):
    _import()
    village_import(data="Thôn\nXóm Mới\n".encode(), filename="t.csv", scope=tree.commune)

    summary = _import()

    minh = Volunteer.objects.get(phone="+84944444444")
    assert minh.village.name == "Xóm Mới"
    assert (summary["created"], summary["updated"]) == (0, 1)
    assert _problems(summary["warnings"]) == [(9, "village"), (10, "full_name")]


def test_province_limits_the_communes_matched(tree):
    report = plan_member_import(
        data=SHEET.read_bytes(), filename=SHEET.name, scope=tree.other_province
    )

    assert report.count("create") == 0
    assert {error.field for error in report.errors} >= {"commune", "commune_code"}


def test_the_command_prints_the_json_summary(tree):
    out = io.StringIO()

    call_command("import_volunteers", str(SHEET), "--format", "json", stdout=out)

    printed = json.loads(out.getvalue())
    assert list(printed) == ["created", "updated", "unchanged", "errors", "warnings"]
    assert (printed["created"], printed["updated"], printed["unchanged"]) == (6, 0, 0)
    assert printed["errors"][0] == {
        "row": 11,
        "field": "full_name",
        "message": "Thiếu họ và tên.",
    }
    assert set(printed["warnings"][0]) == {"row", "field", "message"}


def test_the_command_dry_run_and_text_output(tree):
    out = io.StringIO()

    call_command("import_volunteers", str(SHEET), "--dry-run", "--province", "33", stdout=out)

    assert out.getvalue().startswith("Dry run (nothing written): 6 created, 0 updated")
    assert "row 13 [phone]" in out.getvalue()
    assert not Volunteer.objects.exists()


def test_a_member_without_phone_is_found_again_by_commune_name_and_year(tree):
    sheet = "Họ và tên,Năm sinh,Xã\nLý Thị Nga,1998,Đông Hưng\n".encode()

    first = member_import(data=sheet, filename="a.csv").as_dict()
    second = member_import(data=sheet.lower(), filename="a.csv").as_dict()

    assert (first["created"], second["created"], second["unchanged"]) == (1, 0, 1)
    assert Volunteer.objects.get().phone == ""


def test_a_later_sheet_moves_a_member_to_another_team(tree):
    member_import(
        data="Họ tên,SĐT,Xã,Đội hình\nAn,0901815908,Đông Hưng,Đội 1\n".encode(), filename="a.csv"
    )
    summary = member_import(
        data="Họ tên,SĐT,Xã,Đội hình\nAn,0901815908,Đông Hưng,Đội 2\n".encode(), filename="a.csv"
    ).as_dict()

    assert summary["updated"] == 1
    assert Volunteer.objects.get().team.name == "Đội 2"
    assert Team.objects.count() == 2


@pytest.mark.parametrize(
    ("cell", "year"),
    [("1998", 1998), ("12/05/1998", 1998), ("1998-05-12 00:00:00", 1998), ("", None)],
)
def test_birth_years_as_written(cell, year):
    assert parse_birth_year(cell, this_year=2026) == year


@pytest.mark.parametrize("cell", ["1850", "2025", "98", "năm 1998", "3000"])
def test_impossible_birth_years(cell):
    with pytest.raises(ValueError):
        parse_birth_year(cell, this_year=2026)
