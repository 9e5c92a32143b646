"""Loading domain lists (``binhdan import_domain_list``) and what the checker does with
them, through the API, the public page and the command line."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from binhdan.core.errors import Conflict, InvalidInput
from binhdan.scamcheck.domain_lists import (
    current_domain_lists,
    domain_list_import,
    forget_domain_lists,
)
from binhdan.scamcheck.models import DomainListEntry, DomainListSource

pytestmark = pytest.mark.django_db

BLOCK_LIST = """\
# Danh sách cảnh báo thử (viết tay)
qua-tang-tri-an.com
https://x.nhan-tien-ho-tro.net/dang-nhap
day khong phai ten mien
0.0.0.0 lua-dao-hosts.vn
vietcombank.com.vn
qua-tang-tri-an.com
"""
MESSAGE = "Bác vào qua-tang-tri-an.com để nhận quà nhé."


@pytest.fixture(autouse=True)
def _fresh_snapshot():
    forget_domain_lists()
    yield
    forget_domain_lists()


def run_import(tmp_path, text: str, *args: str) -> tuple[str, int]:
    path = tmp_path / "list.txt"
    path.write_text(text, encoding="utf-8")
    out = StringIO()
    try:
        call_command("import_domain_list", str(path), *args, stdout=out)
    except SystemExit as exc:
        return out.getvalue(), int(exc.code)
    return out.getvalue(), 0


def test_import_loads_the_readable_lines_and_reports_the_others_as_json(tmp_path):
    # when
    out, code = run_import(
        tmp_path, BLOCK_LIST, "--kind", "block", "--source", "Nhóm thử", "--format", "json"
    )
    # then
    report = json.loads(out)
    assert code == 0
    assert report["loaded"] == 3 and report["duplicates"] == 1 and report["replaced"] == 0
    assert [(e["line"], e["code"]) for e in report["errors"]] == [
        (4, "not_a_domain"),
        (6, "official_domain"),
    ]
    assert report["errors"][0]["message"] == "Không đọc được tên miền: “day khong phai ten mien”."
    assert set(DomainListEntry.objects.values_list("domain", flat=True)) == {
        "qua-tang-tri-an.com",
        "nhan-tien-ho-tro.net",
        "lua-dao-hosts.vn",
    }
    source = DomainListSource.objects.get()
    assert (source.name, source.kind, source.entry_count, source.skipped_lines) == (
        "Nhóm thử",
        "block",
        3,
        2,
    )
    assert source.file_name == "list.txt"


def test_import_text_output_names_each_bad_line(tmp_path):
    out, _ = run_import(tmp_path, BLOCK_LIST, "--kind", "block", "--source", "Nhóm thử")
    assert out.splitlines()[0].startswith("3 domains loaded into 'Nhóm thử' (block)")
    assert "  line 4: Không đọc được tên miền" in out


def test_reimport_replaces_the_source_entries_and_keeps_other_sources(tmp_path):
    # given two sources
    domain_list_import(data=b"cu-1.com\ncu-2.com\n", source="A", kind="block")
    domain_list_import(data=b"khac.com\n", source="B", kind="block")
    first_date = DomainListSource.objects.get(name="A").imported_at
    # when a newer file of A arrives
    report = domain_list_import(data=b"moi-1.com\n", source="A", kind="block")
    # then
    assert report.replaced == 2 and report.loaded == 1
    assert set(
        DomainListEntry.objects.filter(source__name="A").values_list("domain", flat=True)
    ) == {"moi-1.com"}
    assert DomainListEntry.objects.filter(source__name="B").count() == 1
    assert DomainListSource.objects.get(name="A").imported_at > first_date


def test_a_file_without_any_domain_changes_nothing(tmp_path):
    domain_list_import(data=b"cu-1.com\n", source="A", kind="block")
    out, code = run_import(
        tmp_path, "# chỉ có chú thích\nkhông phải\n", "--kind", "block", "--source", "A",
        "--format", "json",
    )  # fmt: skip
    assert code == 1
    assert json.loads(out)["error"]["code"] == "empty_list"
    assert list(DomainListEntry.objects.values_list("domain", flat=True)) == ["cu-1.com"]


def test_a_failure_while_writing_leaves_the_old_entries(monkeypatch):
    # given a loaded source
    domain_list_import(data=b"cu-1.com\ncu-2.com\n", source="A", kind="block")

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("binhdan.scamcheck.domain_lists._insert_entries", broken)
    # when the new import fails half-way
    with pytest.raises(RuntimeError):
        domain_list_import(data=b"moi.com\n", source="A", kind="block")
    # then nothing is half-loaded
    assert sorted(DomainListEntry.objects.values_list("domain", flat=True)) == [
        "cu-1.com",
        "cu-2.com",
    ]
    assert DomainListSource.objects.get(name="A").entry_count == 2


def test_a_source_keeps_its_kind():
    domain_list_import(data=b"tin-cay.vn\n", source="Tỉnh", kind="allow")
    with pytest.raises(Conflict) as caught:
        domain_list_import(data=b"xau.com\n", source="Tỉnh", kind="block")
    assert caught.value.code == "kind_mismatch"


def test_a_source_needs_a_name():
    with pytest.raises(InvalidInput) as caught:
        domain_list_import(data=b"xau.com\n", source="  ", kind="block")
    assert caught.value.code == "source_invalid"


def test_csv_and_cp1258_files_are_read(tmp_path):
    # cp1258 writes the tone as a combining mark after the letter: "mi" "ê" "\u0300" "n"
    data = "Tên miê\u0300n,Nguô\u0300n\nlua-dao-csv.com,nhóm\n".encode("cp1258")
    report = domain_list_import(data=data, source="CSV", kind="block")
    assert report.format == "csv" and report.loaded == 1


def test_the_snapshot_sees_a_new_import_without_a_restart(monkeypatch):
    # given the checker already read the lists once
    domain_list_import(data=b"mot.com\n", source="A", kind="block")
    assert current_domain_lists().block_sources("mot.com") == ("A",)
    # when another worker replaces them (no on_commit here) and the stamp is due again
    DomainListSource.objects.filter(name="A").update(imported_at=timezone.now())
    DomainListEntry.objects.filter(domain="mot.com").update(domain="hai.com")
    assert current_domain_lists().block_sources("mot.com") == ("A",)  # trusted a moment
    monkeypatch.setattr("binhdan.scamcheck.domain_lists.STAMP_SECONDS", 0)
    # then the next check sees the new entries
    lists = current_domain_lists()
    assert lists.block_sources("hai.com") == ("A",)
    assert lists.block_sources("mot.com") == ()


def test_no_lists_means_no_snapshot():
    assert current_domain_lists() is None


def test_the_stamp_is_read_at_most_every_few_seconds(django_assert_num_queries):
    domain_list_import(data=b"mot.com\n", source="A", kind="block")
    current_domain_lists()
    with django_assert_num_queries(0):
        assert current_domain_lists().block_sources("mot.com") == ("A",)


def test_api_page_and_command_name_the_list_that_matched(client, tmp_path):
    # given
    domain_list_import(data=BLOCK_LIST.encode(), source="Nhóm thử", kind="block")
    # when
    api = client.post(
        "/api/v1/scamcheck", {"text": MESSAGE}, content_type="application/json"
    ).json()
    page = client.post("/kiem-tra-lua-dao/", {"text": MESSAGE}).content.decode()
    out = StringIO()
    call_command("scamcheck", MESSAGE, stdout=out)
    cli = json.loads(out.getvalue())
    # then
    expected = "Trang web “qua-tang-tri-an.com” nằm trong danh sách cảnh báo của “Nhóm thử”."
    for body in (api, cli):
        assert body["verdict"] == "danger"
        assert {"code": "blocklisted_domain", "message_vi": expected} == {
            k: v for k, v in body["reasons"][0].items() if k != "evidence"
        }
    assert api["reasons"] == cli["reasons"]
    assert expected.replace("“", "&ldquo;") in page or expected in page


def test_an_allow_list_quiets_a_lookalike_at_once_after_its_import(
    client, django_capture_on_commit_callbacks
):
    text = "Hồ sơ tuyển dụng ở acb-tuyendung.com nhé."
    before = client.post("/api/v1/scamcheck", {"text": text}, content_type="application/json")
    with django_capture_on_commit_callbacks(execute=True):
        domain_list_import(data=b"acb-tuyendung.com\n", source="Trang tin cậy", kind="allow")
    after = client.post("/api/v1/scamcheck", {"text": text}, content_type="application/json")
    assert "lookalike_domain" in {r["code"] for r in before.json()["reasons"]}
    assert after.json()["reasons"] == []
