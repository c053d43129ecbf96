"""Following is for residents (a confirmed e-mail); notifications are private to their user."""

import rules

from openhromada.accounts.predicates import is_verified

rules.add_perm("notifications.add_follow", is_verified)
