"""The decisions register's «Download these N rows (CSV)» (issue 14): the council decisions
dataset's CSV holding exactly the decisions the register lists for the same filters."""

import csv
import io
import re
from html import unescape

import pytest

from openhromada.councils import services
from openhromada.councils.lifecycle import Result, Topic
from tests.councils.fixtures import elect

pytestmark = pytest.mark.django_db


def _link(body: str) -> str:
    match = re.search(r'<a href="([^"]+)" download>Завантажити[^<]*</a>', body)
    assert match, "no download link"
    return unescape(match.group(1))


@pytest.mark.parametrize("params", [{"topic": "action_plan"}, {"q": "співголов"}, {}])
def test_the_download_holds_the_decisions_the_register_lists(
    client, official, held, members, hromada, params
):
    elect(official, held, members, text="Обрати співголову")
    services.motion_record(
        actor=official,
        item=held.items.first(),
        text="Схвалити план",
        topic=Topic.ACTION_PLAN,
        result=Result.NOT_CONSIDERED,
    )
    response = client.get(f"/hromady/{hromada.slug}/council/decisions/", params)
    listed = sorted(m.pk for m in response.context["page"].object_list)
    assert listed
    url = _link(response.content.decode())
    assert url.startswith(f"/hromady/{hromada.slug}/council/decisions.csv")
    body = b"".join(client.get(url).streaming_content).decode("utf-8-sig")
    assert sorted(int(r["id"]) for r in csv.DictReader(io.StringIO(body))) == listed
