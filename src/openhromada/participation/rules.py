"""Who may do what in co-creation and consultations — HTML views and the API check these names.

Residents with a verified e-mail contribute unless a moderator blocked them (in this hromada or
everywhere); officials of the hromada and operators run calls and consultations, answer and
moderate. Authors edit their own proposal until it has a response.
"""

import rules

from openhromada.accounts.predicates import is_official_of, is_operator_or_admin, is_verified
from openhromada.places.models import Hromada

from .models import Block, Comment, Proposal, Section


def hromada_of(obj):
    """The hromada a participation object belongs to (a hromada, plan, call, proposal, …)."""
    if obj is None or isinstance(obj, Hromada):
        return obj
    if isinstance(obj, Comment):
        return hromada_of(obj.proposal if obj.proposal_id else obj.section)
    if isinstance(obj, Proposal):
        return obj.call.hromada
    if isinstance(obj, Section):
        return obj.consultation.hromada
    return getattr(obj, "hromada", None)


def _blocked_in(user) -> set:
    """Hromada ids the user is blocked in (None = everywhere), read once per request."""
    cached = getattr(user, "_participation_blocks", None)
    if cached is None:
        cached = set(
            Block.objects.filter(user=user, lifted_at__isnull=True).values_list(
                "hromada_id", flat=True
            )
        )
        user._participation_blocks = cached
    return cached


@rules.predicate
def is_blocked(user, obj) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    blocks = _blocked_in(user)
    if not blocks:
        return False
    hromada = hromada_of(obj)
    return None in blocks or (hromada is not None and hromada.pk in blocks)


@rules.predicate
def runs_it(user, obj) -> bool:
    """An official of the object's hromada."""
    hromada = hromada_of(obj)
    return hromada is not None and is_official_of(user, hromada)


@rules.predicate
def is_author(user, obj) -> bool:
    return getattr(obj, "author_id", None) == user.pk


@rules.predicate
def is_unanswered(_user, proposal) -> bool:
    return not proposal.response and proposal.withdrawn_at is None


can_run = runs_it | is_operator_or_admin
can_contribute = is_verified & ~is_blocked

rules.add_perm("participation.add_call", can_run)  # the object is the plan
rules.add_perm("participation.change_call", can_run)
rules.add_perm("participation.respond", can_run)
rules.add_perm("participation.contribute", can_contribute)
rules.add_perm("participation.change_proposal", can_contribute & is_author & is_unanswered)
rules.add_perm("participation.withdraw_proposal", can_contribute & is_author & is_unanswered)
rules.add_perm("participation.add_consultation", can_run)  # the object is the hromada
rules.add_perm("participation.change_consultation", can_run)
rules.add_perm("participation.moderate", can_run)
# Blocking everywhere (no hromada) is for operators only; officials block in their hromada.
rules.add_perm("participation.block_everywhere", is_operator_or_admin)
