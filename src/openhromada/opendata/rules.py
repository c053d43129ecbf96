"""Who may do what with open-data features."""

import rules

from openhromada.accounts.predicates import is_verified

# Any confirmed account may hold tokens: read tokens raise the rate limit; write tokens carry
# only the owner's own permissions (officials report progress, residents can do nothing more).
rules.add_perm("opendata.add_apitoken", is_verified)
