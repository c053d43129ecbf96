"""Who may do what with accounts and roles — the names the admin, views and API all check."""

import rules

from .predicates import (
    assignment_is_privileged,
    is_admin,
    is_operator,
    is_operator_or_admin,
    is_self,
    is_verified,
    target_is_privileged,
)

# Entering the administration: association staff and platform admins.
rules.add_perm("core.access_admin", is_operator_or_admin)
# Taking part (proposals, comments, supports, signatures): any resident with a confirmed e-mail.
rules.add_perm("core.participate", is_verified)
# Withholding sensitive records or fields from every public output (wartime caution).
rules.add_perm("core.withhold", is_operator_or_admin)

rules.add_perm("accounts.change_profile", is_self)
# Operators manage ordinary accounts; only admins manage admins, operators and superusers.
# These are object permissions: asked without the account (as Django's ModelAdmin does by
# default) they answer "may they manage accounts at all?", so the admin, the services and the
# views always pass the account they act on.
can_manage_account = is_admin | (is_operator & ~target_is_privileged)
rules.add_perm("accounts.view_user", is_operator_or_admin)  # operators see admins, read-only
rules.add_perm("accounts.add_user", is_operator_or_admin)
rules.add_perm("accounts.change_user", can_manage_account)
rules.add_perm("accounts.delete_user", is_admin)

rules.add_perm("accounts.view_roleassignment", is_operator_or_admin)
# The object is the account that receives the role.
rules.add_perm("accounts.add_roleassignment", can_manage_account)
# The object is the role row: a platform role, or any role of a privileged account, is the
# admins' alone.
can_manage_assignment = is_admin | (is_operator & ~assignment_is_privileged)
rules.add_perm("accounts.change_roleassignment", can_manage_assignment)
rules.add_perm("accounts.delete_roleassignment", can_manage_assignment)
# Granting or revoking a platform-wide role (operator, admin) is for admins alone.
rules.add_perm("accounts.grant_platform_role", is_admin)

# allauth's e-mail addresses (which address signs in and receives password resets): admins
# alone, e.g. to confirm an address for someone or to delete an account with its addresses.
# Operators change an ordinary account's address on the account itself, through the service.
for verb in ("view", "add", "change", "delete"):
    rules.add_perm(f"account.{verb}_emailaddress", is_admin)
