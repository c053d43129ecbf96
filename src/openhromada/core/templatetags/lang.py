"""`lang="{{ value|content_lang }}"`: the language of people's text (a plan's title, a proposal,
a comment), which does not follow the page's (core.text.content_language)."""

from django import template
from django.utils import translation

from openhromada.core.text import content_language

register = template.Library()


@register.filter
def content_lang(value) -> str:
    return content_language(value, translation.get_language() or "uk")
