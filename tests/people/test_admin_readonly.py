"""People are view only in the admin: registration and edits go through the services."""

import pytest
from django.urls import reverse

from binhdan.people.models import Person
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_person_pages_render_and_search(superuser_client, tree):
    person = PersonFactory(village=tree.village, full_name="Nguyễn Thị Hằng")

    found = superuser_client.get(reverse("admin:people_person_changelist"), {"q": "nguyen thi"})
    page = superuser_client.get(reverse("admin:people_person_change", args=[person.pk]))

    assert found.status_code == 200 and "Nguyễn Thị Hằng" in found.content.decode()
    assert page.status_code == 200


def test_change_person_refused_in_admin(superuser_client, tree):
    # given
    person = PersonFactory(village=tree.village, full_name="Nguyễn Thị Hằng")

    # when
    response = superuser_client.post(
        reverse("admin:people_person_change", args=[person.pk]),
        {"full_name": "Tên khác", "village": tree.other_village.pk, "identity_key": "x"},
    )

    # then
    assert response.status_code == 403
    person.refresh_from_db()
    assert (person.full_name, person.village_id) == ("Nguyễn Thị Hằng", tree.village.pk)


def test_add_and_delete_person_refused_in_admin(superuser_client, tree):
    person = PersonFactory(village=tree.village)

    add = superuser_client.post(reverse("admin:people_person_add"), {"full_name": "Mới"})
    delete = superuser_client.post(
        reverse("admin:people_person_delete", args=[person.pk]), {"post": "yes"}
    )

    assert (add.status_code, delete.status_code) == (403, 403)
    assert list(Person.objects.values_list("pk", flat=True)) == [person.pk]
