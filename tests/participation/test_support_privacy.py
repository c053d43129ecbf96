"""Who supports a proposal stays private: the public history records the support count, when it
changed, and no supporter — on the page, in the API, in the files and in the feed."""

import io
import json
import re
import zipfile
from types import SimpleNamespace

import pytest

from openhromada.core.history import record
from openhromada.core.models import HistoryEntry
from openhromada.participation.calls import services
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
SUPPORTER = "Зорян Прихильник"  # found in no place name, proposal or plan of the fixtures
HISTORY_API = "/api/v1/history?limit=500&object_type=participation.proposal"


def _raw(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _body(response) -> str:
    return _raw(response).decode()


@pytest.fixture
def supporter(db):
    return UserFactory(display_name=SUPPORTER)


def _support_rows(client, proposal) -> list[dict]:
    rows = client.get(f"{HISTORY_API}&object_id={proposal.pk}").json()["items"]
    return [r for r in rows if "support_count" in r["changes"]]


def _public_outputs(client, proposal, settings, tmp_path) -> dict[str, str]:
    settings.OPENDATA_DUMP_DIR = tmp_path  # no pre-built ZIP: built from the data now
    archive = zipfile.ZipFile(io.BytesIO(_raw(client.get("/data/openhromada.zip"))))
    return {
        "page": _body(client.get(f"/proposals/{proposal.pk}/")),
        "api": _body(client.get(HISTORY_API)),
        "history.jsonl": _body(client.get("/data/history.jsonl")),
        "history.csv": _body(client.get("/data/history.csv")),
        "zip": archive.read("history.jsonl").decode() + archive.read("history.csv").decode(),
        "feed": _body(client.get("/feeds/changes.atom")),
        "proposals": _body(client.get("/data/proposals.jsonl")),
    }


def test_a_support_leaves_no_trace_of_the_supporter(
    client, proposal, supporter, settings, tmp_path
):
    services.proposal_support(actor=supporter, proposal=proposal)
    for name, body in _public_outputs(client, proposal, settings, tmp_path).items():
        assert SUPPORTER not in body, name
    entry = HistoryEntry.objects.filter(object_id=str(proposal.pk)).first()
    assert entry.changes == {"support_count": [0, 1]}
    assert entry.actor_id is None  # not even the chain keeps who it was
    assert proposal.supports.get().user == supporter  # once per person: the private row stays


def test_the_history_counts_supports_and_their_withdrawal(client, proposal, supporter):
    other = UserFactory(display_name="Ганна Прихильниця")
    services.proposal_support(actor=supporter, proposal=proposal)
    services.proposal_support(actor=other, proposal=proposal)
    services.proposal_unsupport(actor=supporter, proposal=proposal)
    rows = _support_rows(client, proposal)
    assert [r["changes"]["support_count"] for r in rows] == [[0, 1], [1, 2], [2, 1]]
    assert {r["actor"] for r in rows} == {"resident"}
    page = _body(client.get(f"/proposals/{proposal.pk}/"))
    assert "Підтримки: 1 → 2" in page and "Підтримки: 2 → 1" in page
    assert SUPPORTER not in page and "Ганна Прихильниця" not in page


def test_a_support_recorded_before_names_no_one_now(
    client, proposal, supporter, settings, tmp_path
):
    # Entries written by the earlier service named the supporter; the chain keeps them as they
    # were (hash-linked), and every public output leaves the name out.
    record(actor=supporter, obj=proposal, action="update", changes={"support_count": [0, 1]})
    for name, body in _public_outputs(client, proposal, settings, tmp_path).items():
        assert SUPPORTER not in body, name
    (row,) = _support_rows(client, proposal)
    assert row["actor"] == "resident" and row["changes"]["support_count"] == [0, 1]


def test_other_changes_by_a_resident_still_name_them(client, proposal, resident):
    services.proposal_update(actor=resident, proposal=proposal, title="Нова назва пропозиції")
    rows = client.get(f"{HISTORY_API}&object_id={proposal.pk}").json()["items"]
    assert rows[-1]["actor"] == "Оксана" and "title" in rows[-1]["changes"]


def test_an_entry_with_the_old_id_label_shows_a_neutral_name(client, proposal, resident):
    # Before, a resident without a public name was recorded as "Мешканець №<internal id>".
    resident.display_name = ""
    resident.save()
    legacy = SimpleNamespace(
        pk=resident.pk, is_authenticated=True, public_name=f"Мешканець №{resident.pk}"
    )
    record(actor=legacy, obj=proposal, action="update", changes={"title": ["А", "Б"]})
    rows = client.get(f"{HISTORY_API}&object_id={proposal.pk}").json()["items"]
    assert rows[-1]["actor"] == resident.public_name
    page = _body(client.get(f"/proposals/{proposal.pk}/"))
    assert resident.public_name in page
    for body in (json.dumps(rows, ensure_ascii=False), page):
        assert not re.search(rf"Мешканець №{resident.pk}\b", body)
