"""django-rules predicates about who a user is; role rows are read once per request and cached."""

import rules
from allauth.account.models import EmailAddress

from .models import PLATFORM_ROLES, Role, RoleAssignment


def _roles(user) -> list[tuple[str, int | None, int | None]]:
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_role_cache", None)
    if cached is None:
        cached = list(user.roles.values_list("role", "hromada_id", "network_id"))
        user._role_cache = cached
    return cached


@rules.predicate
def is_verified(user) -> bool:
    """A resident: signed in with a confirmed e-mail address, and not blocked."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    cached = getattr(user, "_verified_cache", None)
    if cached is None:
        cached = EmailAddress.objects.filter(user=user, verified=True).exists()
        user._verified_cache = cached
    return cached


@rules.predicate
def is_admin(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or any(r == Role.ADMIN for r, _h, _n in _roles(user))


@rules.predicate
def is_operator(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return any(r == Role.OPERATOR for r, _h, _n in _roles(user))


is_operator_or_admin = is_operator | is_admin


# The model a role's hromada is (places.Hromada), known through the relation: accounts sits
# below places and never imports it.
HROMADA_MODEL = RoleAssignment._meta.get_field("hromada").related_model


def _hromada_id(obj) -> int | None:
    """The hromada an object belongs to: a Hromada itself or anything with `hromada_id`."""
    if isinstance(obj, HROMADA_MODEL):
        return obj.pk
    return getattr(obj, "hromada_id", None)


@rules.predicate
def is_official_of(user, obj) -> bool:
    """An official of the hromada `obj` is or belongs to."""
    hromada_id = _hromada_id(obj)
    return (
        hromada_id is not None
        and user.is_active
        and any(r == Role.OFFICIAL and h == hromada_id for r, h, _n in _roles(user))
    )


@rules.predicate
def is_council_member_of(user, obj) -> bool:
    hromada_id = _hromada_id(obj)
    return (
        hromada_id is not None
        and user.is_active
        and any(r == Role.COUNCIL_MEMBER and h == hromada_id for r, h, _n in _roles(user))
    )


@rules.predicate
def is_self(user, target) -> bool:
    return target is not None and getattr(target, "pk", None) == user.pk


def _privileged(account) -> bool:
    if account.is_superuser:
        return True
    # An account not yet saved (the admin's add form) has no roles.
    return account.pk is not None and account.roles.filter(role__in=list(PLATFORM_ROLES)).exists()


@rules.predicate
def target_is_privileged(user, target) -> bool:
    """The account being managed is a superuser or holds a platform-wide role.

    Without a target ("may they manage accounts at all?") nothing is privileged: every admin
    page and service must therefore ask with the account it is about to show or change."""
    if target is None:
        return False
    return _privileged(target)


@rules.predicate
def assignment_is_privileged(user, assignment) -> bool:
    """The role row is a platform-wide role, or belongs to a privileged account."""
    if assignment is None:
        return False
    return assignment.role in PLATFORM_ROLES or _privileged(assignment.user)


# The model a role's network is (monitoring.MonitoringNetwork), known through the relation.
NETWORK_MODEL = RoleAssignment._meta.get_field("network").related_model


def _network_id(obj) -> int | None:
    """The network an object belongs to: a network itself or anything with `network_id`."""
    if isinstance(obj, NETWORK_MODEL):
        return obj.pk
    return getattr(obj, "network_id", None)


def holds_network_role(user, role: str, obj) -> bool:
    network_id = _network_id(obj)
    return (
        network_id is not None
        and getattr(user, "is_authenticated", False)
        and user.is_active
        and any(r == role and n == network_id for r, _h, n in _roles(user))
    )


@rules.predicate
def is_monitor_in(user, obj) -> bool:
    """A monitor of the network `obj` is or belongs to."""
    return holds_network_role(user, Role.MONITOR, obj)


@rules.predicate
def is_coordinator_in(user, obj) -> bool:
    """A coordinator of the network `obj` is or belongs to."""
    return holds_network_role(user, Role.COORDINATOR, obj)


def hromada_roles(user, hromada_id: int) -> bool:
    """Whether the user holds an official's or council member's role in the hromada."""
    return any(
        r in (Role.OFFICIAL, Role.COUNCIL_MEMBER) and h == hromada_id for r, h, _n in _roles(user)
    )
