"""`{{ text|markdown }}`: Markdown written by people, rendered and sanitised (core.markdown)."""

from django import template

from openhromada.core.markdown import render

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    return render(str(text) if text is not None else "")
