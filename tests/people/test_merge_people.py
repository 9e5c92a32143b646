"""Merging two records of one person: every visit kept, nobody counted twice."""

import pytest

from binhdan.accounts.models import Role
from binhdan.classes.models import CheckIn, CheckInFlag, SessionPoint
from binhdan.core.errors import NotFound
from binhdan.learning.models import Certificate, QuizAttempt
from binhdan.people.merging import person_merge
from binhdan.people.models import Person
from binhdan.people.services import person_register
from tests.accounts.factories import user_with_role
from tests.classes.factories import (
    BridgePointFactory,
    CheckInFactory,
    ClassSessionFactory,
    SessionPointFactory,
)
from tests.learning.factories import finished_attempt, quiz_with_questions


@pytest.fixture
def twins(tree, commune_officer):
    """One woman registered twice: with her CCCD, then with her phone."""
    keep, _ = person_register(
        actor=commune_officer, village=tree.village, full_name="Vũ Thị Hằng", cccd="033190004321"
    )
    duplicate, _ = person_register(
        actor=commune_officer,
        village=tree.village,
        full_name="Vu Thi Hang",
        birth_year=1990,
        phone="0912 345 678",
    )
    assert keep.pk != duplicate.pk
    return keep, duplicate


def _point(tree, session):
    return SessionPointFactory(
        session=session, point=BridgePointFactory(village=tree.village), area_path=tree.village.path
    )


def test_merge_moves_check_ins_and_drops_the_second_one_of_a_session(tree, commune_officer, twins):
    # given both records checked in to one session, at two points, and the duplicate to another
    keep, duplicate = twins
    shared = ClassSessionFactory(area=tree.commune)
    here, there = _point(tree, shared), _point(tree, shared)
    CheckInFactory(session_point=here, identity_key=keep.identity_key)
    CheckInFactory(session_point=there, identity_key=duplicate.identity_key)
    later = _point(tree, ClassSessionFactory(area=tree.commune))
    CheckInFactory(session_point=later, identity_key=duplicate.identity_key)

    # when
    report = person_merge(actor=commune_officer, keep=keep, duplicate=duplicate)

    # then: one check-in per session, all on the kept record; counters true; flagged
    rows = CheckIn.objects.order_by("session_id")
    assert [r.identity_key for r in rows] == [keep.identity_key, keep.identity_key]
    assert (report.moved["checkins"], report.dropped["checkins"]) == (1, 1)
    assert SessionPoint.objects.get(pk=there.pk).checkin_count == 0
    assert SessionPoint.objects.get(pk=here.pk).checkin_count == 1
    assert CheckInFlag.objects.get().other_point_id == there.point_id
    assert CheckIn.objects.values("identity_key").distinct().count() == 1


def test_merge_keeps_attempts_and_revokes_a_second_certificate_of_a_topic(
    tree, commune_officer, twins
):
    keep, duplicate = twins
    quiz = quiz_with_questions(count=2, pass_percent=50)
    finished_attempt(quiz, keep, correct=2)
    finished_attempt(quiz, duplicate, correct=2)

    person_merge(actor=commune_officer, keep=keep, duplicate=duplicate)

    assert QuizAttempt.objects.filter(person=keep).count() == 2
    certificates = Certificate.objects.filter(person=keep)
    assert certificates.count() == 2
    assert certificates.filter(revoked_at__isnull=True).count() == 1
    assert certificates.get(revoked_at__isnull=False).revoke_reason == "duplicate"


def test_merged_record_is_hidden_and_its_identity_finds_the_kept_one(tree, commune_officer, twins):
    keep, duplicate = twins

    person_merge(actor=commune_officer, keep=keep, duplicate=duplicate)

    duplicate.refresh_from_db()
    assert duplicate.merged_into == keep and duplicate.phone == ""
    assert keep.pk in [p.pk for p in Person.objects.filter(pk=keep.pk)]
    again, created = person_register(
        actor=commune_officer, village=tree.village, full_name="Vu Thi Hang", phone="0912345678"
    )
    assert not created and again.pk == keep.pk
    keep.refresh_from_db()
    assert keep.phone == "+84912345678"  # the kept record learnt the phone


def test_team_leader_cannot_merge(tree, twins):
    leader = user_with_role(Role.TEAM_LEADER, tree.commune)
    keep, duplicate = twins

    with pytest.raises(Exception) as error:
        person_merge(actor=leader, keep=keep, duplicate=duplicate)

    assert error.value.code == "outside_scope"
    assert Person.objects.get(pk=duplicate.pk).merged_into is None


def test_officer_of_another_commune_cannot_merge(tree, twins, other_commune_officer):
    keep, duplicate = twins

    with pytest.raises(NotFound):
        person_merge(actor=other_commune_officer, keep=keep, duplicate=duplicate)


def test_merge_page_offers_the_candidate_and_merges(client, tree, commune_officer, twins):
    keep, duplicate = twins
    client.force_login(commune_officer)

    detail = client.get(f"/nguoi-dan/{keep.pk}/").content.decode()
    confirm = client.get(f"/nguoi-dan/{keep.pk}/gop/{duplicate.pk}/")
    done = client.post(f"/nguoi-dan/{keep.pk}/gop/{duplicate.pk}/", follow=True)

    assert "Hồ sơ có thể trùng" in detail and f"/gop/{duplicate.pk}/" in detail
    assert detail.count("Hồ sơ có thể trùng") == 1  # in the page, not in its <title>
    assert "<section" not in detail.split("</title>")[0]
    assert confirm.status_code == 200 and "Gộp hai hồ sơ" in confirm.content.decode()
    assert "Đã gộp hai hồ sơ" in done.content.decode()
    assert "Vu Thi Hang" not in client.get("/nguoi-dan/").content.decode()


def test_merge_page_is_404_for_a_volunteer(client, tree, twins):
    keep, duplicate = twins
    client.force_login(user_with_role(Role.VOLUNTEER, tree.village))

    assert client.post(f"/nguoi-dan/{keep.pk}/gop/{duplicate.pk}/").status_code == 404
    assert Person.objects.get(pk=duplicate.pk).merged_into is None
