"""Writes to accounts: profile and preferences, and role grants with their public history."""

from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied
from django.db import transaction

from openhromada.core.history import record, snapshot
from openhromada.core.models import HistoryAction
from openhromada.core.services import create_recorded, require, update_recorded

from .models import PLATFORM_ROLES, RoleAssignment, User

PROFILE_FIELDS = ("display_name", "preferred_language", "text_size", "theme")
ROLE_HISTORY_FIELDS = ("user", "role", "hromada", "network")
# What operators and admins change on someone's account in the admin (never the superuser or
# staff flags, groups or Django permissions: roles are the platform's only rights).
ACCOUNT_FIELDS = (
    "email",
    "display_name",
    "preferred_language",
    "text_size",
    "theme",
    "is_active",
    "data_origin",
)


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


def _check_can_grant(actor: User, user: User, role: str) -> None:
    """May `actor` give `user` this role? Never a platform role, nor to a privileged account,
    unless they are an admin."""
    require(actor, "accounts.add_roleassignment", user)
    if role in PLATFORM_ROLES:
        require(actor, "accounts.grant_platform_role")


@transaction.atomic
def role_grant(
    *, actor: User | None, user: User, role: str, hromada=None, network=None
) -> RoleAssignment:
    """Give `user` a role; officials' and council members' roles are public, so recorded."""
    if actor is not None:
        _check_can_grant(actor, user, role)
    assignment = RoleAssignment(user=user, role=role, hromada=hromada, network=network)
    return create_recorded(actor=actor, obj=assignment, history_fields=ROLE_HISTORY_FIELDS)


@transaction.atomic
def role_update(
    *, actor: User, assignment: RoleAssignment, user: User, role: str, hromada=None, network=None
) -> RoleAssignment:
    """Change a role row: both the row as stored and what it becomes must be the actor's to
    manage, so a row cannot be moved from, or to, an account only admins manage."""
    stored = RoleAssignment.objects.select_for_update().select_related("user").get(pk=assignment.pk)
    require(actor, "accounts.change_roleassignment", stored)
    _check_can_grant(actor, user, role)
    update_recorded(
        actor=actor,
        obj=stored,
        values={"user": user, "role": role, "hromada": hromada, "network": network},
        history_fields=ROLE_HISTORY_FIELDS,
    )
    return stored


@transaction.atomic
def role_revoke(*, actor: User | None, assignment: RoleAssignment) -> None:
    if actor is not None:
        stored = RoleAssignment.objects.select_related("user").get(pk=assignment.pk)
        require(actor, "accounts.delete_roleassignment", stored)
    record_role_end(actor=actor, assignment=assignment)
    assignment.delete()


# --- accounts, as operators and admins manage them -------------------------------------------


def _locked(user: User) -> User:
    """The account as stored: permissions are decided on that, not on a form's edited copy."""
    return User.objects.select_for_update().get(pk=user.pk)


def _replace_addresses(user: User) -> None:
    """A changed e-mail replaces the old addresses: they no longer sign in or reset the
    password, and the person confirms the new one at their next sign-in."""
    EmailAddress.objects.filter(user=user).delete()
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)


@transaction.atomic
def user_create(*, actor: User, user: User) -> User:
    """Open an account prepared by a form (e-mail and password set); never a superuser or
    staff: those come only from the `createsuperuser` command."""
    require(actor, "accounts.add_user")
    if user.is_superuser or user.is_staff:
        raise PermissionDenied
    user.email = User.objects.normalize_email(user.email).lower()
    user.full_clean()
    user.save()
    _replace_addresses(user)
    return user


@transaction.atomic
def user_update(*, actor: User, user: User, **values) -> User:
    """Change someone's account: only the listed fields, and only if it is the actor's to
    manage (operators never manage operators, admins or superusers)."""
    stored = _locked(user)
    require(actor, "accounts.change_user", stored)
    if unknown := set(values) - set(ACCOUNT_FIELDS):
        raise ValueError(f"not an account field: {', '.join(sorted(unknown))}")
    if "email" in values:
        values["email"] = User.objects.normalize_email(values["email"]).lower()
    email_changed = values.get("email", stored.email) != stored.email
    for name, value in values.items():
        setattr(stored, name, value)
        setattr(user, name, value)
    stored.full_clean(exclude=["password"])
    stored.save(update_fields=list(values))
    if email_changed:
        _replace_addresses(stored)
    return user


@transaction.atomic
def user_set_password(*, actor: User, user: User, password: str | None) -> User:
    """Set someone's password, or with None disable password sign-in for the account."""
    require(actor, "accounts.change_user", _locked(user))
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.save(update_fields=["password"])
    return user


@transaction.atomic
def user_delete(*, actor: User, user: User) -> None:
    """Delete an account; its public roles leave a record that they ended."""
    stored = _locked(user)
    require(actor, "accounts.delete_user", stored)
    for assignment in stored.roles.select_related("hromada", "network"):
        record_role_end(actor=actor, assignment=assignment)
    stored.delete()


def record_role_end(*, actor, assignment: RoleAssignment) -> None:
    """The end of a role, recorded before its row is deleted (core.services has no recorded
    delete: the entry lists the values that end, while the row still exists)."""
    values = snapshot(assignment, ROLE_HISTORY_FIELDS)
    record(
        actor=actor,
        obj=assignment,
        action=HistoryAction.DELETE,
        changes={k: [v, None] for k, v in values.items()},
    )
