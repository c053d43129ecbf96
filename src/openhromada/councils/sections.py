"""The coordination-council section of a hromada's page."""

from django.template.loader import render_to_string

from .models import Council


def hromada_council(request, hromada) -> str:
    council = Council.objects.filter(hromada=hromada).first()
    can_create = council is None and request.user.has_perm("councils.add_council", hromada)
    if council is None and not can_create:
        return ""
    return render_to_string(
        "councils/_hromada_section.html",
        {"council": council, "hromada": hromada, "can_create": can_create},
        request=request,
    )
