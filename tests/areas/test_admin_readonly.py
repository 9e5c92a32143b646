"""Areas are view only in the admin: an edit there left the subtree's paths behind."""

import pytest
from django.urls import reverse

from binhdan.areas.models import Area

pytestmark = pytest.mark.django_db


def test_area_pages_render_and_search(superuser_client, tree):
    found = superuser_client.get(reverse("admin:areas_area_changelist"), {"q": "dong hung"})
    page = superuser_client.get(reverse("admin:areas_area_change", args=[tree.commune.pk]))

    assert found.status_code == 200 and "Xã Đông Hưng" in found.content.decode()
    assert page.status_code == 200


def test_moving_a_commune_in_the_admin_is_refused(superuser_client, tree):
    # when a superuser tries to move the commune under another province
    response = superuser_client.post(
        reverse("admin:areas_area_change", args=[tree.commune.pk]),
        {
            "code": tree.commune.code,
            "name": "Xã Đông Hưng",
            "level": "commune",
            "kind": "xã",
            "parent": tree.other_province.pk,
        },
    )

    # then nothing moves: the villages' paths still start with the commune's
    assert response.status_code == 403
    tree.commune.refresh_from_db()
    assert tree.commune.parent_id == tree.province.pk
    assert Area.objects.get(pk=tree.village.pk).path.startswith(tree.commune.path)


def test_adding_and_deleting_areas_in_the_admin_is_refused(superuser_client, tree):
    assert superuser_client.get(reverse("admin:areas_area_add")).status_code == 403
    delete = reverse("admin:areas_area_delete", args=[tree.village.pk])
    assert superuser_client.post(delete, {"post": "yes"}).status_code == 403
    assert Area.objects.filter(pk=tree.village.pk).exists()
