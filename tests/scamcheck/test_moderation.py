"""The moderation queue and its actions, scoped like every staff read."""

import pytest

from binhdan.accounts.models import Role
from binhdan.core.errors import NotFound, OutsideScope
from binhdan.scamcheck import selectors
from binhdan.scamcheck.models import ScamReport
from binhdan.scamcheck.services import report_moderate, reports_moderate
from tests.accounts.factories import PASSWORD, user_with_role
from tests.scamcheck.factories import ScamReportFactory

pytestmark = pytest.mark.django_db

QUEUE = "/kiem-tra-lua-dao/kiem-duyet/"
GROUP = "/kiem-tra-lua-dao/kiem-duyet/nhom/"


def login(client, user):
    client.login(username=user.username, password=PASSWORD)
    return client


def test_queue_groups_pending_reports_with_count_and_dates(tree, commune_officer):
    for note in ("goi luc 9h", "goi luc 10h", "xung la cong an"):
        ScamReportFactory(area=tree.village, note=note)
    ScamReportFactory(area=tree.commune, value="+84987654321")

    groups = selectors.with_samples(
        user=commune_officer, rows=selectors.pending_groups(user=commune_officer)
    )

    assert [(g.value, g.count) for g in groups] == [("+84900000123", 3), ("+84987654321", 1)]
    assert groups[0].first_at <= groups[0].last_at
    assert {s.note for s in groups[0].samples} == {"goi luc 9h", "goi luc 10h", "xung la cong an"}


def test_commune_officer_does_not_see_another_communes_reports(
    tree, commune_officer, other_commune_officer
):
    ScamReportFactory(area=tree.ward_village)
    assert list(selectors.pending_groups(user=commune_officer)) == []
    assert len(selectors.pending_groups(user=other_commune_officer)) == 1


def test_reports_without_area_are_seen_by_province_admins_only(
    tree, commune_officer, province_admin
):
    ScamReportFactory(area=None)
    assert list(selectors.pending_groups(user=commune_officer)) == []
    assert len(selectors.pending_groups(user=province_admin)) == 1


def test_province_admin_does_not_see_another_provinces_reports(tree, province_admin):
    ScamReportFactory(area=tree.other_commune)
    assert list(selectors.pending_groups(user=province_admin)) == []


def test_confirming_a_group_records_who_and_when(tree, commune_officer):
    ScamReportFactory.create_batch(2, area=tree.village)

    count = reports_moderate(
        actor=commune_officer, kind="phone", value="+84900000123", decision="confirm"
    )

    assert count == 2
    for report in ScamReport.objects.all():
        assert report.status == "confirmed"
        assert report.moderated_by == commune_officer and report.moderated_at is not None


def test_group_action_leaves_reports_outside_scope_pending(tree, commune_officer):
    ScamReportFactory(area=tree.village)
    outside = ScamReportFactory(area=tree.ward)

    reports_moderate(actor=commune_officer, kind="phone", value="+84900000123", decision="reject")

    outside.refresh_from_db()
    assert outside.status == "pending"


def test_group_action_outside_scope_is_not_found(tree, other_commune_officer):
    ScamReportFactory(area=tree.village)
    with pytest.raises(NotFound):
        reports_moderate(
            actor=other_commune_officer, kind="phone", value="+84900000123", decision="confirm"
        )


def test_user_without_moderation_role_is_refused(tree):
    volunteer = user_with_role(Role.VOLUNTEER, tree.commune)
    ScamReportFactory(area=tree.village)
    with pytest.raises(OutsideScope):
        reports_moderate(actor=volunteer, kind="phone", value="+84900000123", decision="confirm")


def test_one_report_can_be_rejected_alone(tree, commune_officer):
    one, other = ScamReportFactory.create_batch(2, area=tree.village)

    report_moderate(actor=commune_officer, report_id=one.pk, decision="reject")

    one.refresh_from_db()
    other.refresh_from_db()
    assert (one.status, other.status) == ("rejected", "pending")
    assert one.moderated_by == commune_officer


def test_one_report_outside_scope_is_not_found(tree, other_commune_officer):
    report = ScamReportFactory(area=tree.village)
    with pytest.raises(NotFound):
        report_moderate(actor=other_commune_officer, report_id=report.pk, decision="confirm")


def test_queue_page_lists_groups_for_the_officer(client, tree, commune_officer):
    ScamReportFactory(area=tree.village, note="xung la cong an")
    html = login(client, commune_officer).get(QUEUE).content.decode()
    assert "+84900000123" in html and "xung la cong an" in html


def test_queue_page_is_404_without_moderation_role(client, tree):
    volunteer = user_with_role(Role.VOLUNTEER, tree.commune)
    assert login(client, volunteer).get(QUEUE).status_code == 404


def test_queue_page_needs_login(client, db):
    assert client.get(QUEUE).status_code == 302


def test_queue_page_of_another_commune_does_not_show_the_report(
    client, tree, other_commune_officer
):
    ScamReportFactory(area=tree.village, note="bi mat")
    html = login(client, other_commune_officer).get(QUEUE).content.decode()
    assert "bi mat" not in html and "+84900000123" not in html


def test_group_action_without_js_redirects_to_the_queue(client, tree, commune_officer):
    ScamReportFactory(area=tree.village)

    response = login(client, commune_officer).post(
        GROUP, {"kind": "phone", "value": "+84900000123", "decision": "confirm"}
    )

    assert response.status_code == 302
    assert ScamReport.objects.get().status == "confirmed"


def test_group_action_with_htmx_answers_a_fragment(client, tree, commune_officer):
    ScamReportFactory(area=tree.village)

    response = login(client, commune_officer).post(
        GROUP,
        {"kind": "phone", "value": "+84900000123", "decision": "reject"},
        HTTP_HX_REQUEST="true",
    )

    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert "bác bỏ" in html.lower()


def test_group_action_of_another_commune_is_404(client, tree, other_commune_officer):
    ScamReportFactory(area=tree.village)
    response = login(client, other_commune_officer).post(
        GROUP, {"kind": "phone", "value": "+84900000123", "decision": "confirm"}
    )
    assert response.status_code == 404
    assert ScamReport.objects.get().status == "pending"


def test_one_report_action_of_another_commune_is_404(client, tree, other_commune_officer):
    report = ScamReportFactory(area=tree.village)
    response = login(client, other_commune_officer).post(
        f"/kiem-tra-lua-dao/kiem-duyet/bao-cao/{report.pk}/", {"decision": "confirm"}
    )
    assert response.status_code == 404


def test_bad_decision_is_refused_without_change(client, tree, commune_officer):
    ScamReportFactory(area=tree.village)
    response = login(client, commune_officer).post(
        GROUP, {"kind": "phone", "value": "+84900000123", "decision": "maybe"}
    )
    assert response.status_code == 422
    assert ScamReport.objects.get().status == "pending"


def test_confirmed_group_is_matched_by_the_checker_with_its_count(client, tree, commune_officer):
    ScamReportFactory.create_batch(3, area=tree.village)
    reports_moderate(actor=commune_officer, kind="phone", value="+84900000123", decision="confirm")

    body = client.post(
        "/api/v1/scamcheck", {"text": "Goi lai ngay 0900 000 123"}, content_type="application/json"
    ).json()

    reported = [r for r in body["reasons"] if r["code"] == "reported_by_community"]
    assert reported and "đã bị cộng đồng báo cáo 3 lần" in reported[0]["message_vi"]


def test_rejected_group_is_not_matched_by_the_checker(client, tree, commune_officer):
    ScamReportFactory.create_batch(3, area=tree.village)
    reports_moderate(actor=commune_officer, kind="phone", value="+84900000123", decision="reject")

    body = client.post(
        "/api/v1/scamcheck", {"text": "Goi lai ngay 0900 000 123"}, content_type="application/json"
    ).json()

    assert "reported_by_community" not in {r["code"] for r in body["reasons"]}


def test_reported_link_confirmed_is_matched_in_a_message_with_a_subdomain(
    client, tree, commune_officer
):
    client.post(
        "/api/v1/scamcheck/reports",
        {
            "client_uuid": "0b6c8a52-8a43-4c7c-9a1e-0a1f0d6b4e11",
            "kind": "domain",
            "value": "https://vcb-xacthuc.top/login",
            "commune_code": tree.commune.code,
        },
        content_type="application/json",
    )
    reports_moderate(
        actor=commune_officer, kind="domain", value="vcb-xacthuc.top", decision="confirm"
    )

    body = client.post(
        "/api/v1/scamcheck",
        {"text": "Xac thuc tai https://secure.vcb-xacthuc.top/a"},
        content_type="application/json",
    ).json()

    reported = [r for r in body["reasons"] if r["code"] == "reported_by_community"]
    assert reported and "1 lần" in reported[0]["message_vi"]


def test_superuser_sees_every_report(tree, superuser):
    ScamReportFactory(area=None)
    ScamReportFactory(area=tree.other_village, value="+84987654321")
    assert len(selectors.pending_groups(user=superuser)) == 2


def test_queue_page_query_count_does_not_grow_with_groups(
    client, tree, commune_officer, django_assert_max_num_queries
):
    for n in range(20):
        ScamReportFactory.create_batch(2, area=tree.village, value=f"+8490000{n:04d}")
    login(client, commune_officer)
    with django_assert_max_num_queries(12):
        response = client.get(QUEUE)
    assert response.content.decode().count('class="group"') == 20


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", "https:evil.example"],
)
def test_group_action_never_redirects_off_site(client, tree, commune_officer, target):
    ScamReportFactory(area=tree.village)

    response = login(client, commune_officer).post(
        GROUP,
        {"kind": "phone", "value": "+84900000123", "decision": "confirm", "next": target},
    )

    assert response.status_code == 302
    assert response["Location"] == QUEUE


def test_group_action_follows_a_next_on_this_site(client, tree, commune_officer):
    ScamReportFactory(area=tree.village)

    response = login(client, commune_officer).post(
        GROUP,
        {
            "kind": "phone",
            "value": "+84900000123",
            "decision": "confirm",
            "next": QUEUE + "?kind=phone",
        },
    )

    assert response["Location"] == QUEUE + "?kind=phone"
