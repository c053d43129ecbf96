"""`{% public obj as name %}`: a reference to another record, shown only when the public may see
it (core.visibility) — e.g. a decision's action plan, a consultation's draft plan."""

from django import template

from openhromada.core.visibility import shown
from openhromada.core.withholding import for_request

register = template.Library()


@register.simple_tag(takes_context=True)
def public(context, obj):
    """`obj` (its withheld fields blanked) when it is public, else None."""
    return shown(obj, for_request(context["request"]))


@register.simple_tag(takes_context=True)
def public_list(context, objects):
    """The public ones of `objects`."""
    withheld = for_request(context["request"])
    return [o for o in (shown(obj, withheld) for obj in objects) if o is not None]
