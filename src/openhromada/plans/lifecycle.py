"""The action plan's lifecycle as data: states and the one table of allowed transitions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    CO_CREATION = "co_creation", _("co-creation")
    SUBMITTED = "submitted", _("submitted")
    IMPLEMENTATION = "implementation", _("implementation")
    COMPLETED = "completed", _("completed")
    WITHDRAWN = "withdrawn", _("withdrawn")


# from-state → the states it may move to. Nothing else is allowed, anywhere.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    PlanStatus.DRAFT: (PlanStatus.CO_CREATION, PlanStatus.WITHDRAWN),
    PlanStatus.CO_CREATION: (PlanStatus.DRAFT, PlanStatus.SUBMITTED, PlanStatus.WITHDRAWN),
    PlanStatus.SUBMITTED: (PlanStatus.IMPLEMENTATION, PlanStatus.WITHDRAWN),
    PlanStatus.IMPLEMENTATION: (PlanStatus.COMPLETED, PlanStatus.WITHDRAWN),
    PlanStatus.COMPLETED: (),
    PlanStatus.WITHDRAWN: (),
}

# to-state → the one permission that moves a plan there (plans.rules declares each from the table
# above: who runs the plan, from which states, and what else the move needs).
MOVES: dict[str, str] = {
    PlanStatus.DRAFT: "plans.return_to_draft",
    PlanStatus.CO_CREATION: "plans.open_co_creation",
    PlanStatus.SUBMITTED: "plans.submit_actionplan",
    PlanStatus.IMPLEMENTATION: "plans.start_implementation",
    PlanStatus.COMPLETED: "plans.complete_actionplan",
    PlanStatus.WITHDRAWN: "plans.withdraw_actionplan",
}

# Once submitted, the commitments' text is frozen: changes only through an amendment.
FROZEN_STATES = (
    PlanStatus.SUBMITTED,
    PlanStatus.IMPLEMENTATION,
    PlanStatus.COMPLETED,
    PlanStatus.WITHDRAWN,
)
# Drafts are visible to the hromada's officials only; everything else is public.
PUBLIC_STATES = (
    PlanStatus.CO_CREATION,
    PlanStatus.SUBMITTED,
    PlanStatus.IMPLEMENTATION,
    PlanStatus.COMPLETED,
    PlanStatus.WITHDRAWN,
)
# Progress is reported while the plan is being carried out.
REPORTING_STATES = (PlanStatus.SUBMITTED, PlanStatus.IMPLEMENTATION)


class MilestoneStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("not started")
    IN_PROGRESS = "in_progress", _("in progress")
    COMPLETED = "completed", _("completed")
    DELAYED = "delayed", _("delayed")
    CANCELLED = "cancelled", _("cancelled")


CLOSED_MILESTONE_STATES = (MilestoneStatus.COMPLETED, MilestoneStatus.CANCELLED)


class CompletionLevel(models.TextChoices):
    """IRM-style completion, derived from milestone weights (see `completion_level`)."""

    NOT_STARTED = "not_started", _("not started")
    LIMITED = "limited", _("limited")
    SUBSTANTIAL = "substantial", _("substantial")
    COMPLETE = "complete", _("complete")


def completion_level(percent: float | None) -> str:
    """0 → not started; under 50 → limited; 50 to under 100 → substantial; 100 → complete."""
    if not percent:
        return CompletionLevel.NOT_STARTED
    if percent >= 100:
        return CompletionLevel.COMPLETE
    if percent >= 50:
        return CompletionLevel.SUBSTANTIAL
    return CompletionLevel.LIMITED
