"""The scam check through the API, the public page and the command line."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from binhdan.scamcheck.models import ScamCheckDay, ScamReport
from tests.db_text import all_database_text

pytestmark = pytest.mark.django_db

SCAM = "Tai khoan cua quy khach bi khoa, truy cap bit.ly/vcb-xacthuc de mo khoa trong 24h"
FAMILY = "Mẹ ơi chiều nay con về muộn, mẹ cứ ăn cơm trước nhé."


def post_check(client, text, **extra):
    return client.post(
        "/api/v1/scamcheck", {"text": text}, content_type="application/json", **extra
    )


def test_api_explains_a_scam_with_evidence(client):
    response = post_check(client, SCAM)

    body = response.json()
    assert response.status_code == 200
    assert set(body) == {"verdict", "score", "reasons", "advice_vi", "lessons"}
    assert body["verdict"] == "danger"
    assert 0 <= body["score"] <= 1
    codes = {reason["code"] for reason in body["reasons"]}
    assert "shortened_link" in codes
    assert all(reason["evidence"] in SCAM for reason in body["reasons"])


def test_api_never_says_safe(client):
    body = post_check(client, FAMILY).json()
    assert body["verdict"] == "no_sign"
    assert "cẩn thận" in body["advice_vi"]


def test_api_needs_no_login(client):
    assert post_check(client, FAMILY).status_code == 200


def test_api_refuses_100kb_input_with_422_naming_text(client):
    response = post_check(client, "a" * 100_000)
    assert response.status_code == 422
    assert response.json()["details"][0]["field"] == "text"


def test_api_refuses_blank_text_with_code(client):
    response = post_check(client, "   ")
    assert response.status_code == 400
    assert response.json()["code"] == "empty_text"


def test_api_is_rate_limited_per_address(client):
    for _ in range(30):
        assert post_check(client, FAMILY, REMOTE_ADDR="10.9.9.9").status_code == 200
    response = post_check(client, FAMILY, REMOTE_ADDR="10.9.9.9")
    assert response.status_code == 429
    assert response.json()["code"] == "rate_limited"
    assert post_check(client, FAMILY, REMOTE_ADDR="10.9.9.8").status_code == 200


def test_confirmed_community_report_is_matched_with_its_count(client):
    for status in ("confirmed", "pending", "pending"):
        ScamReport.objects.create(
            kind="phone",
            value="+84900000123",
            status=status,
            moderated_at="2025-11-01T00:00:00Z" if status != "pending" else None,
        )

    body = post_check(client, "Goi lai ngay cho so 0900 000 123 nhe").json()

    reported = [r for r in body["reasons"] if r["code"] == "reported_by_community"]
    assert reported and "3" in reported[0]["message_vi"]


def test_pending_or_rejected_reports_are_not_matched(client):
    ScamReport.objects.create(kind="phone", value="+84900000123", status="pending")
    ScamReport.objects.create(
        kind="phone",
        value="+84900000123",
        status="rejected",
        moderated_at="2025-11-01T00:00:00Z",
    )

    body = post_check(client, "Goi lai ngay cho so 0900 000 123 nhe").json()

    assert "reported_by_community" not in {r["code"] for r in body["reasons"]}


def test_checks_are_counted_per_day_without_keeping_the_message(client):
    post_check(client, SCAM)
    post_check(client, SCAM)
    post_check(client, FAMILY)

    counts = dict(ScamCheckDay.objects.values_list("verdict", "count"))
    assert counts == {"danger": 2, "no_sign": 1}
    assert "vcb-xacthuc" not in all_database_text()


def test_public_page_works_without_javascript(client):
    page = client.get("/kiem-tra-lua-dao/")
    result = client.post("/kiem-tra-lua-dao/", {"text": SCAM})

    assert page.status_code == 200
    html = result.content.decode()
    assert "Nguy hiểm" in html
    assert "<mark>bit.ly/vcb-xacthuc</mark>" in html


def test_public_page_answers_htmx_with_the_result_only(client):
    response = client.post("/kiem-tra-lua-dao/", {"text": SCAM}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "Nguy hiểm" in html
    assert "<html" not in html


def test_public_page_shows_vietnamese_error_for_empty_text(client):
    html = client.post("/kiem-tra-lua-dao/", {"text": ""}).content.decode()
    assert "Hãy dán nội dung tin nhắn cần kiểm tra" in html


def test_command_checks_one_text():
    out = StringIO()
    call_command("scamcheck", SCAM, stdout=out)
    assert json.loads(out.getvalue())["verdict"] == "danger"


def test_command_jsonl_answers_each_line_in_order(tmp_path):
    source = tmp_path / "in.jsonl"
    lines = [{"text": SCAM}, {"text": FAMILY}, {"nottext": 1}, {"text": ""}]
    source.write_text(
        "\n".join(json.dumps(line, ensure_ascii=False) for line in lines), encoding="utf-8"
    )
    out = StringIO()

    call_command("scamcheck", "--jsonl", str(source), stdout=out)

    answers = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [a.get("verdict") for a in answers[:2]] == ["danger", "no_sign"]
    assert answers[2]["error"]["code"] == "bad_line"
    assert answers[3]["error"]["code"] == "empty_text"
