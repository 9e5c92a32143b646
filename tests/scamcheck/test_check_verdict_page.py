"""The check page after a check: the verdict first and focused, the form below it, phone
numbers as people write them, and community reports counted."""

import pytest
from django.utils import timezone

from binhdan.scamcheck.models import ReportKind, ReportStatus
from tests.accounts.factories import UserFactory
from tests.scamcheck.factories import ScamReportFactory

pytestmark = pytest.mark.django_db

PAGE = "/kiem-tra-lua-dao/"
SCAM = "Tai khoan cua quy khach bi khoa, truy cap bit.ly/vcb-xacthuc de mo khoa trong 24h"
CALL_BACK = "Goi lai ngay +84868123456 de nhan qua"


def check(client, text, **extra):
    return client.post(PAGE, {"text": text}, **extra).content.decode()


def reports(count, *, value="+84868123456", kind=ReportKind.PHONE, confirmed=1):
    moderator = UserFactory()
    for n in range(count):
        status = ReportStatus.CONFIRMED if n < confirmed else ReportStatus.PENDING
        ScamReportFactory(
            kind=kind,
            value=value,
            status=status,
            moderated_by=moderator if status != ReportStatus.PENDING else None,
            moderated_at=timezone.now() if status != ReportStatus.PENDING else None,
        )


@pytest.mark.parametrize("htmx", [False, True])
def test_verdict_comes_before_the_form_for_the_next_check(client, htmx):
    extra = {"HTTP_HX_REQUEST": "true"} if htmx else {}

    html = check(client, SCAM, **extra)

    assert html.index('id="verdict-title"') < html.index(
        '<form method="post" action="/kiem-tra-lua-dao/"'
    )
    assert "Kiểm tra tin nhắn khác" in html


@pytest.mark.parametrize("htmx", [False, True])
def test_verdict_heading_takes_the_focus(client, htmx):
    extra = {"HTTP_HX_REQUEST": "true"} if htmx else {}

    html = check(client, SCAM, **extra)

    assert '<h2 id="verdict-title" tabindex="-1" autofocus>' in html


def test_htmx_check_swaps_the_verdict_and_form_and_shows_the_verdict(client):
    page = client.get(PAGE).content.decode()

    assert 'hx-target="#check"' in page and "show:#check:top" in page
    assert 'id="check"' in page


def test_form_after_a_check_is_empty_for_the_next_message(client):
    html = check(client, SCAM)

    textarea = html[html.index("<textarea") : html.index("</textarea>")]
    assert "vcb-xacthuc" not in textarea


def test_an_error_focuses_the_text_box_and_shows_no_verdict(client):
    html = check(client, "")

    assert "Hãy dán nội dung tin nhắn cần kiểm tra" in html
    assert 'id="verdict-title"' not in html
    assert "autofocus" in html[html.index("<textarea") : html.index("</textarea>")]


def test_one_report_says_one_person_reported_it_not_many(client):
    reports(1)

    html = check(client, CALL_BACK)

    assert "1 người đã báo số 0868\u00a0123\u00a0456 là lừa đảo" in html
    assert "nhiều người" not in html
    assert "bị cộng đồng báo cáo" not in html  # the checker's line is replaced, not repeated


def test_several_reports_say_how_many_people_reported_it(client):
    reports(3)
    ScamReportFactory(
        value="+84868123456", status=ReportStatus.REJECTED, moderated_at=timezone.now()
    )

    html = check(client, "Goi lai ngay 0868 123 456 de nhan qua")

    assert "3 người đã báo số 0868\u00a0123\u00a0456 là lừa đảo" in html


def test_reported_link_is_counted_too(client):
    reports(2, value="vcb-xacthuc.top", kind=ReportKind.DOMAIN)

    html = check(client, "Vao https://vcb-xacthuc.top/a de nhan tien")

    assert "2 người đã báo trang vcb-xacthuc.top là lừa đảo" in html


def test_phone_numbers_of_the_message_are_shown_as_people_write_them(client):
    html = check(client, CALL_BACK)

    assert "Báo cáo số/link này: 0868 123 456" in html
    assert "+84868123456" not in html.replace('value="Goi lai ngay +84868123456', "")


def test_phone_only_evidence_is_shown_as_people_write_it():
    from binhdan.scamcheck.verdict import readable_phone

    assert readable_phone("+84868123456") == "0868 123 456"
    assert readable_phone("0868.123.456") == "0868 123 456"
    assert readable_phone("goi 0868123456") == "goi 0868123456"  # a quote stays a quote
