"""Who may do what with accounts and roles — the names the admin, views and API all check."""

import rules

from .predicates import (
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
rules.add_perm("accounts.view_user", is_operator_or_admin)
rules.add_perm("accounts.add_user", is_operator_or_admin)
# Operators manage ordinary accounts; only admins manage admins, operators and superusers.
rules.add_perm("accounts.change_user", is_admin | (is_operator & ~target_is_privileged))
rules.add_perm("accounts.delete_user", is_admin)

for verb in ("view", "add", "change", "delete"):
    rules.add_perm(f"accounts.{verb}_roleassignment", is_operator_or_admin)
# Granting or revoking a platform-wide role (operator, admin) is for admins alone.
rules.add_perm("accounts.grant_platform_role", is_admin)
