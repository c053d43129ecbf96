"""Writes to accounts: profile and preferences, and role grants with their public history."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from openhromada.core.history import record, snapshot
from openhromada.core.models import HistoryAction

from .models import PLATFORM_ROLES, RoleAssignment, User

PROFILE_FIELDS = ("display_name", "preferred_language", "text_size", "theme")
ROLE_HISTORY_FIELDS = ("user", "role", "hromada", "network")


@transaction.atomic
def user_update_profile(*, user: User, **values) -> User:
    """Change one's own profile; only the listed fields, validated before saving."""
    for name, value in values.items():
        if name not in PROFILE_FIELDS:
            raise ValueError(f"not a profile field: {name}")
        setattr(user, name, value)
    user.full_clean(exclude=["password"])
    user.save(update_fields=list(values))
    return user


def user_set_preferences(*, user: User, text_size: str, theme: str) -> User:
    return user_update_profile(user=user, text_size=text_size, theme=theme)


def _check_can_manage(actor: User, role: str) -> None:
    if not actor.has_perm("accounts.add_roleassignment"):
        raise PermissionDenied
    if role in PLATFORM_ROLES and not actor.has_perm("accounts.grant_platform_role"):
        raise PermissionDenied


@transaction.atomic
def role_grant(
    *, actor: User | None, user: User, role: str, hromada=None, network=None
) -> RoleAssignment:
    """Give `user` a role; officials' and council members' roles are public, so recorded."""
    if actor is not None:
        _check_can_manage(actor, role)
    assignment = RoleAssignment(user=user, role=role, hromada=hromada, network=network)
    assignment.full_clean()
    assignment.save()
    record_role_change(actor=actor, assignment=assignment, action=HistoryAction.CREATE)
    return assignment


@transaction.atomic
def role_revoke(*, actor: User | None, assignment: RoleAssignment) -> None:
    if actor is not None:
        _check_can_manage(actor, assignment.role)
    record_role_change(actor=actor, assignment=assignment, action=HistoryAction.DELETE)
    assignment.delete()


def record_role_change(*, actor, assignment: RoleAssignment, action: str) -> None:
    values = snapshot(assignment, ROLE_HISTORY_FIELDS)
    if action == HistoryAction.DELETE:
        changes = {k: [v, None] for k, v in values.items()}
    else:
        changes = {k: [None, v] for k, v in values.items()}
    record(actor=actor, obj=assignment, action=action, changes=changes)
