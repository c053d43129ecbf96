"""`{% jinja "app/fragment.html" name=value … %}`: a Jinja2 fragment (core.jinja) in a Django page,
rendered with the given values and the page's request (for `csrf_input`)."""

from django import template
from django.template import engines
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def jinja(context, template_name: str, **values) -> SafeString:
    fragment = engines["jinja2"].get_template(template_name)
    # safe: the output of a template that escapes every value it is given
    return mark_safe(fragment.render(values, context.get("request")))
