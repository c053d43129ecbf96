"""Who may do what with a coordination council — HTML views and the API check the same names.

Editors: the council's secretary and co-chairs (through a current membership linked to their
account), officials of the hromada and operators. Members may also see draft agendas.
"""

import rules
from django.utils import timezone

from openhromada.accounts.predicates import (
    is_council_member_of,
    is_official_of,
    is_operator_or_admin,
)

from .lifecycle import OFFICER_POSTS
from .models import Council, Membership


def _council(obj):
    """The council an object belongs to (a council, a meeting, an item, a membership…)."""
    if obj is None or isinstance(obj, Council):
        return obj
    for path in ("council", "meeting"):
        if hasattr(obj, path):
            return _council(getattr(obj, path))
    return None


def _posts(user, council) -> set[str]:
    """Posts the user holds today on the council through linked profiles (cached per request)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active or council is None:
        return set()
    cache = user.__dict__.setdefault("_council_posts", {})
    if council.pk not in cache:
        cache[council.pk] = set(
            Membership.objects.active_on(timezone.localdate())
            .filter(council=council, person__user=user)
            .values_list("post", flat=True)
        )
    return cache[council.pk]


@rules.predicate
def is_officer_of_council(user, obj) -> bool:
    """The council's secretary or a co-chair, today."""
    return bool(_posts(user, _council(obj)) & set(OFFICER_POSTS))


@rules.predicate
def is_member_of_council(user, obj) -> bool:
    """A current member through a linked profile, or holding the council-member role."""
    council = _council(obj)
    return council is not None and (
        bool(_posts(user, council)) or is_council_member_of(user, council.hromada)
    )


@rules.predicate
def is_official_of_council(user, obj) -> bool:
    council = _council(obj)
    return council is not None and is_official_of(user, council.hromada)


can_edit = is_officer_of_council | is_official_of_council | is_operator_or_admin

# Setting up a council: officials of the hromada (the object is the hromada) and operators.
rules.add_perm("councils.add_council", is_official_of | is_operator_or_admin)
rules.add_perm("councils.change_council", can_edit)
# Linking a member's public profile to a platform account gives that account the post's rights:
# only officials and operators grant it, as they grant every other role.
rules.add_perm("councils.link_account", is_official_of_council | is_operator_or_admin)
# Draft agendas: editors and members.
rules.add_perm("councils.view_draft", can_edit | is_member_of_council)
