from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "openhromada.plans"
    label = "plans"
    verbose_name = _("Action plans")

    def ready(self):
        from openhromada.opendata.base import register as register_datasets

        from .datasets import COMMITMENTS, MILESTONES, PLANS, PROGRESS_UPDATES

        register_datasets(PLANS, COMMITMENTS, MILESTONES, PROGRESS_UPDATES)
        from openhromada.core import sections

        from .sections import hromada_plans

        sections.register("hromada", hromada_plans)
        register_withholdables()
        register_publicity()
        from openhromada.core.history_display import register_attached

        from .evidence import EVIDENCE

        register_attached(EVIDENCE)  # the public history lists an update's evidence files


def register_publicity() -> None:
    """Who may see what of a plan (see core.visibility): nothing of a draft. A plan and a
    commitment name their pages, for links to them (e.g. from a decision's history)."""
    from django.db.models import Q

    from openhromada.core.visibility import Publicity, register

    from .lifecycle import PlanStatus

    register(
        Publicity(
            "plans.actionplan",
            state=lambda p: ~Q(**{f"{p}status": PlanStatus.DRAFT}),
            test=lambda plan: plan.status != PlanStatus.DRAFT,
            unpublished=lambda p: Q(**{f"{p}status": PlanStatus.DRAFT}),
            container=True,
            page=lambda plan: reverse("plans:plan", args=[plan.hromada.slug, plan.slug]),
            page_related=("hromada",),
        )
    )
    register(
        Publicity(
            "plans.commitment",
            parents=("plan",),
            page=lambda c: reverse(
                "plans:commitment", args=[c.plan.hromada.slug, c.plan.slug, c.number]
            ),
            page_related=("plan__hromada",),
        )
    )
    register(Publicity("plans.milestone", parents=("commitment",)))
    register(Publicity("plans.progressupdate", parents=("milestone",)))
    register(Publicity("plans.amendment", parents=("commitment",)))


def register_withholdables() -> None:
    """What of a plan an operator can keep out of public outputs (see core.withholding)."""
    from openhromada.core.withholding import Withholdable, register

    register(Withholdable("plans.actionplan", ("summary",)))
    register(
        Withholdable(
            "plans.commitment",
            ("problem", "baseline", "objective", "how_it_solves", "lead_body", "budget_source"),
            ancestors={"plans.actionplan": "plan_id"},
        )
    )
    register(
        Withholdable(
            "plans.milestone",
            ("expected_output", "responsible_body"),
            ancestors={
                "plans.commitment": "commitment_id",
                "plans.actionplan": "commitment__plan_id",
            },
        )
    )
    register(
        Withholdable(
            "plans.progressupdate",
            ("text", "links"),
            ancestors={
                "plans.milestone": "milestone_id",
                "plans.commitment": "milestone__commitment_id",
                "plans.actionplan": "milestone__commitment__plan_id",
            },
        )
    )
