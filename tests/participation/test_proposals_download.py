"""A call's proposals list offers «Download these N rows (CSV)» (issue 14): the proposals
dataset's CSV holding exactly the proposals the page lists for the same filters."""

import csv
import io
import re
from html import unescape

import pytest

from openhromada.participation.calls import services
from tests.factories import UserFactory
from tests.participation.fixtures import submit

pytestmark = pytest.mark.django_db


def _link(body: str) -> str:
    match = re.search(r'<a href="([^"]+)" download>Завантажити[^<]*</a>', body)
    assert match, "no download link"
    return unescape(match.group(1))


@pytest.mark.parametrize("params", [{"q": "доріг"}, {"response": "none"}, {}])
def test_the_download_holds_the_proposals_the_call_lists(client, call, resident, official, params):
    first = submit(resident, call, title="Ремонт доріг")
    submit(UserFactory(), call, title="Лавки в парку")
    withdrawn = submit(UserFactory(), call, title="Передумав про дороги")
    services.proposal_withdraw(actor=withdrawn.author, proposal=withdrawn)
    services.proposal_respond(actor=official, proposal=first, response="rejected", reason="Ні")
    response = client.get(f"/calls/{call.pk}/", params)
    listed = sorted(p.pk for p in response.context["page"].object_list)
    assert listed
    url = _link(response.content.decode())
    assert url.startswith(f"/calls/{call.pk}/proposals.csv")
    body = b"".join(client.get(url).streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert sorted(int(r["id"]) for r in rows) == listed
    assert {r["hromada_name_uk"] for r in rows} == {call.hromada.name_uk}


def test_the_download_keeps_a_residents_formula_as_text_for_a_spreadsheet(client, call, resident):
    """People open «download these rows» in Excel: a title that would start a formula is kept as
    text (a leading apostrophe), in a file Excel reads as UTF-8 — the dataset's own file stays
    exact, for data users."""
    submit(resident, call, title='=HYPERLINK("http://evil.example","Клікніть")')
    raw = b"".join(client.get(f"/calls/{call.pk}/proposals.csv").streaming_content)
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["title"] for r in rows] == ['\'=HYPERLINK("http://evil.example","Клікніть")']
    exact = b"".join(client.get("/data/proposals.csv", {"call": call.pk}).streaming_content)
    assert b'"=HYPERLINK(' in exact
