import uuid

import factory

from binhdan.core.text import fold
from binhdan.people.identity import identity_key
from binhdan.people.models import Person


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    name_folded = factory.LazyAttribute(lambda o: fold(o.full_name))
    birth_year = 1960
    village = None
    area_path = factory.LazyAttribute(lambda o: o.village.path)
    identity_key = factory.LazyFunction(lambda: identity_key("test", uuid.uuid4().hex))
    client_uuid = factory.LazyFunction(uuid.uuid4)
