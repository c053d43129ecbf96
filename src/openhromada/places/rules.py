"""Who may manage places: association staff and platform admins (codifier records are shared)."""

import rules

from openhromada.accounts.predicates import is_operator_or_admin

for model in ("oblast", "raion", "hromada"):
    rules.add_perm(f"places.view_{model}", is_operator_or_admin)
    rules.add_perm(f"places.add_{model}", is_operator_or_admin)
    rules.add_perm(f"places.change_{model}", is_operator_or_admin)
    # Codifier records are never deleted: the codifier retires codes, and history must stay whole.
    rules.add_perm(f"places.delete_{model}", rules.always_deny)
