import datetime as dt
import uuid

import pytest
from django.utils import timezone

from binhdan.accounts.models import Role
from binhdan.classes.checkin import services
from binhdan.classes.checkin.services import CheckInItem
from binhdan.classes.models import CheckIn, CheckInFlag, SessionPoint
from binhdan.core.errors import Conflict, InvalidInput, NotFound, OutsideScope
from binhdan.people.cards import card_parse, card_token_for
from binhdan.people.identity import identity_key
from tests.accounts.factories import user_with_role
from tests.classes.factories import (
    BridgePointFactory,
    ClassSessionFactory,
    SessionPointFactory,
)
from tests.db_text import all_database_text
from tests.people.factories import PersonFactory

CCCD = "001090012345"


@pytest.fixture
def sp(tree, operator):
    session = ClassSessionFactory(area=tree.province, area_path=tree.province.path)
    point = BridgePointFactory(village=tree.village, operators=[operator])
    return SessionPointFactory(session=session, point=point)


@pytest.fixture
def sp2(tree, sp):
    point = BridgePointFactory(village=tree.village2)
    return SessionPointFactory(session=sp.session, point=point)


def phone_item(n: int = 0, **kwargs) -> CheckInItem:
    values = {
        "client_uuid": uuid.uuid4(),
        "method": "phone",
        "phone": f"0912 345 {n:03d}",
        "full_name": f"Nguyễn Văn {n}",
    }
    values.update(kwargs)
    return CheckInItem(**values)


def record(sp, items, actor=None):
    return services.checkins_record(actor=actor, session_point=sp, items=items)


def test_batch_creates_one_row_per_person_and_counts_them(sp):
    results = record(sp, [phone_item(i) for i in range(5)])
    assert [r.status for r in results] == ["created"] * 5
    assert CheckIn.objects.filter(session=sp.session).count() == 5
    sp.refresh_from_db()
    assert sp.checkin_count == 5


def test_same_client_uuid_twice_in_a_batch_is_one_row(sp):
    item = phone_item(1)
    results = record(sp, [item, item])
    assert [(r.status, r.reason) for r in results] == [("created", ""), ("duplicate", "retry")]
    assert CheckIn.objects.count() == 1


def test_same_person_twice_in_a_batch_is_already_checked_in(sp):
    results = record(sp, [phone_item(1), phone_item(1)])
    assert [(r.status, r.reason) for r in results] == [
        ("created", ""),
        ("duplicate", "already_checked_in"),
    ]
    sp.refresh_from_db()
    assert sp.checkin_count == 1


def test_retry_with_same_client_uuid_is_duplicate_without_second_row(sp):
    item = phone_item(1)
    record(sp, [item])
    result = record(sp, [item])[0]
    assert (result.status, result.reason) == ("duplicate", "retry")
    assert CheckIn.objects.count() == 1
    sp.refresh_from_db()
    assert sp.checkin_count == 1


def test_same_person_at_other_point_is_flagged_and_counted_once(sp, sp2):
    record(sp, [phone_item(7)])
    other = phone_item(7)
    result = record(sp2, [other])[0]
    assert (result.status, result.reason) == ("duplicate", "seen_at_other_point")
    assert CheckIn.objects.count() == 1
    flag = CheckInFlag.objects.get()
    assert flag.other_point_id == sp2.point_id and flag.client_uuid == other.client_uuid
    sp2.refresh_from_db()
    assert sp2.checkin_count == 0


def test_flag_is_idempotent_on_the_items_client_uuid(sp, sp2):
    record(sp, [phone_item(7)])
    other = phone_item(7)
    record(sp2, [other])
    record(sp2, [other])
    assert CheckInFlag.objects.count() == 1


def test_bad_items_are_rejected_with_reason_while_others_land(sp):
    results = record(
        sp,
        [
            phone_item(1),
            phone_item(2, phone="12"),
            CheckInItem(client_uuid=uuid.uuid4(), method="cccd", cccd="12345"),
            CheckInItem(client_uuid=uuid.uuid4(), method="name", full_name="Lê Thị Hoa"),
            CheckInItem(client_uuid=uuid.uuid4(), method="teleport"),
            CheckInItem(client_uuid=uuid.uuid4(), method="qr_card", card="forged:abc"),
            phone_item(3),
        ],
    )
    assert [(r.status, r.reason) for r in results] == [
        ("created", ""),
        ("rejected", "phone_invalid"),
        ("rejected", "cccd_invalid"),
        ("rejected", "identity_missing"),
        ("rejected", "method_invalid"),
        ("rejected", "card_invalid"),
        ("created", ""),
    ]
    assert CheckIn.objects.count() == 2


def test_offline_checked_in_at_is_kept(sp):
    at = timezone.now() - dt.timedelta(minutes=30)
    record(sp, [phone_item(1, checked_in_at=at)])
    assert CheckIn.objects.get().checked_in_at == at


@pytest.mark.parametrize(
    "offset",
    [dt.timedelta(minutes=6), -dt.timedelta(days=1, minutes=20)],
    ids=["future", "before-session-start-minus-a-day"],
)
def test_checked_in_at_out_of_range_is_rejected(sp, offset):
    base = timezone.now() if offset > dt.timedelta(0) else sp.session.starts_at
    result = record(sp, [phone_item(1, checked_in_at=base + offset)])[0]
    assert (result.status, result.reason) == ("rejected", "checked_in_at_invalid")
    assert not CheckIn.objects.exists()


def test_more_than_1000_items_is_refused(sp):
    with pytest.raises(InvalidInput) as exc:
        record(sp, [phone_item(i % 900) for i in range(1001)])
    assert exc.value.code == "batch_too_large"


def test_cccd_identifies_and_is_never_stored(sp):
    result = record(sp, [CheckInItem(uuid.uuid4(), "cccd", cccd=CCCD, full_name="Phạm Văn Ba")])
    assert result[0].status == "created"
    row = CheckIn.objects.get()
    assert row.identity_key == identity_key("cccd", CCCD)
    assert row.birth_year == 1990
    assert CCCD not in all_database_text()


def test_name_method_needs_a_village_of_the_points_commune(sp, tree):
    ok = CheckInItem(
        uuid.uuid4(),
        "name",
        full_name="Lê Thị Hoa",
        birth_year=1950,
        village_code=tree.village2.code,
    )
    far = CheckInItem(
        uuid.uuid4(),
        "name",
        full_name="Lê Thị Hoa",
        birth_year=1950,
        village_code=tree.other_village.code,
    )
    assert [(r.status, r.reason) for r in record(sp, [ok, far])] == [
        ("created", ""),
        ("rejected", "village_invalid"),
    ]


def test_known_person_is_linked_by_identity(sp, tree):
    person = PersonFactory(village=tree.village, identity_key=identity_key("cccd", CCCD))
    record(sp, [CheckInItem(uuid.uuid4(), "cccd", cccd=CCCD)])
    assert CheckIn.objects.get().person_id == person.pk


def test_card_check_in_uses_the_cards_person(sp, tree):
    person = PersonFactory(village=tree.village, full_name="Đỗ Thị Mai")
    result = record(sp, [CheckInItem(uuid.uuid4(), "qr_card", card=card_token_for(person))])[0]
    assert result.status == "created"
    row = CheckIn.objects.get()
    assert (row.person_id, row.identity_key, row.full_name) == (
        person.pk,
        person.identity_key,
        "Đỗ Thị Mai",
    )


def test_card_token_round_trip(tree):
    person = PersonFactory(village=tree.village)
    assert card_parse(card_token_for(person)) == person


def test_tampered_card_token_is_rejected(tree):
    person = PersonFactory(village=tree.village)
    token = card_token_for(person)
    value, signature = token.split(":", 1)
    with pytest.raises(InvalidInput) as exc:
        card_parse(f"{int(value, 36) + 1:x}:{signature}")
    assert exc.value.code == "card_invalid"


def test_cancelled_session_refuses_check_ins(sp):
    sp.session.status = "cancelled"
    sp.session.save()
    with pytest.raises(Conflict):
        record(sp, [phone_item(1)])


# ----------------------------------------------------------------- write access


def test_operator_of_the_point_may_write(sp, operator):
    found = services.session_point_for_write(
        actor=operator, session_id=sp.session_id, point_id=sp.point_id
    )
    assert found.pk == sp.pk


def test_operator_of_another_point_may_not_write(sp, sp2, operator):
    with pytest.raises(OutsideScope):
        services.session_point_for_write(
            actor=operator, session_id=sp2.session_id, point_id=sp2.point_id
        )


def test_point_not_in_session_is_403_point_not_in_session(sp, operator, tree):
    other_session = ClassSessionFactory(area=tree.province, area_path=tree.province.path)
    with pytest.raises(OutsideScope) as exc:
        services.session_point_for_write(
            actor=operator, session_id=other_session.pk, point_id=sp.point_id
        )
    assert exc.value.code == "point_not_in_session"


def test_commune_officer_writes_in_own_commune_only(sp, tree, commune_officer):
    stranger = user_with_role(Role.COMMUNE_OFFICER, tree.other_commune)
    assert services.session_point_for_write(
        actor=commune_officer, session_id=sp.session_id, point_id=sp.point_id
    )
    with pytest.raises(OutsideScope):
        services.session_point_for_write(
            actor=stranger, session_id=sp.session_id, point_id=sp.point_id
        )


def test_unknown_point_is_not_found(sp, operator):
    with pytest.raises(NotFound):
        services.session_point_for_write(actor=operator, session_id=sp.session_id, point_id=0)


# ----------------------------------------------------------------- headcount, status


def test_headcount_latest_by_counted_at_wins(sp, operator):
    now = timezone.now()
    services.headcount_record(
        actor=operator, session_point=sp, count=40, counted_at=now, client_uuid=uuid.uuid4()
    )
    services.headcount_record(
        actor=operator,
        session_point=sp,
        count=25,
        counted_at=now - dt.timedelta(minutes=10),
        client_uuid=uuid.uuid4(),
    )
    sp.refresh_from_db()
    assert (sp.headcount, sp.headcount_at) == (40, now)


def test_headcount_is_idempotent_on_client_uuid(sp, operator):
    key = uuid.uuid4()
    now = timezone.now()
    _, first = services.headcount_record(
        actor=operator, session_point=sp, count=40, counted_at=now, client_uuid=key
    )
    _, second = services.headcount_record(
        actor=operator, session_point=sp, count=40, counted_at=now, client_uuid=key
    )
    assert (first, second) == (True, False)
    assert sp.headcounts.count() == 1


def test_attendance_is_max_of_checkins_and_headcount(sp, operator):
    record(sp, [phone_item(i) for i in range(3)])
    services.headcount_record(
        actor=operator,
        session_point=sp,
        count=2,
        counted_at=timezone.now(),
        client_uuid=uuid.uuid4(),
    )
    sp.refresh_from_db()
    assert sp.attendance == 3
    services.headcount_record(
        actor=operator,
        session_point=sp,
        count=30,
        counted_at=timezone.now(),
        client_uuid=uuid.uuid4(),
    )
    sp.refresh_from_db()
    assert sp.attendance == 30


def test_open_keeps_first_time_and_close_is_idempotent(sp, operator):
    first = timezone.now() - dt.timedelta(minutes=5)
    services.point_open(actor=operator, session_point=sp, at=first)
    services.point_open(actor=operator, session_point=sp)
    services.point_close(actor=operator, session_point=sp, at=first + dt.timedelta(minutes=1))
    services.point_close(actor=operator, session_point=sp)
    sp.refresh_from_db()
    assert sp.opened_at == first
    assert sp.closed_at == first + dt.timedelta(minutes=1)
    assert sp.last_heartbeat_at > first


# ----------------------------------------------------------------- self check-in


def self_checkin(point, **kwargs):
    values = {
        "point_code": point.self_checkin_code,
        "full_name": "Vũ Thị Lan",
        "birth_year": 1955,
        "phone": "",
        "village_code": "",
        "client_uuid": uuid.uuid4(),
    }
    values.update(kwargs)
    return services.checkin_self(**values)


def test_self_check_in_lands_at_the_live_session(sp):
    result = self_checkin(sp.point)
    assert result.status == "created"
    row = CheckIn.objects.get()
    assert (row.session_id, row.method, row.recorded_by_id) == (sp.session_id, "self", None)
    assert SessionPoint.objects.get(pk=sp.pk).checkin_count == 1


def test_self_check_in_outside_the_window_is_refused(tree):
    point = BridgePointFactory(village=tree.village)
    start = timezone.now() + dt.timedelta(hours=1, minutes=5)
    session = ClassSessionFactory(starts_at=start, ends_at=start + dt.timedelta(hours=1))
    SessionPointFactory(session=session, point=point)
    with pytest.raises(Conflict) as exc:
        self_checkin(point)
    assert exc.value.code == "no_live_session"


def test_self_check_in_an_hour_before_start_is_accepted(tree):
    point = BridgePointFactory(village=tree.village)
    start = timezone.now() + dt.timedelta(minutes=55)
    session = ClassSessionFactory(starts_at=start, ends_at=start + dt.timedelta(hours=1))
    SessionPointFactory(session=session, point=point)
    assert self_checkin(point).status == "created"


def test_self_check_in_unknown_code_is_not_found(db):
    with pytest.raises(NotFound):
        services.checkin_self(
            point_code="khong-co",
            full_name="A",
            birth_year=1950,
            phone="",
            village_code="",
            client_uuid=uuid.uuid4(),
        )


def test_self_check_in_bad_phone_names_the_field(sp):
    with pytest.raises(InvalidInput) as exc:
        self_checkin(sp.point, phone="123")
    assert exc.value.details == {"field": "phone"}


def test_self_check_in_without_a_name_is_name_required_as_in_registration(sp):
    with pytest.raises(InvalidInput) as exc:
        self_checkin(sp.point, full_name="   ")
    assert (exc.value.code, exc.value.message, exc.value.details) == (
        "name_required",
        "Hãy nhập họ và tên.",
        {"field": "full_name"},
    )


def test_self_check_in_without_year_or_phone_asks_the_citizen_for_one(sp):
    with pytest.raises(InvalidInput) as exc:
        self_checkin(sp.point, birth_year=None)
    assert (exc.value.code, exc.value.details) == ("identity_missing", {"field": "birth_year"})
    assert exc.value.message == "Hãy nhập số điện thoại, hoặc năm sinh của bạn."


def test_a_name_over_200_characters_is_rejected_not_cut(sp, operator):
    item = CheckInItem(uuid.uuid4(), "cccd", cccd="033090001234", full_name="A" * 201)
    result = services.checkins_record(actor=operator, session_point=sp, items=[item])[0]
    assert (result.status, result.reason) == ("rejected", "name_too_long")
