import factory

from binhdan.core.text import fold
from binhdan.volunteers.models import Team, Volunteer


class TeamFactory(factory.django.DjangoModelFactory):
    """A team of a commune: pass ``commune``."""

    class Meta:
        model = Team

    commune = None
    area_path = factory.LazyAttribute(lambda o: o.commune.path)
    name = factory.Sequence(lambda n: f"Đội hình xung kích số {n}")
    name_folded = factory.LazyAttribute(lambda o: fold(o.name))


class VolunteerFactory(factory.django.DjangoModelFactory):
    """A member of ``team``, living in ``village`` (of the team's commune)."""

    class Meta:
        model = Volunteer

    full_name = factory.Sequence(lambda n: f"Trần Thị {n}")
    name_folded = factory.LazyAttribute(lambda o: fold(o.full_name))
    birth_year = 2000
    phone = factory.Sequence(lambda n: f"+8490{n:07d}")
    team = None
    village = None
    commune = factory.LazyAttribute(lambda o: o.team.commune if o.team else o.village.parent)
    area_path = factory.LazyAttribute(lambda o: (o.village or o.commune).path)
