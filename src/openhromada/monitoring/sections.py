"""Monitoring's sections, handed to the lower layers' registries in MonitoringConfig.ready():
the independent assessment beside the city's own report on each commitment page, who monitors a
plan and its published reports on the plan page, and a line to the reports on the hromada page."""

from django.template.loader import render_to_string

from openhromada.core import sections
from openhromada.core.withholding import for_request
from openhromada.plans.lifecycle import PlanStatus

from .selectors import public

# Plans that can be monitored: submitted or later (drafts and plans in co-creation have none).
MONITORED_PLAN_STATES = (PlanStatus.SUBMITTED, PlanStatus.IMPLEMENTATION, PlanStatus.COMPLETED)


def commitment_monitoring(request, commitment) -> str:
    """The city's self-reported status and its evidence beside the current published
    assessments, with the disagreement flagged and the hromada's replies."""
    if commitment.plan.status not in MONITORED_PLAN_STATES:
        return ""
    withheld = for_request(request)
    assessments = public.commitment_assessments(commitment, withheld)
    return render_to_string(
        "monitoring/_commitment_section.html",
        {
            "commitment": commitment,
            "plan": commitment.plan,
            "hromada": commitment.plan.hromada,
            "assessments": assessments,
            "assignments": [] if assessments else public.plan_assignments(commitment.plan),
            "city": public.city_evidence(commitment, withheld),
            "disagreements": sum(1 for a in assessments if a.disagrees),
        },
        request=request,
    )


def plan_monitoring(request, plan) -> str:
    """Who monitors the plan, its published monitoring reports and its star commitments."""
    if plan.status not in MONITORED_PLAN_STATES:
        return ""
    withheld = for_request(request)
    assignments = public.plan_assignments(plan)
    reports = public.plan_reports(plan, withheld)
    if not assignments and not reports:
        return ""
    return render_to_string(
        "monitoring/_plan_section.html",
        {
            "plan": plan,
            "assignments": assignments,
            "reports": reports,
            "stars": public.plan_star_count(plan, withheld) if reports else 0,
        },
        request=request,
    )


def hromada_monitoring(request, hromada) -> str:
    """A short line: the hromada's published monitoring reports, newest first."""
    reports = public.hromada_reports(hromada, for_request(request))
    if not reports:
        return ""
    return render_to_string(
        "monitoring/_hromada_section.html",
        {"hromada": hromada, "reports": reports},
        request=request,
    )


def register() -> None:
    """Register monitoring's sections on the hromada, plan and commitment pages."""
    sections.register("hromada", hromada_monitoring)
    sections.register("plan", plan_monitoring)
    sections.register("commitment", commitment_monitoring)
