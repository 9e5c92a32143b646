import re

from django.urls import reverse

from binhdan.accounts.models import Role
from binhdan.people.cards import card_parse
from tests.accounts.factories import user_with_role
from tests.people.factories import PersonFactory


def test_card_page_shows_a_qr_whose_token_names_the_person(client, tree):
    person = PersonFactory(village=tree.village, phone="+84912345678")
    client.force_login(user_with_role(Role.TEAM_LEADER, tree.commune))

    response = client.get(reverse("cards:person", args=[person.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html
    token = re.search(r'data-token="([^"]+)"', html).group(1)
    assert card_parse(token) == person
    assert "0912345678" not in html and "912345678" not in token


def test_card_page_outside_scope_is_404(client, tree):
    person = PersonFactory(village=tree.ward_village)
    client.force_login(user_with_role(Role.TEAM_LEADER, tree.commune))

    assert client.get(reverse("cards:person", args=[person.pk])).status_code == 404


def test_card_page_needs_login(client, tree):
    person = PersonFactory(village=tree.village)

    response = client.get(reverse("cards:person", args=[person.pk]))

    assert response.status_code == 302
