"""Who may do what with action plans — checked by HTML views and (later) the API alike."""

import rules

from openhromada.accounts.predicates import is_official_of, is_operator_or_admin

from .lifecycle import FROZEN_STATES, PUBLIC_STATES, REPORTING_STATES
from .models import Commitment, Milestone


def _plan(obj):
    """The plan an object belongs to: a plan, a commitment or a milestone."""
    if isinstance(obj, Milestone):
        return obj.commitment.plan
    if isinstance(obj, Commitment):
        return obj.plan
    return obj


@rules.predicate
def is_official_of_plan(user, obj) -> bool:
    return obj is not None and is_official_of(user, _plan(obj).hromada)


@rules.predicate
def plan_is_public(user, obj) -> bool:
    return obj is not None and _plan(obj).status in PUBLIC_STATES


@rules.predicate
def plan_is_open_for_drafting(user, obj) -> bool:
    return obj is not None and _plan(obj).status not in FROZEN_STATES


@rules.predicate
def plan_is_frozen(user, obj) -> bool:
    return obj is not None and _plan(obj).status in FROZEN_STATES


@rules.predicate
def plan_is_reporting(user, obj) -> bool:
    return obj is not None and _plan(obj).status in REPORTING_STATES


# Creating a plan: officials of the hromada (the object is the hromada).
rules.add_perm("plans.add_actionplan", is_official_of)
rules.add_perm("plans.view_actionplan", plan_is_public | is_official_of_plan | is_operator_or_admin)
rules.add_perm("plans.change_actionplan", is_official_of_plan & plan_is_open_for_drafting)
rules.add_perm("plans.transition_actionplan", is_official_of_plan)
# Commitments and milestones are written while drafting; after submission only amended.
rules.add_perm("plans.add_commitment", is_official_of_plan & plan_is_open_for_drafting)
rules.add_perm("plans.change_commitment", is_official_of_plan & plan_is_open_for_drafting)
rules.add_perm("plans.amend_commitment", is_official_of_plan & plan_is_frozen)
rules.add_perm("plans.add_milestone", is_official_of_plan & plan_is_open_for_drafting)
rules.add_perm("plans.report_progress", is_official_of_plan & plan_is_reporting)
