import pytest
from django.urls import reverse

from binhdan.accounts.models import Role
from binhdan.core.errors import Conflict, InvalidInput, OutsideScope
from binhdan.learning import services
from binhdan.learning.models import Certificate
from binhdan.learning.selectors import learning_figures
from tests.accounts.factories import UserFactory, user_with_role
from tests.learning.factories import finished_attempt, learner, quiz_with_questions


@pytest.fixture
def certificate(quiz, person):
    finished_attempt(quiz, person, correct=4)
    return Certificate.objects.get()


# --- revoke: the permission matrix ------------------------------------------------------------

ALLOWED = [
    (Role.PROVINCE_ADMIN, "province"),
    (Role.COMMUNE_OFFICER, "commune"),
]
REFUSED = [
    (Role.PROVINCE_ADMIN, "other_province"),
    (Role.COMMUNE_OFFICER, "ward"),
    (Role.COMMUNE_OFFICER, "other_commune"),
    (Role.TEAM_LEADER, "commune"),
    (Role.VOLUNTEER, "village"),
    (Role.OPERATOR, "village"),
    (Role.INSTRUCTOR, "province"),
]


@pytest.mark.parametrize(("role", "where"), ALLOWED)
def test_revoke_is_allowed_inside_scope(certificate, tree, role, where):
    actor = user_with_role(role, getattr(tree, where))

    revoked = services.certificate_revoke(
        actor=actor, certificate=certificate, reason="not_own_work", note="Gian lận"
    )

    assert revoked.revoked_at is not None and revoked.revoked_by == actor
    assert (revoked.revoke_reason, revoked.revoke_note) == ("not_own_work", "Gian lận")


@pytest.mark.parametrize(("role", "where"), REFUSED)
def test_revoke_is_refused_outside_scope_or_role(certificate, tree, role, where):
    actor = user_with_role(role, getattr(tree, where))

    with pytest.raises(OutsideScope):
        services.certificate_revoke(actor=actor, certificate=certificate, reason="not_own_work")

    certificate.refresh_from_db()
    assert certificate.revoked_at is None


@pytest.mark.parametrize("reason", ["   ", "Gian lận", "OTHER"])
def test_revoke_needs_a_reason_from_the_list(certificate, tree, reason, commune_officer):
    with pytest.raises(InvalidInput) as error:
        services.certificate_revoke(
            actor=commune_officer,
            certificate=certificate,
            reason=reason,
        )

    assert error.value.details == {"field": "reason"}


def test_revoke_for_another_reason_needs_a_note(certificate, tree, commune_officer):
    with pytest.raises(InvalidInput) as error:
        services.certificate_revoke(
            actor=commune_officer,
            certificate=certificate,
            reason="other",
            note=" ",
        )

    assert error.value.details == {"field": "note"}


def test_revoking_twice_is_a_conflict(certificate):
    admin = UserFactory(is_superuser=True)
    services.certificate_revoke(actor=admin, certificate=certificate, reason="duplicate")

    with pytest.raises(Conflict):
        services.certificate_revoke(actor=admin, certificate=certificate, reason="issued_in_error")


def test_after_revoking_passing_again_issues_a_new_certificate(quiz, person, certificate):
    services.certificate_revoke(
        actor=UserFactory(is_superuser=True), certificate=certificate, reason="duplicate"
    )

    finished_attempt(quiz, person, correct=4)

    assert Certificate.objects.filter(person=person, revoked_at__isnull=True).count() == 1
    assert Certificate.objects.filter(person=person).count() == 2


# --- staff pages ------------------------------------------------------------------------------


def test_staff_list_shows_certificates_in_scope_only(
    client, quiz, tree, certificate, commune_officer
):
    outsider = learner(tree.other_village, full_name="Phạm Văn Xa")
    finished_attempt(quiz, outsider, correct=4)
    client.force_login(commune_officer)

    html = client.get(reverse("learning:staff_certificates")).content.decode()

    assert certificate.code[:4] in html and "Nguyễn Văn An" in html
    assert "Phạm Văn Xa" not in html
    assert "Thu hồi" in html


def test_staff_list_searches_by_code(client, quiz, tree, certificate, commune_officer):
    other = learner(tree.village2, full_name="Trần Thị Bình")
    finished_attempt(quiz, other, correct=4)
    client.force_login(commune_officer)

    html = client.get(
        reverse("learning:staff_certificates"), {"q": certificate.code.lower()}
    ).content.decode()

    assert "Nguyễn Văn An" in html and "Trần Thị Bình" not in html


def test_instructor_sees_the_list_without_revoke_form(client, tree, certificate, instructor):
    client.force_login(instructor)

    html = client.get(reverse("learning:staff_certificates")).content.decode()

    assert "Nguyễn Văn An" in html
    assert "Lý do thu hồi" not in html


def test_volunteer_has_no_certificate_list(client, tree):
    client.force_login(user_with_role(Role.VOLUNTEER, tree.village))

    assert client.get(reverse("learning:staff_certificates")).status_code == 404


def test_revoke_form_revokes_and_reports(client, tree, certificate, commune_officer):
    client.force_login(commune_officer)

    response = client.post(
        reverse("learning:staff_certificate_revoke", args=[certificate.pk]),
        {"reason": "not_own_work", "note": "Người khác làm hộ"},
        follow=True,
    )

    certificate.refresh_from_db()
    assert certificate.revoke_reason == "not_own_work"
    assert certificate.revoke_note == "Người khác làm hộ"
    assert "Đã thu hồi" in response.content.decode()


def test_revoke_form_outside_scope_is_404(client, tree, certificate, other_commune_officer):
    client.force_login(other_commune_officer)

    response = client.post(
        reverse("learning:staff_certificate_revoke", args=[certificate.pk]), {"reason": "x"}
    )

    assert response.status_code == 404
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


def test_revoke_form_without_reason_shows_the_error(client, tree, certificate, commune_officer):
    client.force_login(commune_officer)

    response = client.post(
        reverse("learning:staff_certificate_revoke", args=[certificate.pk]),
        {"reason": ""},
        follow=True,
    )

    assert "Hãy chọn lý do thu hồi trong danh sách" in response.content.decode()
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


# --- learning figures -------------------------------------------------------------------------


@pytest.fixture
def activity(tree):
    """Topic A: in Xã Đông Hưng one pass + one fail (same person passes after a retry) and
    one fail; in Phường Phố Hiến one pass; in Hà Nội one pass."""
    quiz = quiz_with_questions(count=2, pass_percent=100, title="Chuyên đề A")
    an = learner(tree.village, full_name="An")
    binh = learner(tree.village2, full_name="Bình")
    chi = learner(tree.ward_village, full_name="Chi")
    xa = learner(tree.other_village, full_name="Xa")
    finished_attempt(quiz, an, correct=1)
    finished_attempt(quiz, an, correct=2)
    finished_attempt(quiz, binh, correct=0)
    finished_attempt(quiz, chi, correct=2)
    finished_attempt(quiz, xa, correct=2)
    return quiz


def _rows(figures):
    return {
        (block["topic"].title, row["commune"].name): (
            row["attempts"],
            row["passed"],
            row["certificates"],
        )
        for block in figures["topics"]
        for row in block["rows"]
    }


def test_figures_count_attempts_passes_and_certificates_per_commune(tree, activity, province_admin):

    rows = _rows(learning_figures(user=province_admin))

    assert rows == {
        ("Chuyên đề A", "Xã Đông Hưng"): (3, 1, 1),
        ("Chuyên đề A", "Phường Phố Hiến"): (1, 1, 1),
    }


def test_figures_of_a_commune_officer_stay_in_the_commune(tree, activity, commune_officer):

    figures = learning_figures(user=commune_officer)

    assert _rows(figures) == {("Chuyên đề A", "Xã Đông Hưng"): (3, 1, 1)}
    assert figures["topics"][0]["passed"] == 1


def test_figures_leave_out_revoked_certificates(tree, activity, province_admin):
    services.certificate_revoke(
        actor=province_admin,
        certificate=Certificate.objects.get(person__full_name="Chi"),
        reason="issued_in_error",
    )

    rows = _rows(learning_figures(user=province_admin))

    assert rows[("Chuyên đề A", "Phường Phố Hiến")] == (1, 1, 0)


def test_figures_use_a_fixed_number_of_queries(
    tree, activity, django_assert_max_num_queries, province_admin
):
    quiz_b = quiz_with_questions(count=1, pass_percent=100, title="Chuyên đề B")
    for i in range(5):
        finished_attempt(quiz_b, learner(tree.village2, full_name=f"Người {i}"), correct=1)
    learning_figures(user=province_admin)  # warm the scope cache

    with django_assert_max_num_queries(4):
        figures = learning_figures(user=province_admin)
    assert _rows(figures)[("Chuyên đề B", "Xã Đông Hưng")] == (5, 5, 5)


def test_progress_page_shows_the_figures(client, tree, activity, commune_officer):
    client.force_login(commune_officer)

    html = client.get(reverse("learning:staff_progress")).content.decode()

    assert "Chuyên đề A" in html and "Xã Đông Hưng" in html
    assert "Phường Phố Hiến" not in html


def test_progress_page_is_404_without_learning_view(client, tree):
    client.force_login(user_with_role(Role.TEAM_LEADER, tree.commune))

    assert client.get(reverse("learning:staff_progress")).status_code == 404


# --- finding certificates by the holder ---------------------------------------------------


def test_staff_find_a_certificate_by_the_holders_name_without_diacritics(
    client, tree, certificate, commune_officer
):
    client.force_login(commune_officer)

    found = client.get(reverse("learning:staff_certificates"), {"q": "nguyen van an"})
    missed = client.get(reverse("learning:staff_certificates"), {"q": "tran thi"})

    assert certificate.person.full_name in found.content.decode()
    assert certificate.person.full_name not in missed.content.decode()


def test_staff_filter_certificates_by_commune(client, tree, certificate, province_admin):
    client.force_login(province_admin)

    same = client.get(reverse("learning:staff_certificates"), {"xa": tree.commune.code})
    other = client.get(reverse("learning:staff_certificates"), {"xa": tree.ward.code})

    assert certificate.person.full_name in same.content.decode()
    assert certificate.person.full_name not in other.content.decode()
