"""factory_boy factories shared by the tests."""

import factory
from allauth.account.models import EmailAddress

from openhromada.accounts.models import RoleAssignment, User
from openhromada.monitoring.models import MonitoringNetwork

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    """A resident with a confirmed e-mail; `verified=False` for one who has not confirmed."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.create(
                user=self, email=self.email, primary=True, verified=extracted is not False
            )


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MonitoringNetwork

    slug = factory.Sequence(lambda n: f"network-{n}")
    name_uk = factory.Sequence(lambda n: f"Мережа {n}")
    name_en = factory.Sequence(lambda n: f"Network {n}")


def with_role(user: User, role: str, **scope) -> User:
    RoleAssignment.objects.create(user=user, role=role, **scope)
    return User.objects.get(pk=user.pk)  # fresh object: no cached roles


ROLE_SCOPES = ("official", "official_elsewhere", "council_member", "monitor", "operator", "admin")


def actor_for(name: str, hromada, *, elsewhere=None):
    """A user who is `name` with respect to `hromada`, for role × action grids:
    anonymous, unverified, resident, official, official_elsewhere, council_member, monitor,
    operator, admin."""
    from django.contrib.auth.models import AnonymousUser

    from openhromada.accounts.models import Role
    from openhromada.places.models import Hromada

    if name == "anonymous":
        return AnonymousUser()
    if name == "unverified":
        return UserFactory(verified=False)
    scopes = {
        "official": (Role.OFFICIAL, {"hromada": hromada}),
        "official_elsewhere": (
            Role.OFFICIAL,
            {"hromada": elsewhere or Hromada.objects.get(slug="lutska")},
        ),
        "council_member": (Role.COUNCIL_MEMBER, {"hromada": hromada}),
        "monitor": (Role.MONITOR, {"network": NetworkFactory()}),
        "operator": (Role.OPERATOR, {}),
        "admin": (Role.ADMIN, {}),
    }
    user = UserFactory()
    if name in scopes:
        role, scope = scopes[name]
        user = with_role(user, role, **scope)
    return user
