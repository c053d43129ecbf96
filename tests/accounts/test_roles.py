"""Role assignments: scoped correctly, granted by the right people, on the public record."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from openhromada.accounts.models import Role, RoleAssignment
from openhromada.accounts.services import role_grant, role_revoke
from openhromada.core.history import history_for
from openhromada.places.models import Hromada
from tests.factories import NetworkFactory, UserFactory, with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def hromada():
    return Hromada.objects.get(slug="khmelnytska")


@pytest.fixture
def operator():
    return with_role(UserFactory(display_name="Оператор"), Role.OPERATOR)


@pytest.fixture
def admin():
    return with_role(UserFactory(), Role.ADMIN)


def test_operator_makes_someone_an_official_and_it_is_recorded(operator, hromada):
    person = UserFactory(display_name="Ірина")
    assignment = role_grant(actor=operator, user=person, role=Role.OFFICIAL, hromada=hromada)
    entry = history_for(assignment).first()
    assert entry.actor_label == "Оператор"
    assert entry.changes["role"] == [None, "official"]
    assert entry.changes["user"] == [None, "Ірина"]  # the public name, never the e-mail
    assert person.email not in str(entry.changes)
    role_revoke(actor=operator, assignment=assignment)
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()


@pytest.mark.parametrize(
    ("role", "scope_needed"),
    [
        (Role.OFFICIAL, "hromada"),
        (Role.COUNCIL_MEMBER, "hromada"),
        (Role.MONITOR, "network"),
    ],
)
def test_scoped_roles_need_their_scope(operator, role, scope_needed):
    with pytest.raises(ValidationError) as error:
        role_grant(actor=operator, user=UserFactory(), role=role)
    assert scope_needed in error.value.message_dict


def test_platform_roles_take_no_scope(admin, hromada):
    with pytest.raises(ValidationError):
        role_grant(actor=admin, user=UserFactory(), role=Role.OPERATOR, hromada=hromada)


def test_operator_cannot_grant_platform_roles(operator):
    person = UserFactory()
    for role in (Role.OPERATOR, Role.ADMIN):
        with pytest.raises(PermissionDenied):
            role_grant(actor=operator, user=person, role=role)
    assert not person.roles.exists()


def test_admin_grants_operator(admin):
    person = UserFactory()
    role_grant(actor=admin, user=person, role=Role.OPERATOR)
    assert person.roles.filter(role=Role.OPERATOR).exists()


@pytest.mark.parametrize("who", ["resident", "official", "monitor"])
def test_others_cannot_grant_any_role(who, hromada):
    user = UserFactory()
    if who == "official":
        user = with_role(user, Role.OFFICIAL, hromada=hromada)
    if who == "monitor":
        user = with_role(user, Role.MONITOR, network=NetworkFactory())
    with pytest.raises(PermissionDenied):
        role_grant(actor=user, user=UserFactory(), role=Role.OFFICIAL, hromada=hromada)


def test_the_same_role_twice_is_refused(operator, hromada):
    person = UserFactory()
    role_grant(actor=operator, user=person, role=Role.OFFICIAL, hromada=hromada)
    with pytest.raises(ValidationError):
        role_grant(actor=operator, user=person, role=Role.OFFICIAL, hromada=hromada)


def test_operator_cannot_grant_admin_in_the_admin_site(client, operator):
    client.force_login(operator)
    person = UserFactory()
    response = client.post(
        "/admin/accounts/roleassignment/add/",
        {"user": person.pk, "role": Role.ADMIN, "hromada": "", "network": ""},
    )
    assert response.status_code == 200
    assert "Надати цю роль можуть лише адміністратори платформи." in response.content.decode()
    assert not person.roles.exists()


def test_operator_grants_official_in_the_admin_site_with_history(client, operator, hromada):
    client.force_login(operator)
    person = UserFactory()
    response = client.post(
        "/admin/accounts/roleassignment/add/",
        {"user": person.pk, "role": Role.OFFICIAL, "hromada": hromada.pk, "network": ""},
    )
    assert response.status_code == 302
    assignment = person.roles.get()
    assert history_for(assignment).first().actor_label == "Оператор"
