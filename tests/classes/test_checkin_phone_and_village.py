"""Check-in service: the typed village is kept, and a known phone checks in without a name."""

import uuid

import pytest

from binhdan.classes.checkin import services
from binhdan.classes.checkin.services import CheckInItem
from binhdan.classes.models import CheckIn
from binhdan.people.identity import identity_key
from tests.accounts.factories import UserFactory
from tests.classes.factories import BridgePointFactory, ClassSessionFactory, SessionPointFactory
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db

PHONE = "0912 345 678"
PHONE_E164 = "+84912345678"


@pytest.fixture
def sp(tree):
    session = ClassSessionFactory(area=tree.province, area_path=tree.province.path)
    point = BridgePointFactory(village=tree.village, operators=[UserFactory()])
    return SessionPointFactory(session=session, point=point)


def record(sp, *items):
    return services.checkins_record(actor=None, session_point=sp, items=list(items))


def name_item(village_code: str, **kwargs) -> CheckInItem:
    values = {
        "client_uuid": uuid.uuid4(),
        "method": "name",
        "full_name": "Lê Văn Tám",
        "birth_year": 1950,
        "village_code": village_code,
    }
    return CheckInItem(**(values | kwargs))


def phone_alone(phone: str = PHONE) -> CheckInItem:
    return CheckInItem(client_uuid=uuid.uuid4(), method="phone", phone=phone)


# --------------------------------------------------------------------------- the village


def test_name_checkin_stores_the_typed_village_not_the_points(sp, tree):
    # given a point in Thôn Đông; when someone from Thôn Tây checks in by name
    [result] = record(sp, name_item(tree.village2.code))

    # then the check-in keeps Thôn Tây
    assert result.status == "created"
    assert CheckIn.objects.get().village_id == tree.village2.pk


def test_batch_of_name_checkins_looks_the_villages_up_once(
    sp, tree, django_assert_num_queries, django_assert_max_num_queries
):
    # given the query count of a batch of one name check-in
    with django_assert_max_num_queries(10) as one:
        [first] = record(sp, name_item(tree.village.code, full_name="Người Một"))
    assert first.status == "created"
    queries = len(one.captured_queries)

    # when a batch of twenty is stored, then it costs the same number of queries
    items = [name_item(tree.village2.code, full_name=f"Người {n}") for n in range(20)]
    with django_assert_num_queries(queries):
        results = record(sp, *items)
    assert [r.status for r in results] == ["created"] * 20
    assert set(CheckIn.objects.values_list("village_id", flat=True)) == {
        tree.village.pk,
        tree.village2.pk,
    }


def test_phone_checkin_keeps_a_valid_village_given_with_it(sp, tree):
    # a self check-in sends the village chosen on the form with the phone
    item = CheckInItem(
        uuid.uuid4(), "self", phone=PHONE, full_name="Lê Văn Tám", village_code=tree.village2.code
    )

    record(sp, item)

    assert CheckIn.objects.get().village_id == tree.village2.pk


def test_phone_checkin_ignores_a_village_of_another_commune(sp, tree):
    elsewhere = tree.ward_village.code
    item = CheckInItem(
        uuid.uuid4(), "self", phone=PHONE, full_name="Lê Văn Tám", village_code=elsewhere
    )

    [result] = record(sp, item)

    assert result.status == "created"
    assert CheckIn.objects.get().village_id is None


def test_cccd_checkin_stores_no_village(sp):
    record(sp, CheckInItem(uuid.uuid4(), "cccd", cccd="001090012345"))

    assert CheckIn.objects.get().village_id is None


# --------------------------------------------------------------------------- phone alone


def test_phone_alone_checks_in_the_one_known_person_of_the_commune(sp, tree):
    # given one person of the point's commune registered with this phone
    person = PersonFactory(
        village=tree.village2, full_name="Nguyễn Thị Hoa", birth_year=1948, phone=PHONE_E164
    )

    # when the operator types the phone only
    [result] = record(sp, phone_alone())

    # then that person is checked in, and the answer names them masked only
    assert (result.status, result.reason) == ("created", "")
    assert result.name_masked == "Nguyễn T*** H***"
    checkin = CheckIn.objects.get()
    assert checkin.person_id == person.pk
    assert checkin.identity_key == person.identity_key
    assert (checkin.full_name, checkin.birth_year) == ("Nguyễn Thị Hoa", 1948)


def test_phone_alone_twice_is_already_checked_in_with_the_masked_name(sp, tree):
    PersonFactory(village=tree.village, full_name="Nguyễn Thị Hoa", phone=PHONE_E164)
    record(sp, phone_alone())

    [again] = record(sp, phone_alone())

    assert (again.status, again.reason) == ("duplicate", "already_checked_in")
    assert again.name_masked == "Nguyễn T*** H***"
    assert CheckIn.objects.count() == 1


def test_phone_alone_after_a_card_checkin_of_the_same_person_is_already_checked_in(sp, tree):
    from binhdan.people.cards import card_token_for

    person = PersonFactory(village=tree.village, phone=PHONE_E164)
    record(sp, CheckInItem(uuid.uuid4(), "qr_card", card=card_token_for(person)))

    [again] = record(sp, phone_alone())

    assert (again.status, again.reason) == ("duplicate", "already_checked_in")


def test_phone_alone_shared_by_two_people_asks_for_the_name(sp, tree):
    # given an elderly couple sharing one phone
    PersonFactory(village=tree.village, full_name="Trần Văn Ba", phone=PHONE_E164)
    PersonFactory(village=tree.village, full_name="Phạm Thị Tư", phone=PHONE_E164)

    [result] = record(sp, phone_alone())

    assert (result.status, result.reason, result.name_masked) == ("rejected", "phone_shared", "")
    assert not CheckIn.objects.exists()


def test_phone_alone_shared_checks_in_the_named_one(sp, tree):
    ba = PersonFactory(
        village=tree.village,
        full_name="Trần Văn Ba",
        phone=PHONE_E164,
        identity_key=identity_key("tel", f"{PHONE_E164}|tran van ba"),
    )
    PersonFactory(village=tree.village, full_name="Phạm Thị Tư", phone=PHONE_E164)

    [result] = record(sp, CheckInItem(uuid.uuid4(), "phone", phone=PHONE, full_name="Trần Văn Ba"))

    assert result.status == "created"
    assert CheckIn.objects.get().person_id == ba.pk


def test_phone_alone_of_an_unknown_number_asks_for_the_name(sp):
    [result] = record(sp, phone_alone())

    assert (result.status, result.reason) == ("rejected", "name_required")
    assert not CheckIn.objects.exists()


def test_phone_alone_does_not_find_a_person_of_another_commune(sp, tree):
    # given the only person with this phone lives in another commune of the province
    PersonFactory(village=tree.ward_village, full_name="Đỗ Văn Xa", phone=PHONE_E164)

    # when the operator types the phone only
    [result] = record(sp, phone_alone())

    # then nobody is checked in and nothing of that person is given away
    assert (result.status, result.reason, result.name_masked) == (
        "rejected",
        "name_required",
        "",
    )
    assert not CheckIn.objects.exists()


def test_phone_with_a_name_is_not_looked_up(sp, tree):
    # a typed name keeps the phone + name identity, whoever else has the phone
    PersonFactory(village=tree.village, full_name="Nguyễn Thị Hoa", phone=PHONE_E164)

    [result] = record(sp, CheckInItem(uuid.uuid4(), "phone", phone=PHONE, full_name="Lê Văn B"))

    assert (result.status, result.name_masked) == ("created", "")
    assert CheckIn.objects.get().full_name == "Lê Văn B"


def test_sheet_row_with_a_phone_and_no_name_still_needs_the_name(sp, tree):
    # only the console's phone method looks a number up; other sources name the person
    PersonFactory(village=tree.village, phone=PHONE_E164)

    [result] = record(sp, CheckInItem(uuid.uuid4(), "sheet", phone=PHONE))

    assert (result.status, result.reason) == ("rejected", "name_required")


def test_batch_of_phone_alone_checkins_looks_the_phones_up_once(
    sp, tree, django_assert_max_num_queries, django_assert_num_queries
):
    for n in range(20):
        PersonFactory(village=tree.village, phone=f"+849123450{n:02d}")
    with django_assert_max_num_queries(10) as one:
        record(sp, phone_alone("0912345000"))
    queries = len(one.captured_queries)

    with django_assert_num_queries(queries):
        results = record(sp, *[phone_alone(f"09123450{n:02d}") for n in range(1, 20)])

    assert {r.status for r in results} == {"created"}
