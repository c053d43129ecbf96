"""Permissions for monitoring networks: managed by operators and admins."""

import rules

from openhromada.accounts.predicates import is_operator_or_admin

for verb in ("view", "add", "change", "delete"):
    rules.add_perm(f"monitoring.{verb}_monitoringnetwork", is_operator_or_admin)
