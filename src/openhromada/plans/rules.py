"""Who may do what with action plans, and when — one permission per action, asked alike by the
services, the pages and the API (see core.permissions).

Officials of the plan's hromada write it: its details, commitments and milestones while it is
drafted (draft, co-creation); after submission a commitment changes only by a public amendment,
and progress is reported while the plan is submitted or implemented. Each move of the plan's
status is its own permission, declared from the one table of transitions.
"""

import rules
from django.utils.translation import gettext as _

from openhromada.accounts.predicates import is_official_of, is_operator_or_admin
from openhromada.core import permissions

from .lifecycle import (
    FROZEN_STATES,
    MOVES,
    PUBLIC_STATES,
    REPORTING_STATES,
    TRANSITIONS,
    PlanStatus,
)
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


@rules.predicate
def plan_has_commitments(user, obj) -> bool:
    return obj is not None and _plan(obj).commitments.exists()


def _status(obj) -> str:
    return _plan(obj).get_status_display()


def _because(message):
    """A reason naming the plan's current status."""
    return lambda user, obj: message() % {"status": _status(obj)}


OFFICIAL = permissions.who(is_official_of_plan)
DRAFTING = permissions.Condition(
    plan_is_open_for_drafting,
    _because(
        lambda: _("The plan is “%(status)s”: its details are edited only while it is drafted.")
    ),
    "plan_state",
)
COMMITMENTS_OPEN = permissions.Condition(
    plan_is_open_for_drafting,
    _because(
        lambda: _(
            "The plan is “%(status)s”: commitments are written while the plan is drafted, and "
            "after that changed only through an amendment."
        )
    ),
    "plan_state",
)
AMENDABLE = permissions.Condition(
    plan_is_frozen,
    _because(
        lambda: _(
            "The plan is “%(status)s”: while it is drafted, edit the commitment itself; "
            "amendments come after submission."
        )
    ),
    "plan_state",
)
REPORTING = permissions.Condition(
    plan_is_reporting,
    _because(
        lambda: _(
            "The plan is “%(status)s”: progress is reported while the plan is submitted or "
            "being implemented."
        )
    ),
    "plan_state",
)
HAS_COMMITMENTS = permissions.Condition(
    plan_has_commitments,
    lambda u, o: _("Add at least one commitment before submitting the plan."),
    "empty",
)

# Creating a plan: officials of the hromada (the object is the hromada).
rules.add_perm("plans.add_actionplan", is_official_of)
rules.add_perm("plans.view_actionplan", plan_is_public | is_official_of_plan | is_operator_or_admin)
# Who runs the plan's lifecycle, whatever its state: asked for a move to no known state.
rules.add_perm("plans.transition_actionplan", is_official_of_plan)
permissions.add("plans.change_actionplan", OFFICIAL, DRAFTING)
# Commitments and milestones are written while drafting; after submission only amended.
permissions.add("plans.add_commitment", OFFICIAL, COMMITMENTS_OPEN)  # on the plan
permissions.add("plans.change_commitment", OFFICIAL, COMMITMENTS_OPEN)
permissions.add("plans.amend_commitment", OFFICIAL, AMENDABLE)
permissions.add("plans.add_milestone", OFFICIAL, COMMITMENTS_OPEN)  # on the commitment
permissions.add("plans.report_progress", OFFICIAL, REPORTING)  # on the milestone


def _move_from(target: str) -> permissions.Condition:
    """The plan is in a state the one table of transitions lets it leave for `target`."""
    sources = {state for state, targets in TRANSITIONS.items() if target in targets}

    @rules.predicate(name=f"plan_may_move_to_{target}")
    def may_move(user, obj) -> bool:
        return obj is not None and _plan(obj).status in sources

    def reason(user, obj) -> str:
        return _("A plan cannot move from “%(from)s” to “%(to)s”.") % {
            "from": _status(obj),
            "to": PlanStatus(target).label,
        }

    return permissions.Condition(may_move, reason, "plan_state")


for _target, _name in MOVES.items():
    _extra = (HAS_COMMITMENTS,) if _target == PlanStatus.SUBMITTED else ()
    permissions.add(_name, OFFICIAL, _move_from(_target), *_extra)
