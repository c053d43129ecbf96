"""A field withheld on a commitment leaves the amendments that changed it too: the history API,
history.csv/.jsonl (and so the ZIP) blank the field inside an amendment's kept diff, as the
commitment page shows the withheld notice in its place."""

import pytest

from openhromada.core.withholding import withholding_create
from openhromada.plans import services
from tests.opendata.fixtures import operator  # noqa: F401
from tests.plans.fixtures import make_commitment, move

pytestmark = pytest.mark.django_db
OLD = "СТАРА-МЕТА-МАРКЕР-5521"
NEW = "НОВА-МЕТА-МАРКЕР-7730"


def _bodies(client) -> str:
    bodies = []
    for url in ("/api/v1/history?limit=500", "/data/history.jsonl", "/data/history.csv"):
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        bodies.append(body.decode())
    return "\n".join(bodies)


@pytest.fixture
def amended(official, plan):
    commitment = make_commitment(official, plan, objective=OLD)
    move(plan, official, "co_creation", "submitted")
    commitment.refresh_from_db()
    services.commitment_amend(
        actor=official, commitment=commitment, reason="Уточнено мету", objective=NEW
    )
    return commitment


def test_the_amendment_shows_the_change_while_the_field_is_public(client, amended):
    assert NEW in _bodies(client)


def test_a_withheld_field_leaves_the_amendments_diff(client, amended, operator):  # noqa: F811
    withholding_create(actor=operator, obj=amended, field="objective", reason="Персональні дані")
    everything = _bodies(client)
    assert OLD not in everything and NEW not in everything
    assert "Уточнено мету" in everything  # the rest of the amendment stays public
