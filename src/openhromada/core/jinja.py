"""The Jinja2 environment for the hot list fragments (the tables and comment threads a page
repeats dozens or hundreds of times). Through Django's template engine those pages took 1.2 to
2.3 times as long (the call report 2.3×, the decisions register 1.8×; bench/README.md); through
Jinja2 they cost what the Python that used to build them did. Pages themselves stay Django
templates and include a fragment with `{% jinja "app/fragment.html" name=value %}`
(core.templatetags.jinja); a list that Django renders within ~10 % (the directory) stays a
Django template.

What a fragment gets, so it is written like a Django template:
- autoescaping of every value (Django's Jinja2 backend turns it on; Django's safe strings, such
  as rendered Markdown, are not escaped twice, because they carry `__html__`);
- `{{ _("English text") }}` translated through Django's catalogues; text with values is
  `{{ _("Meeting no. %(n)s")|format(n=number) }}`. Write every translated string in exactly
  this shape: Django's makemessages reads Jinja2 templates as Django templates and finds
  `_("…")` only at the start of `{{ … }}` (tests/core/test_jinja.py checks it). Plural forms
  are worked out in Python (makemessages would not find `ngettext` here);
- `url("app:name", arg, …)` as `{% url %}`, and `csrf_input` (the hidden CSRF field, as
  `{% csrf_token %}`) from the backend whenever the page passes its request;
- the filters `date` (Django's, in the reader's time zone as in Django templates), `localtime`
  (for `.strftime("%d.%m.%Y")` and `.isoformat()`, several times cheaper than `date` in a long
  list), `markdown` (core.markdown), `capfirst` and `truncatechars` (Django's), `content_lang`
  (the language of people's text, for `lang`)."""

from django.template.defaultfilters import capfirst, truncatechars
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils import translation
from django.utils.timezone import localtime, template_localtime
from jinja2 import Environment

from openhromada.core.markdown import render as markdown
from openhromada.core.text import content_language


def url(name: str, *args) -> str:
    """`{{ url("places:hromada", slug) }}`, as Django's `{% url %}`."""
    return reverse(name, args=args)


def date(value, format_string: str | None = None) -> str:
    """Django's `date` filter after converting to the current time zone, as Django's template
    engine does before every date filter."""
    return date_filter(template_localtime(value), format_string)


def content_lang(value) -> str:
    """The language of people's text, for its element's `lang` (core.text.content_language)."""
    return content_language(value, translation.get_language() or "uk")


def environment(**options) -> Environment:
    env = Environment(extensions=["jinja2.ext.i18n"], **options)
    # old-style gettext: `_()` returns text (escaped like any value) and `|format` fills it in
    env.install_gettext_translations(translation, newstyle=False)
    env.globals["url"] = url
    env.filters.update(
        date=date,
        localtime=localtime,
        markdown=markdown,
        capfirst=capfirst,
        truncatechars=truncatechars,
        content_lang=content_lang,
    )
    return env
