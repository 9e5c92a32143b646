import datetime as dt
import uuid

import pytest
from django.utils import timezone

from binhdan.accounts.models import Role
from binhdan.core.errors import InvalidInput, OutsideScope
from binhdan.volunteers import visits
from binhdan.volunteers.models import ServiceKind, SupportVisit
from tests.accounts.factories import UserFactory, user_with_role
from tests.people.factories import PersonFactory
from tests.volunteers.factories import TeamFactory, VolunteerFactory


@pytest.fixture
def member(tree):
    user = user_with_role(Role.VOLUNTEER, tree.commune)
    return VolunteerFactory(team=TeamFactory(commune=tree.commune), village=tree.village, user=user)


def item(person_id=None, **kwargs):
    values = {
        "client_uuid": uuid.uuid4(),
        "visited_at": timezone.now() - dt.timedelta(hours=1),
        "outcome": "done",
        "person_id": person_id,
        "service_kinds": ["app-install"],
    }
    values.update(kwargs)
    return visits.VisitItem(**values)


def record(member, items):
    return visits.visits_record(member=member, actor=member.user, items=items)


def test_a_kind_staff_just_added_is_known_at_once(tree, member):
    person = PersonFactory(village=tree.village)
    record(member, [item(person.pk)])  # the kinds are cached now
    ServiceKind.objects.create(code="bhxh-app", name="Cài VssID")
    [result] = record(member, [item(person.pk, service_kinds=["bhxh-app"])])
    assert result.status == visits.CREATED
    assert SupportVisit.objects.get(pk=result.visit_id).services.get().code == "bhxh-app"


@pytest.mark.django_db(transaction=True)
def test_a_kind_read_before_it_was_replaced_does_not_break_the_upload(tree, member):
    """The per-process cache may hold the id of a kind that is gone (a test database
    flushed, a kind re-created): the commit's foreign-key check fails, and the upload reads
    the kinds again instead of answering 500. Transactional, so the commit really happens."""
    ServiceKind.objects.get_or_create(code="app-install", defaults={"name": "Cài ứng dụng"})
    person = PersonFactory(village=tree.village)
    record(member, [item(person.pk)])  # "app-install" is cached with its id now
    ServiceKind.objects.filter(code="app-install").delete()
    ServiceKind.objects.create(code="app-install", name="Cài đặt ứng dụng", order=40)
    [result] = record(member, [item(person.pk)])
    assert result.status == visits.CREATED
    assert SupportVisit.objects.get(pk=result.visit_id).services.get().code == "app-install"


def test_an_inactive_kind_is_unknown(tree, member):
    ServiceKind.objects.filter(code="other").update(is_active=False)
    visits._kinds_loaded_at = 0.0
    [result] = record(
        member, [item(PersonFactory(village=tree.village).pk, service_kinds=["other"])]
    )
    assert result.error.code == "service_kind_unknown"


def test_a_merged_record_is_refused_and_a_repeat_of_a_rejected_item_is_rejected(tree, member):
    kept = PersonFactory(village=tree.village)
    merged = PersonFactory(village=tree.village, merged_into=kept)
    bad = item(merged.pk)
    results = record(member, [bad, bad])
    assert [r.status for r in results] == [visits.REJECTED, visits.REJECTED]
    assert results[1].error.code == "outside_scope"
    assert not SupportVisit.objects.exists()


def test_an_inline_persons_error_names_the_person_field(tree, member):
    bad = item(person={"full_name": "", "village_code": tree.village.code})
    good = item(PersonFactory(village=tree.village).pk)
    results = record(member, [bad, good])
    assert results[0].error.code == "name_required"
    assert results[0].field == "person.full_name"
    assert results[1].status == visits.CREATED


def test_an_inline_person_in_another_commune_is_outside_scope(tree, member):
    outside = item(person={"full_name": "Vũ Văn Xa", "village_code": tree.ward_village.code})
    [result] = record(member, [outside])
    assert (result.error.code, result.field) == ("outside_scope", "person.village_code")


def test_a_member_of_an_inactive_team_or_without_one_logs_nothing(tree):
    lone = VolunteerFactory(village=tree.village, user=UserFactory())
    idle = VolunteerFactory(
        team=TeamFactory(commune=tree.commune, is_active=False),
        village=tree.village,
        user=UserFactory(),
    )
    for user in (lone.user, idle.user):
        with pytest.raises(OutsideScope) as refused:
            visits.member_for_visits(user)
        assert refused.value.code == "outside_scope"


def test_the_batch_size_is_checked_before_anything(member):
    with pytest.raises(InvalidInput) as refused:
        record(member, [])
    assert refused.value.code == "batch_too_large"
