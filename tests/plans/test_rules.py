"""Role × action × plan state: who may write plans, and when."""

import pytest

from openhromada.plans.models import ActionPlan, Milestone
from tests.factories import actor_for
from tests.plans.fixtures import move

pytestmark = pytest.mark.django_db

ACTORS = [
    "anonymous",
    "resident",
    "official",
    "official_elsewhere",
    "council_member",
    "monitor",
    "operator",
    "admin",
]
STATES = {
    "draft": [],
    "co_creation": ["co_creation"],
    "implementation": ["co_creation", "submitted", "implementation"],
    "completed": ["co_creation", "submitted", "implementation", "completed"],
}
# permission → {state: roles allowed}; states not listed allow nobody.
ALLOWED = {
    "plans.view_actionplan": {
        "draft": {"official", "operator", "admin"},
        **{s: set(ACTORS) for s in ("co_creation", "implementation", "completed")},
    },
    "plans.change_actionplan": {"draft": {"official"}, "co_creation": {"official"}},
    "plans.transition_actionplan": {s: {"official"} for s in STATES},
    "plans.add_commitment": {"draft": {"official"}, "co_creation": {"official"}},
    "plans.change_commitment": {"draft": {"official"}, "co_creation": {"official"}},
    "plans.amend_commitment": {"implementation": {"official"}, "completed": {"official"}},
    "plans.add_milestone": {"draft": {"official"}, "co_creation": {"official"}},
    "plans.report_progress": {"implementation": {"official"}},
}


def _actor(name, hromada):
    return actor_for(name, hromada)


@pytest.mark.parametrize("state", list(STATES))
def test_plan_permission_grid(state, plan, official, milestone, hromada):
    plan = move(plan, official, *STATES[state])
    plan = ActionPlan.objects.get(pk=plan.pk)
    milestone = Milestone.objects.select_related("commitment__plan__hromada").get(pk=milestone.pk)
    for name in ACTORS:
        actor = _actor(name, hromada)
        for perm, by_state in ALLOWED.items():
            target = (
                milestone
                if perm in ("plans.report_progress",)
                else (milestone.commitment if "commitment" in perm else plan)
            )
            expected = name in by_state.get(state, set())
            assert actor.has_perm(perm, target) is expected, f"{name} × {perm} × {state}"


@pytest.mark.parametrize("name", ACTORS)
def test_only_officials_of_the_hromada_create_plans(name, hromada):
    assert _actor(name, hromada).has_perm("plans.add_actionplan", hromada) is (name == "official")
