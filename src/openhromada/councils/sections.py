"""The coordination-council section of a hromada's page."""

from django.template.loader import render_to_string

from openhromada.core.withholding import for_request

from .models import Council, Motion


def hromada_council(request, hromada) -> str:
    council = Council.objects.filter(hromada=hromada).first()
    can_create = request.user.has_perm("councils.add_council", hromada)  # none set up yet
    if council is None and not can_create:
        return ""
    return render_to_string(
        "councils/_hromada_section.html",
        {"council": council, "hromada": hromada, "can_create": can_create},
        request=request,
    )


def _public_decisions():
    return Motion.objects.filter(item__meeting__agenda_published_at__isnull=False).select_related(
        "item__meeting__council__hromada"
    )


def _decisions(request, decisions) -> str:
    withheld = for_request(request)
    decisions = withheld.exclude(decisions).order_by("-decided_on", "-pk")[:20]
    decisions = [withheld.redact(d) for d in decisions]
    if not decisions:
        return ""
    return render_to_string(
        "councils/_decisions_section.html", {"decisions": decisions}, request=request
    )


def plan_decisions(request, plan) -> str:
    """Decisions of the coordination council about an action plan (e.g. its endorsement)."""
    return _decisions(request, _public_decisions().filter(plan=plan))


def commitment_decisions(request, commitment) -> str:
    return _decisions(request, _public_decisions().filter(commitments=commitment))
