"""The action-plans section of a hromada's page."""

from django.template.loader import render_to_string

from openhromada.core.withholding import for_request

from .selectors import visible_plans


def hromada_plans(request, hromada) -> str:
    plans = list(for_request(request).exclude(visible_plans(request.user, hromada)))
    can_create = request.user.has_perm("plans.add_actionplan", hromada)
    if not plans and not can_create:
        return ""
    return render_to_string(
        "plans/_hromada_section.html",
        {"plans": plans, "hromada": hromada, "can_create": can_create},
        request=request,
    )
