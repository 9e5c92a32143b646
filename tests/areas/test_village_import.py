"""Importing villages from spreadsheets: commune matching, naming, re-runs, the command."""

import csv
import io
import json
import unicodedata

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from binhdan.areas.models import Area
from binhdan.imports.matchers import split_village_name
from binhdan.imports.villages import plan_village_import, village_import
from tests.areas.factories import commune, village

HEADER = ("Xã/phường", "Thôn/tổ dân phố")
TITLE_ROWS = (("DANH SÁCH THÔN, TỔ DÂN PHỐ", ""), ("Tỉnh Hưng Yên", ""))


def _csv(*rows, header=HEADER, titles=()) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows([*titles, header, *rows])
    return buffer.getvalue().encode()


def _plan(*rows, scope=None, actor=None, header=HEADER, titles=()):
    return plan_village_import(
        data=_csv(*rows, header=header, titles=titles),
        filename="thon.csv",
        scope=scope,
        actor=actor,
    )


def _import(*rows, scope=None, dry_run=False, header=HEADER):
    return village_import(
        data=_csv(*rows, header=header), filename="thon.csv", scope=scope, dry_run=dry_run
    )


def _villages(parent: Area) -> list[tuple[str, str, str, str]]:
    return list(
        Area.objects.filter(parent=parent)
        .order_by("path")
        .values_list("code", "path", "name", "kind")
    )


def _run_command(path, *args) -> dict:
    buffer = io.StringIO()
    call_command("import_villages", str(path), "--format", "json", *args, stdout=buffer)
    return json.loads(buffer.getvalue())


# Commune matching


@pytest.mark.parametrize(
    "cell",
    [
        "Xã Đông Hưng",
        "Đông Hưng",
        "XÃ ĐÔNG HƯNG",
        "  Xã   Đông  Hưng ",
        unicodedata.normalize("NFD", "Xã Đông Hưng"),
        unicodedata.normalize("NFD", "đông hưng"),
    ],
    ids=["with-prefix", "without-prefix", "upper-case", "extra-spaces", "nfd", "nfd-bare"],
)
def test_plan_matches_commune_by_exact_name(tree, cell):
    # given a row naming the commune in one of the ways people write it
    # when the import is planned in the province
    report = _plan((cell, "Thôn Mới"), scope=tree.province)

    # then the row goes to that commune
    assert report.errors == []
    assert [item.commune.pk for item in report.planned] == [tree.commune.pk]


def test_plan_matches_ward_by_name_without_prefix(tree):
    # given a row naming a phường without "Phường"
    # when the import is planned
    report = _plan(("Phố Hiến", "Tổ dân phố số 2"), scope=tree.province)

    # then the row goes to the phường
    assert [item.commune.pk for item in report.planned] == [tree.ward.pk]


@pytest.mark.parametrize("cell", ["12001", "12001.0"])
def test_plan_matches_commune_by_code(tree, cell):
    # given a row giving the commune's official code, as text or as a number cell
    # when the import is planned
    report = _plan((cell, "Thôn Mới"), scope=tree.province)

    # then the row goes to that commune
    assert report.errors == []
    assert [item.commune.pk for item in report.planned] == [tree.commune.pk]


def test_plan_matches_commune_by_numeric_xlsx_cell(tree):
    # given an XLSX whose commune column holds the code as a number
    workbook = Workbook()
    workbook.active.append(list(HEADER))
    workbook.active.append([12001.0, "Thôn Mới"])
    buffer = io.BytesIO()
    workbook.save(buffer)

    # when the import is planned
    report = plan_village_import(data=buffer.getvalue(), filename="thon.xlsx", scope=tree.province)

    # then the row goes to that commune
    assert [item.commune.pk for item in report.planned] == [tree.commune.pk]


@pytest.mark.parametrize("cell", ["dong hung", "Xa Dong Hung"])
def test_plan_matches_commune_without_diacritics_when_unambiguous(tree, cell):
    # given a row naming the commune without diacritics, and no other commune folds alike
    # when the import is planned
    report = _plan((cell, "Thôn Mới"), scope=tree.province)

    # then the row goes to that commune
    assert report.errors == []
    assert [item.commune.pk for item in report.planned] == [tree.commune.pk]


def test_plan_reports_candidates_when_name_without_diacritics_is_ambiguous(tree):
    # given two communes whose names differ only by diacritics
    commune(tree.province, "12002", "Xã Tân Hưng")
    commune(tree.province, "12003", "Xã Tân Hùng")

    # when a row names "tan hung"
    report = _plan(("tan hung", "Thôn Mới"), scope=tree.province)

    # then the row is refused and the error names both candidates
    assert report.planned == []
    [error] = report.errors
    assert error.field == "commune"
    assert "Xã Tân Hưng (12002" in error.message
    assert "Xã Tân Hùng (12003" in error.message


def test_plan_prefers_exact_match_over_loose_match(tree):
    # given two communes whose names differ only by diacritics
    commune(tree.province, "12002", "Xã Tân Hưng")
    hung = commune(tree.province, "12003", "Xã Tân Hùng")

    # when a row names one of them with its diacritics
    report = _plan(("Tân Hùng", "Thôn Mới"), scope=tree.province)

    # then the exact name wins
    assert report.errors == []
    assert [item.commune.pk for item in report.planned] == [hung.pk]


def test_plan_reports_unknown_commune_with_spreadsheet_row(tree):
    # given title rows, a good row on line 4 and an unknown commune on line 5
    # when the import is planned
    report = _plan(
        ("Đông Hưng", "Thôn Mới"),
        ("Xã Không Có", "Thôn 1"),
        scope=tree.province,
        titles=TITLE_ROWS,
    )

    # then the error points at line 5, column commune
    [error] = report.errors
    assert (error.row, error.field) == (5, "commune")
    assert "Xã Không Có" in error.message


def test_plan_ignores_same_name_commune_in_other_province_when_scoped(tree):
    # given a "Xã Đông Hưng" in Hà Nội as well
    commune(tree.other_province, "00010", "Xã Đông Hưng")

    # when the import is scoped to Hưng Yên
    report = _plan(("Đông Hưng", "Thôn Mới"), scope=tree.province)

    # then only Hưng Yên's commune is considered
    assert report.errors == []
    assert [item.commune.pk for item in report.planned] == [tree.commune.pk]


def test_plan_reports_ambiguity_for_same_name_commune_when_unscoped(tree):
    # given a "Xã Đông Hưng" in Hà Nội as well
    commune(tree.other_province, "00010", "Xã Đông Hưng")

    # when the import has no scope
    report = _plan(("Đông Hưng", "Thôn Mới"), scope=None)

    # then the row is refused as ambiguous, naming both
    assert report.planned == []
    [error] = report.errors
    assert error.field == "commune"
    assert "00010" in error.message
    assert "12001" in error.message


def test_plan_refuses_commune_code_outside_scope(tree):
    # given a row giving the code of a commune in another province
    # when the import is scoped to Hưng Yên
    report = _plan((tree.other_commune.code, "Tổ dân phố 9"), scope=tree.province)

    # then the row is refused
    assert report.planned == []
    assert [error.field for error in report.errors] == ["commune"]


# Village cells


def test_plan_reports_empty_village_cell(tree):
    # given a row with a commune but no village
    # when the import is planned
    report = _plan(("Đông Hưng", "Thôn Mới"), ("Đông Hưng", ""), scope=tree.province)

    # then that row is refused on the village column
    [error] = report.errors
    assert (error.row, error.field) == (3, "village")


def test_plan_reports_duplicate_row_naming_first_row(tree):
    # given the same village twice in one file (line 4, then line 6 spelled differently)
    # when the import is planned
    report = _plan(
        ("Đông Hưng", "Thôn 9"),
        ("Đông Hưng", "Thôn 10"),
        ("Xã Đông Hưng", "thôn 9"),
        scope=tree.province,
        titles=TITLE_ROWS,
    )

    # then the second one is refused and the error names line 4
    [error] = report.errors
    assert (error.row, error.field) == (6, "village")
    assert "4" in error.message
    assert [item.row for item in report.planned] == [4, 5]


@pytest.mark.parametrize("cell", ["Thôn", "TDP", "Tổ dân phố"])
def test_plan_reports_village_cell_holding_only_a_kind(tree, cell):
    # given a village cell that is only a kind, without a proper name
    # when the import is planned
    report = _plan(("Đông Hưng", cell), scope=tree.province)

    # then the row is refused on the village column
    assert report.planned == []
    assert [error.field for error in report.errors] == ["village"]


@pytest.mark.parametrize(
    ("cell", "name", "kind"),
    [
        ("thon 5", "Thôn 5", "thôn"),
        ("THÔN BẮC", "Thôn Bắc", "thôn"),
        ("Xóm Chùa", "Xóm Chùa", "xóm"),
        ("Bắc", "Thôn Bắc", "thôn"),
    ],
)
def test_split_village_name_reads_kind_from_prefix_in_commune(tree, cell, name, kind):
    # given a village cell of a xã
    # when it is split
    parsed = split_village_name(cell, "", tree.commune)
    display, found_kind = parsed.display, parsed.kind

    # then the kind is read from the prefix, or "thôn" for a bare name
    assert (display, found_kind) == (name, kind)


@pytest.mark.parametrize(
    ("cell", "name"),
    [
        ("TDP số 3", "Tổ dân phố số 3"),
        ("tdp. 4", "Tổ dân phố 4"),
        ("Tổ dân phố Bắc", "Tổ dân phố Bắc"),
        ("Bắc", "Tổ dân phố Bắc"),
    ],
)
def test_split_village_name_reads_kind_from_prefix_in_ward(tree, cell, name):
    # given a village cell of a phường
    # when it is split
    parsed = split_village_name(cell, "", tree.ward)
    display, kind = parsed.display, parsed.kind

    # then it is a "tổ dân phố", written in full
    assert (display, kind) == (name, "tổ dân phố")


def test_split_village_name_gives_same_key_with_or_without_diacritics(tree):
    # given the same village written two ways
    # when both are split
    key_with = split_village_name("Thôn Đông", "", tree.commune).key
    key_without = split_village_name("thon dong", "", tree.commune).key

    # then they share one match key
    assert key_with == key_without == "dong"


def test_plan_uses_explicit_kind_column(tree):
    # given a file with a "Loại" column
    # when a bare name comes with the kind "Xóm"
    report = _plan(("Đông Hưng", "Bắc", "Xóm"), header=(*HEADER, "Loại"), scope=tree.province)

    # then the village is a xóm, named so
    [item] = report.planned
    assert (item.name, item.kind, item.action) == ("Xóm Bắc", "xóm", "create")


def test_import_updates_kind_when_explicit_kind_column_differs(tree):
    # given the existing "Thôn Tây" of kind "thôn"
    # when a file says "Tây" is a "xóm"
    report = _import(("Đông Hưng", "Tây", "xóm"), header=(*HEADER, "Loại"), scope=tree.province)

    # then the village is updated in place
    assert report.as_dict()["updated"] == 1
    tree.village2.refresh_from_db()
    assert tree.village2.kind == "xóm"


# Writing


def test_import_creates_nothing_when_same_file_imported_twice(tree):
    # given a file already imported once
    rows = [("Đông Hưng", "Thôn Mới"), ("Phố Hiến", "Tổ dân phố số 2"), ("Đông Hưng", "Thôn Đông")]
    first = _import(*rows, scope=tree.province)
    before = _villages(tree.commune) + _villages(tree.ward)

    # when the same file is imported again
    second = _import(*rows, scope=tree.province)

    # then nothing is created or updated, and codes and paths are unchanged
    assert first.as_dict() == {
        "created": 2,
        "updated": 0,
        "unchanged": 1,
        "errors": [],
        "warnings": [],
    }
    assert second.as_dict() == {
        "created": 0,
        "updated": 0,
        "unchanged": 3,
        "errors": [],
        "warnings": [],
    }
    assert _villages(tree.commune) + _villages(tree.ward) == before


def test_import_updates_name_when_later_file_adds_diacritics(tree):
    # given a village first imported without diacritics
    _import(("Đông Hưng", "thon bai"), scope=tree.province)
    created = Area.objects.get(parent=tree.commune, name_folded="thon bai")

    # when a later file spells it with diacritics
    report = _import(("Đông Hưng", "Thôn Bãi"), scope=tree.province)

    # then the same village now carries the diacritics
    assert report.as_dict()["updated"] == 1
    created.refresh_from_db()
    assert created.name == "Thôn Bãi"


def test_import_keeps_diacritics_when_later_file_lacks_them(tree):
    # given a village imported without, then with diacritics
    _import(("Đông Hưng", "thon bai"), scope=tree.province)
    _import(("Đông Hưng", "Thôn Bãi"), scope=tree.province)

    # when the file without diacritics is imported again
    report = _import(("Đông Hưng", "thon bai"), scope=tree.province)

    # then nothing changes
    assert report.as_dict()["unchanged"] == 1
    assert Area.objects.get(parent=tree.commune, name_folded="thon bai").name == "Thôn Bãi"


def test_import_keeps_existing_name_when_file_lacks_diacritics(tree):
    # given the existing "Thôn Đông"
    # when a file lists it as "thon dong"
    report = _import(("Đông Hưng", "thon dong"), scope=tree.province)

    # then the village keeps its name
    assert report.as_dict()["unchanged"] == 1
    tree.village.refresh_from_db()
    assert tree.village.name == "Thôn Đông"


def test_import_writes_nothing_when_dry_run(tree):
    # given the villages as they are
    before = list(Area.objects.values_list("code", "name", "kind", "path"))

    # when a file with a new and an improved village is imported as a dry run
    report = _import(
        ("Đông Hưng", "Thôn Mới"),
        ("Đông Hưng", "Tây", "xóm"),
        header=(*HEADER, "Loại"),
        scope=tree.province,
        dry_run=True,
    )

    # then the report tells what would happen, and nothing is written
    assert report.as_dict()["created"] == 1
    assert report.as_dict()["updated"] == 1
    assert report.applied is False
    assert list(Area.objects.values_list("code", "name", "kind", "path")) == before


def test_import_numbers_new_villages_after_highest_existing_sequence(tree):
    # given a commune whose highest village sequence is 7 (with gaps)
    village(tree.commune, 7, "Thôn Bảy")

    # when two new villages are imported
    _import(("Đông Hưng", "Thôn Mới"), ("Đông Hưng", "Thôn Mới 2"), scope=tree.province)

    # then they get codes and paths 0008 and 0009 under the commune
    created = [v for v in _villages(tree.commune) if v[2].startswith("Thôn Mới")]
    assert created == [
        ("12001-0008", "33/12001/0008/", "Thôn Mới", "thôn"),
        ("12001-0009", "33/12001/0009/", "Thôn Mới 2", "thôn"),
    ]


def test_import_numbers_villages_per_commune(tree):
    # given a xã with villages 1-2 and a phường with village 1
    # when one new village is imported into each
    _import(("Đông Hưng", "Thôn Mới"), ("Phố Hiến", "Tổ dân phố số 2"), scope=tree.province)

    # then each continues its own sequence
    assert _villages(tree.commune)[-1][:2] == ("12001-0003", "33/12001/0003/")
    assert _villages(tree.ward)[-1][:2] == ("11953-0002", "33/11953/0002/")


def test_import_stores_folded_name_for_search(tree):
    # given nothing imported yet
    # when a village with diacritics is imported
    _import(("Đông Hưng", "Thôn Bãi Sậy"), scope=tree.province)

    # then its folded name is stored for searches without diacritics
    assert Area.objects.get(name="Thôn Bãi Sậy").name_folded == "thon bai say"


def test_import_creates_good_row_and_reports_three_bad_rows(tree):
    # given one good row and three bad ones (unknown commune, no village, duplicate)
    # when the file is imported
    report = _import(
        ("Đông Hưng", "Thôn Mới"),
        ("Xã Không Có", "Thôn 1"),
        ("Đông Hưng", ""),
        ("Đông Hưng", "thon moi"),
        scope=tree.province,
    )

    # then the good row is written and exactly the three bad rows are reported
    summary = report.as_dict()
    assert (summary["created"], summary["updated"], summary["unchanged"]) == (1, 0, 0)
    assert [(e["row"], e["field"]) for e in summary["errors"]] == [
        (3, "commune"),
        (4, "village"),
        (5, "village"),
    ]
    assert Area.objects.filter(parent=tree.commune, name="Thôn Mới").exists()


# Acting user's scope


def test_plan_refuses_rows_for_commune_outside_actor_scope(tree, commune_officer):
    # given an officer of Xã Đông Hưng

    # when a row targets Phường Phố Hiến
    report = _plan(("Phố Hiến", "Tổ dân phố số 2"), actor=commune_officer)

    # then it is refused on the commune column
    assert report.planned == []
    assert [(e.row, e.field) for e in report.errors] == [(2, "commune")]


def test_plan_takes_rows_for_actor_commune(tree, commune_officer):
    # given an officer of Xã Đông Hưng

    # when a row targets their commune
    report = _plan(("Đông Hưng", "Thôn Mới"), actor=commune_officer)

    # then it is planned
    assert report.errors == []
    assert [(item.commune.pk, item.action) for item in report.planned] == [
        (tree.commune.pk, "create")
    ]


# The management command


def test_command_prints_json_report_in_documented_shape(tree, tmp_path):
    # given a file with a good and a bad row
    path = tmp_path / "thon.csv"
    path.write_bytes(_csv(("Đông Hưng", "Thôn Mới"), ("Xã Không Có", "Thôn 1")))

    # when the command runs with --format json
    output = _run_command(path, "--province", "33")

    # then the output has exactly the documented keys and types
    assert set(output) == {"created", "updated", "unchanged", "errors", "warnings"}
    assert (output["created"], output["updated"], output["unchanged"]) == (1, 0, 0)
    [error] = output["errors"]
    assert set(error) == {"row", "field", "message"}
    assert (error["row"], error["field"]) == (3, "commune")
    assert isinstance(error["message"], str)


def test_command_writes_nothing_when_dry_run(tree, tmp_path):
    # given a file with a new village
    path = tmp_path / "thon.csv"
    path.write_bytes(_csv(("Đông Hưng", "Thôn Mới")))
    before = Area.objects.count()

    # when the command runs with --dry-run
    output = _run_command(path, "--province", "33", "--dry-run")

    # then it reports the creation but writes nothing
    assert output["created"] == 1
    assert Area.objects.count() == before


def test_command_limits_matching_to_province(tree, tmp_path):
    # given a "Xã Đông Hưng" in Hà Nội as well
    commune(tree.other_province, "00010", "Xã Đông Hưng")
    path = tmp_path / "thon.csv"
    path.write_bytes(_csv(("Đông Hưng", "Thôn Mới")))

    # when the command runs with --province 33
    output = _run_command(path, "--province", "33")

    # then the row goes to Hưng Yên's commune
    assert output == {"created": 1, "updated": 0, "unchanged": 0, "errors": [], "warnings": []}
    assert Area.objects.filter(parent=tree.commune, name="Thôn Mới").exists()


def test_command_reports_unreadable_file_as_json_error(tree, tmp_path):
    # given a file that is not a spreadsheet
    path = tmp_path / "thon.pdf"
    path.write_bytes(b"%PDF-1.7")
    buffer = io.StringIO()

    # when the command runs with --format json
    with pytest.raises(SystemExit) as caught:
        call_command("import_villages", str(path), "--format", "json", stdout=buffer)

    # then it exits 1 and prints one file-level error in the same shape
    assert caught.value.code == 1
    output = json.loads(buffer.getvalue())
    assert output["created"] == 0
    assert [(e["row"], e["field"]) for e in output["errors"]] == [(0, "file")]
