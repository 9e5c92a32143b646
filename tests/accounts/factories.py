import factory

from binhdan.accounts.models import RoleGrant, User

PASSWORD = "mat-khau-thu-nghiem-1"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Người Dùng {n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.invalid")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def user_with_role(role: str, area, **kwargs) -> User:
    user = UserFactory(**kwargs)
    RoleGrant.objects.create(user=user, area=area, role=role)
    return user
