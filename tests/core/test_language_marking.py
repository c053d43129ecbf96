"""People's text keeps its own language on a page in the other one (issue 14): on /en/ a plan's,
a call's or a proposal's Ukrainian title and text carry lang="uk", so a screen reader reads
them with a Ukrainian voice; English typed on a Ukrainian page carries lang="en"."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from openhromada.core.text import content_language
from openhromada.participation.calls import services
from openhromada.participation.comments import services as comments

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _ukrainian_after():
    """A request to /en/ leaves English active in this thread: later tests expect Ukrainian."""
    with translation.override("uk"):
        yield


def _en(name: str, *args) -> str:
    with translation.override("uk"):
        return "/en" + reverse(name, args=args)


def _lang_of(page: str, text: str) -> str:
    """The lang of the element that holds `text` directly."""
    match = re.search(
        r'<(\w+)[^<>]*?\blang="([\w-]+)"[^<>]*>(?:[^<]*<a [^>]*>)?[^<]*' + re.escape(text), page
    )
    assert match, f"no element with lang holds {text!r}"
    return match.group(2)


def test_the_language_is_told_from_the_letters():
    assert content_language("Відкрити дані про ремонти доріг", "en") == "uk"
    assert content_language("Open data on road repairs", "uk") == "en"
    assert content_language("2025–2026", "en") == "en"


def test_ukrainian_content_on_an_english_page_is_marked(client, call, proposal, resident):
    comments.comment_post(actor=resident, proposal=proposal, text="Підтримую цю ідею")
    page = client.get(_en("participation:call", call.pk)).content.decode()
    assert '<html lang="en"' in page
    assert _lang_of(page, call.title) == "uk"  # the h1
    assert _lang_of(page, "№ 1. " + proposal.title) == "uk"  # the list's fragment (Jinja2)
    page = client.get(_en("participation:proposal", proposal.pk)).content.decode()
    assert _lang_of(page, proposal.title) == "uk"
    assert re.search(r'<div lang="uk"><p>Підтримую цю ідею', page)  # a comment
    plan = call.plan
    page = client.get(_en("plans:plan", plan.hromada.slug, plan.slug))
    assert _lang_of(page.content.decode(), plan.title) == "uk"


def test_english_content_on_a_ukrainian_page_is_marked(client, official, call, neighbour):
    made = services.proposal_submit(
        actor=neighbour,
        call=call,
        title="Open data on road repairs",
        problem="Nobody knows where roads are repaired",
        solution="Publish the schedule",
    )
    page = client.get(reverse("participation:proposal", args=[made.pk])).content.decode()
    assert '<html lang="uk"' in page
    assert _lang_of(page, "Open data on road repairs") == "en"
