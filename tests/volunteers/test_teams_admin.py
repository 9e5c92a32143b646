"""The admin shows teams, members, visits and to-do items but never writes them; staff
add service kinds there."""

import pytest
from django.urls import reverse

from binhdan.volunteers.models import ServiceKind
from tests.volunteers.factories import TeamFactory, VolunteerFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["team", "volunteer", "supportvisit", "todoitem"])
def test_the_admin_lists_but_never_adds(superuser_client, tree, model):
    VolunteerFactory(team=TeamFactory(commune=tree.commune), village=tree.village)
    assert superuser_client.get(reverse(f"admin:volunteers_{model}_changelist")).status_code == 200
    assert superuser_client.get(reverse(f"admin:volunteers_{model}_add")).status_code == 403


def test_staff_add_a_service_kind(superuser_client):
    response = superuser_client.post(
        reverse("admin:volunteers_servicekind_add"),
        {"code": "health-insurance", "name": "BHYT số", "order": "70", "is_active": "on"},
    )
    assert response.status_code == 302
    assert ServiceKind.objects.filter(code="health-insurance").exists()


def test_a_service_kind_is_switched_off_never_deleted(superuser_client):
    """Deleting a kind would drop it from every stored visit."""
    kind = ServiceKind.objects.create(code="health-insurance", name="BHYT số")
    response = superuser_client.get(reverse("admin:volunteers_servicekind_delete", args=[kind.pk]))
    assert response.status_code == 403
    assert ServiceKind.objects.filter(pk=kind.pk).exists()
