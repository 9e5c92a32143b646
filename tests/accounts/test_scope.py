from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import user_can, user_can_at
from tests.accounts.factories import UserFactory


def test_user_can_at_follows_the_grants_subtree(tree, commune_officer):
    assert user_can_at(user=commune_officer, action=Action.AREA_VIEW, path=tree.village.path)
    assert user_can_at(user=commune_officer, action=Action.AREA_VIEW, path=tree.commune.path)
    assert not user_can_at(user=commune_officer, action=Action.AREA_VIEW, path=tree.ward.path)
    assert not user_can_at(user=commune_officer, action=Action.AREA_VIEW, path=tree.province.path)
    assert user_can(user=commune_officer, action=Action.AREA_VIEW, area=tree.village2)


def test_superuser_everywhere_and_a_user_without_grants_nowhere(tree):
    assert user_can_at(
        user=UserFactory(is_superuser=True), action=Action.AREA_VIEW, path=tree.other_village.path
    )
    assert not user_can_at(user=UserFactory(), action=Action.AREA_VIEW, path=tree.village.path)
