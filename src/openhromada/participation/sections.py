"""Participation's sections on the hromada, plan and commitment pages."""

from django.template.loader import render_to_string

from openhromada.core.withholding import for_request
from openhromada.plans.lifecycle import PlanStatus

from .calls.selectors import commitment_proposals as proposals_of
from .calls.selectors import hromada_calls
from .consultations.selectors import hromada_consultations


def hromada_participation(request, hromada) -> str:
    """The hromada's public calls and published consultations, newest first, with counts."""
    calls = hromada_calls(hromada, for_request(request))
    consultations = hromada_consultations(hromada)
    can_consult = request.user.has_perm("participation.add_consultation", hromada)
    if not calls and not consultations and not can_consult:
        return ""
    return render_to_string(
        "participation/_hromada_section.html",
        {
            "hromada": hromada,
            "calls": calls,
            "consultations": consultations,
            "can_consult": can_consult,
        },
        request=request,
    )


def plan_calls(request, plan) -> str:
    calls = list(plan.calls.all())
    can_open = plan.status == PlanStatus.CO_CREATION and request.user.has_perm(
        "participation.add_call", plan
    )
    if not calls and not can_open:
        return ""
    return render_to_string(
        "participation/_plan_section.html",
        {"plan": plan, "calls": calls, "can_open": can_open},
        request=request,
    )


def commitment_proposals(request, commitment) -> str:
    """The residents' proposals a commitment came from: an idea followed to its milestones."""
    proposals = list(proposals_of(commitment))
    if not proposals:
        return ""
    return render_to_string(
        "participation/_commitment_section.html", {"proposals": proposals}, request=request
    )
