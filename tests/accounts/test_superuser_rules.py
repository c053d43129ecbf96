"""A superuser is an admin for *who* may act, never past *when* or *what*: Django's shortcut
("a superuser has every permission") does not skip a "may they, now?" permission's conditions."""

import pytest
import rules
from django.core.exceptions import PermissionDenied

from openhromada.accounts.predicates import is_admin
from openhromada.core import permissions
from openhromada.core.errors import ServiceError
from openhromada.core.services import require
from tests.factories import UserFactory


@rules.predicate
def window_open(user, obj) -> bool:
    return bool(obj and obj.get("open"))


@pytest.fixture
def closed_window_rule():
    permissions.add(
        "tests.contribute",
        permissions.who(is_admin),
        permissions.Condition(window_open, lambda u, o: "Вікно закрито.", code="closed"),
    )
    yield "tests.contribute"
    permissions.CONDITIONS.pop("tests.contribute")
    rules.remove_perm("tests.contribute")


@pytest.mark.django_db
def test_a_superuser_is_refused_when_the_window_is_closed(closed_window_rule):
    superuser = UserFactory(is_superuser=True, is_staff=True)
    assert superuser.has_perm(closed_window_rule, {"open": True})
    assert not superuser.has_perm(closed_window_rule, {"open": False})
    with pytest.raises(ServiceError, match="Вікно закрито"):
        require(superuser, closed_window_rule, {"open": False})


@pytest.mark.django_db
def test_a_superuser_keeps_the_admins_plain_permissions():
    superuser = UserFactory(is_superuser=True, is_staff=True)
    assert superuser.has_perm("accounts.view_user")  # Django's own permission: still every one
    inactive = UserFactory(is_superuser=True, is_active=False)
    with pytest.raises(PermissionDenied):
        require(inactive, "core.withhold")
