"""An operator withholds a council meeting, its place or a decision's text: it leaves every
page, API list, file, Popolo export, calendar and history at once, and the decision is on record."""

import json

import pytest

from openhromada.core.withholding import withholding_create, withholding_release
from openhromada.councils import services
from openhromada.councils.lifecycle import Result, VoteOption
from tests.councils.fixtures import elect, meeting
from tests.factories import actor_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(hromada):
    return actor_for("operator", hromada)


@pytest.fixture
def sensitive(official, council, members):
    """A held meeting with a roll-call decision, beside an ordinary one."""
    made = meeting(official, council, days_ago=20, items=("Укриття на вул. Таємничій",))
    services.attendance_record(actor=official, meeting=made, present=[m.pk for m in members])
    elect(official, made, members, text="Облаштувати укриття за адресою Таємнича, 7")
    other = meeting(official, council, days_ago=10, items=("Звичайне питання",))
    services.attendance_record(actor=official, meeting=other, present=[m.pk for m in members])
    services.motion_record(
        actor=official,
        item=other.items.get(),
        text="Звичайне рішення",
        result=Result.ADOPTED,
        votes={m.pk: VoteOption.YES for m in members},
    )
    return made


def _text(client, url) -> str:
    response = client.get(url)
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def test_a_withheld_meeting_leaves_every_output(client, operator, sensitive, council, hromada):
    withholding_create(actor=operator, obj=sensitive, reason="Безпека: адреса укриття")
    base = f"/hromady/{hromada.slug}/council/"
    assert client.get(f"{base}meetings/{sensitive.number}/").status_code == 451
    outputs = [
        base,
        f"{base}decisions/",
        f"{base}people/{sensitive.attendance.first().membership.person_id}/",
        f"{base}meetings.ics",
        f"{base}popolo.json",
        "/data/councils.popolo.json",
        "/api/v1/council-meetings",
        "/api/v1/council-decisions",
        "/data/council-decisions.csv",
        "/data/history.jsonl",
    ]
    for url in outputs:
        body = _text(client, url)
        assert "Таємнич" not in body, url
    assert "Звичайне рішення" in _text(client, f"{base}decisions/")
    assert "Знайдено 0 рішень" in _text(client, f"{base}decisions/?q=Таємнича")
    assert client.get(f"/api/v1/council-meetings/{sensitive.pk}").status_code == 451
    votes = client.get(f"/api/v1/council-votes?council={council.pk}").json()["items"]
    assert {v["decision_id"] for v in votes} == {votes[0]["decision_id"]} and len(votes) == 6
    history = client.get(f"{base}history/").content.decode()
    assert "Безпека: адреса укриття" in history  # the decision itself is public


def test_a_withheld_place_and_decision_text_are_blanked(
    client, operator, sensitive, council, hromada
):
    withholding_create(actor=operator, obj=sensitive, field="place", reason="Безпека")
    motion = sensitive.items.get().motions.get()
    withholding_create(actor=operator, obj=motion, field="text", reason="Безпека")
    base = f"/hromady/{hromada.slug}/council/"
    page = client.get(f"{base}meetings/{sensitive.number}/").content.decode()
    assert "приховано від оприлюднення" in page and "Зала засідань" not in page
    assert "Таємнича, 7" not in page
    row = client.get(f"/api/v1/council-meetings/{sensitive.pk}").json()
    assert row["place"] is None
    assert client.get(f"/api/v1/council-decisions/{motion.pk}").json()["text"] is None
    assert "Знайдено 0 рішень" in _text(client, f"{base}decisions/?q=Таємнича")
    popolo = json.loads(_text(client, f"{base}popolo.json"))
    assert next(m for m in popolo["motions"] if m["id"] == f"motion-{motion.pk}")["text"] is None


def test_released_meeting_is_public_again(client, operator, sensitive, hromada):
    item = withholding_create(actor=operator, obj=sensitive, reason="Безпека")
    withholding_release(actor=operator, withholding=item, reason="Загрози більше немає")
    url = f"/hromady/{hromada.slug}/council/meetings/{sensitive.number}/"
    assert "Облаштувати укриття" in client.get(url).content.decode()


def test_only_operators_withhold_council_records(sensitive, hromada):
    from django.core.exceptions import PermissionDenied

    for name in ("official", "council_member", "resident"):
        with pytest.raises(PermissionDenied):
            withholding_create(actor=actor_for(name, hromada), obj=sensitive, reason="x")
