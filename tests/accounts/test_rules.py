"""Role × action grid: every permission the platform checks, for every kind of user."""

import pytest

from openhromada.accounts.models import Role
from openhromada.places.models import Hromada
from tests.factories import UserFactory, actor_for, with_role

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "unverified",
    "resident",
    "official",
    "official_elsewhere",
    "council_member",
    "monitor",
    "operator",
    "admin",
    "superuser",
    "blocked_operator",
]


@pytest.fixture
def hromada():
    return Hromada.objects.get(slug="khmelnytska")


@pytest.fixture
def actor(request, hromada):

    name = request.param
    if name == "superuser":
        user = UserFactory()
        user.is_superuser = True
        user.save()
        return user
    if name == "blocked_operator":
        user = actor_for("operator", hromada)
        user.is_active = False
        user.save()
        return user
    return actor_for(name, hromada)


ALLOWED = {
    # permission: the roles that hold it
    "core.access_admin": {"operator", "admin"},
    "core.participate": {
        "resident",
        "official",
        "official_elsewhere",
        "council_member",
        "monitor",
        "operator",
        "admin",
    },
    "places.change_hromada": {"operator", "admin"},
    "places.add_hromada": {"operator", "admin"},
    "places.change_oblast": {"operator", "admin"},
    "places.delete_hromada": set(),
    "accounts.view_user": {"operator", "admin"},
    "accounts.change_user": {"operator", "admin"},
    "accounts.delete_user": {"admin"},
    "accounts.add_roleassignment": {"operator", "admin"},
    "accounts.grant_platform_role": {"admin"},
    "monitoring.add_network": {"operator", "admin"},
}


@pytest.mark.parametrize("actor", [r for r in ROLES if r != "superuser"], indirect=True)
@pytest.mark.parametrize("perm", sorted(ALLOWED))
def test_role_action_grid(actor, perm, request):
    role = request.node.callspec.params["actor"]
    assert actor.has_perm(perm) is (role in ALLOWED[perm]), f"{role} × {perm}"


@pytest.mark.parametrize("actor", ["superuser"], indirect=True)
@pytest.mark.parametrize("perm", sorted(ALLOWED))
def test_a_django_superuser_holds_every_permission(actor, perm):
    """Django's own rule: the emergency superuser account passes every check."""
    assert actor.has_perm(perm)


@pytest.mark.parametrize("actor", [r for r in ROLES if r != "superuser"], indirect=True)
def test_only_the_user_changes_their_own_profile(actor, request):
    other = UserFactory()
    assert not actor.has_perm("accounts.change_profile", other)
    if getattr(actor, "is_authenticated", False):
        assert actor.has_perm("accounts.change_profile", actor)


@pytest.mark.parametrize("actor", ["operator", "admin"], indirect=True)
def test_operators_cannot_manage_privileged_accounts_but_admins_can(actor, request):
    privileged = with_role(UserFactory(), Role.ADMIN)
    ordinary = UserFactory()
    role = request.node.callspec.params["actor"]
    assert actor.has_perm("accounts.change_user", ordinary)
    assert actor.has_perm("accounts.change_user", privileged) is (role == "admin")
