from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from binhdan.accounts.models import Role, RoleGrant, User
from binhdan.areas.models import Area
from binhdan.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_areas", stdout=StringIO())
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_seed_demo_gives_every_hung_yen_commune_10_to_20_villages(demo):
    communes = Area.objects.filter(parent__code="33").annotate(n=Count("children"))

    assert communes.count() == 104
    assert all(10 <= c.n <= 20 for c in communes)


def test_seed_demo_creates_a_login_for_every_role(demo):
    assert set(RoleGrant.objects.values_list("role", flat=True)) == set(Role.values)
    for role in Role.values:
        assert str(Role(role).label) in demo


def test_seed_demo_says_it_is_synthetic(demo):
    assert "Synthetic" in demo
    assert Person.objects.count() > 0


def test_seed_demo_twice_changes_nothing(demo):
    before = (Area.objects.count(), Person.objects.count(), RoleGrant.objects.count())

    out = StringIO()
    call_command("seed_demo", stdout=out)

    assert "already loaded" in out.getvalue()
    assert (Area.objects.count(), Person.objects.count(), RoleGrant.objects.count()) == before


def test_seed_demo_sensitive_flags_always_have_consent(demo):
    flagged = Person.objects.exclude(household_status="", has_disability=False)
    assert flagged.exists()
    assert not flagged.filter(sensitive_consent_at__isnull=True).exists()


def test_seed_demo_refuses_to_run_in_production(db, settings):
    settings.PRODUCTION = True
    call_command("load_areas", stdout=StringIO())

    with pytest.raises(CommandError, match="production"):
        call_command("seed_demo", stdout=StringIO())

    assert not User.objects.filter(is_superuser=True).exists()
    assert not Person.objects.exists()
