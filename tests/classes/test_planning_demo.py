import pytest

from binhdan.accounts.models import Role
from binhdan.classes.models import BridgePoint, CheckIn, ClassSession, SessionKind
from binhdan.demo.generator import seed_classes_demo
from binhdan.people.services import person_register
from tests.accounts.factories import user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_tree(tree):
    user_with_role(Role.OPERATOR, tree.village, username="diemcau")
    for i in range(12):
        person_register(
            actor=None,
            village=tree.village if i % 2 else tree.ward_village,
            full_name=f"Người Minh Họa {i}",
            birth_year=1950 + i,
            phone=f"0900000{i:03d}" if i % 3 else "",
        )
    return tree


def test_demo_classes_give_each_village_a_point_and_three_sessions(demo_tree):
    figures = seed_classes_demo(province=demo_tree.province)

    assert BridgePoint.objects.count() == 3
    kinds = sorted(ClassSession.objects.values_list("kind", flat=True))
    assert kinds == [SessionKind.IN_PERSON, SessionKind.ONLINE, SessionKind.ONLINE]
    assert all("(minh họa)" in t for t in ClassSession.objects.values_list("title", flat=True))
    assert figures["checkins"] == CheckIn.objects.count() > 0


def test_demo_classes_give_diemcau_points_to_operate(demo_tree):
    seed_classes_demo(province=demo_tree.province)

    operated = BridgePoint.objects.filter(operators__username="diemcau")
    assert operated.filter(village=demo_tree.village).exists()


def test_demo_classes_run_twice_create_nothing_more(demo_tree):
    seed_classes_demo(province=demo_tree.province)
    before = (BridgePoint.objects.count(), ClassSession.objects.count(), CheckIn.objects.count())

    assert seed_classes_demo(province=demo_tree.province) == {}
    assert (
        BridgePoint.objects.count(),
        ClassSession.objects.count(),
        CheckIn.objects.count(),
    ) == before
