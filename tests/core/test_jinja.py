"""The Jinja2 fragments (core.jinja): escaped like Django templates, translated through Django's
catalogues with strings makemessages finds, addresses by name, CSRF field from the request."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.template import Context, Template, engines
from django.test import RequestFactory
from django.utils import translation
from django.utils.translation.template import templatize

import openhromada
from openhromada.core.markdown import render as markdown

PACKAGE = Path(openhromada.__file__).parent
FRAGMENTS = sorted(PACKAGE.glob("*/jinja2/**/*.html"))


def _render(source: str, request=None, **values) -> str:
    return engines["jinja2"].from_string(source).render(values, request)


def test_every_value_is_escaped_and_safe_html_is_not_escaped_twice():
    out = _render("{{ text }}|{{ html }}", text="<b>Ось</b> & «так»", html=markdown("**так**"))
    assert out == "&lt;b&gt;Ось&lt;/b&gt; &amp; «так»|<p><strong>так</strong></p>\n"


def test_translated_text_with_values_is_escaped_as_a_whole():
    source = '{{ _("Meeting no. %(n)s")|format(n=number) }} · {{ _("Reply") }}'
    with translation.override("uk"):
        assert _render(source, number="<1>") == "Засідання № &lt;1&gt; · Відповісти"
    with translation.override("en"):
        assert _render(source, number=2) == "Meeting no. 2 · Reply"


def test_addresses_by_name_and_dates_in_the_readers_time_zone():
    moment = dt.datetime(2026, 1, 31, 22, 30, tzinfo=dt.UTC)
    source = '{{ url("places:hromada", "khmelnytska") }} {{ moment|date("j E Y, H:i") }}'
    with translation.override("uk"):
        assert _render(source, moment=moment) == "/hromady/khmelnytska/ 1 лютого 2026, 00:30"


@pytest.mark.django_db
def test_a_fragment_in_a_page_gets_the_request_for_its_csrf_field():
    request = RequestFactory().get("/")
    page = Template(
        '{% load jinja %}<ul>{% jinja "participation/unanswered.html" proposals=rows %}</ul>'
    )
    created = dt.datetime(2026, 1, 31, 22, 30, tzinfo=dt.UTC)
    with translation.override("uk"):  # addresses in the default language, whatever ran before
        html = page.render(
            Context({"request": request, "rows": [(7, 3, "<Дороги>", created, None)]})
        )
    assert '<a href="/proposals/7/">№ 3. &lt;Дороги&gt;</a>' in html
    field = _render("{{ csrf_input }}", request)
    assert re.fullmatch(r'<input type="hidden" name="csrfmiddlewaretoken" value="\w{64}">', field)


def test_every_string_a_fragment_translates_is_found_by_makemessages():
    """makemessages reads Jinja2 fragments as Django templates (core.jinja): a string it does not
    find would be dropped from the catalogue and shown untranslated."""
    env = engines["jinja2"].env
    assert FRAGMENTS
    for path in FRAGMENTS:
        source = path.read_text(encoding="utf-8")
        found = set(re.findall(r"""\b_\((?:"([^"]*)"|'([^']*)')\)""", templatize(source)))
        found = {double or single for double, single in found}
        for line, function, message in env.extract_translations(source):
            assert function == "_" and message in found, (
                f'{path.name}:{line}: write {{{{ _("…") }}}} (plural forms in Python): {message}'
            )
