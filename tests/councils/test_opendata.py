"""Councils as open data: API, CSV, and Popolo JSON that passes the platform's Popolo schema
(every constraint of the Popolo specification's schemas, and stricter rules on top; the check
against the specification's own files is in test_popolo_schema.py)."""

import datetime as dt
import json

import jsonschema
import pytest

from openhromada.councils.lifecycle import Post
from tests.councils.popolo_schemas import class_validator, validator

pytestmark = pytest.mark.django_db


def _popolo(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return json.loads(b"".join(response.streaming_content))


def test_popolo_export_validates_and_carries_votes(client, decided, hromada, members):
    data = _popolo(client, f"/hromady/{hromada.slug}/council/popolo.json")
    assert [e.message for e in validator().iter_errors(data)] == []
    assert len(data["persons"]) == 6 and len(data["events"]) == 1  # the draft is left out
    vote_events = {v["motion_id"]: v for v in data["vote_events"]}
    roll_call = vote_events[f"motion-{decided.pk}"]
    assert roll_call["result"] == "pass" and len(roll_call["votes"]) == 6
    assert {"option": "yes", "value": 6} in roll_call["counts"]
    chair = next(m for m in data["memberships"] if m["role"] == "co_chair_executive")
    assert chair["person_id"] == f"person-{members[0].person_id}"
    assert "email" not in json.dumps(data)


def test_the_schema_can_fail(decided, client, hromada):
    data = _popolo(client, f"/hromady/{hromada.slug}/council/popolo.json")
    checker = validator()
    for path, value in (
        (("vote_events", 0, "votes", 0, "option"), "maybe"),
        (("vote_events", 0, "votes", 0, "role"), "membership-1"),  # not a role
        (("events", 0, "start_date"), "2025-01-01T10:00:00"),  # a time without its offset
    ):
        broken = json.loads(json.dumps(data))
        target = broken
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value
        assert not checker.is_valid(broken), path
    broken = json.loads(json.dumps(data))
    broken["vote_events"][0]["counts"][0].pop("value")  # the specification requires it
    assert not checker.is_valid(broken)
    del data["persons"][0]["name"]
    assert not checker.is_valid(data)


def test_all_councils_in_one_popolo_file(client, decided):
    data = _popolo(client, "/data/councils.popolo.json")
    assert [e.message for e in validator().iter_errors(data)] == []
    assert data["organizations"][0]["classification"] == "coordination council"


def test_motions_and_vote_events_are_dated_with_their_meeting_time(client, decided, held, hromada):
    data = _popolo(client, f"/hromady/{hromada.slug}/council/popolo.json")
    when = held.starts_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert {m["date"] for m in data["motions"]} == {when}
    assert {v["start_date"] for v in data["vote_events"]} == {when}
    assert data["events"][0]["start_date"] == when
    motion = class_validator("motion")  # Popolo's rules for a motion, without the platform's
    motion.validate(data["motions"][0])
    with pytest.raises(jsonschema.ValidationError, match="date-time"):
        motion.validate({**data["motions"][0], "date": held.starts_at.date().isoformat()})


def test_a_vote_role_is_the_voters_post(client, decided, members, hromada):
    data = _popolo(client, f"/hromady/{hromada.slug}/council/popolo.json")
    roll_call = next(v for v in data["vote_events"] if v["motion_id"] == f"motion-{decided.pk}")
    roles = {v["voter_id"]: v["role"] for v in roll_call["votes"]}
    assert roles[f"person-{members[0].person_id}"] == Post.CO_CHAIR_EXECUTIVE
    assert set(roles.values()) == {Post.CO_CHAIR_EXECUTIVE, Post.MEMBER}


def test_api_lists_decisions_votes_and_members(client, decided, council, members):
    decisions = client.get(f"/api/v1/council-decisions?council={council.pk}").json()["items"]
    assert {d["result"] for d in decisions} == {"adopted", "not_adopted"}
    votes = client.get(f"/api/v1/council-votes?decision={decided.pk}").json()["items"]
    assert len(votes) == 6 and votes[0]["option"] == "yes"
    rows = client.get("/api/v1/council-members?post=co_chair_executive").json()["items"]
    assert [r["person_name"] for r in rows] == ["Гов 1"] and rows[0]["side"] == "government"
    assert client.get("/api/v1/council-members?post=boss").status_code == 400


def test_decisions_csv_has_the_documented_columns(client, decided):
    body = b"".join(client.get("/data/council-decisions.csv").streaming_content).decode()
    header = body.splitlines()[0].split(",")
    assert header[:3] == ["id", "council_id", "hromada_code"] and "yes_count" in header
    assert len(body.splitlines()) == 3


def test_sitemap_lists_councils_and_public_meetings_only(client, decided, hromada):
    assert "sitemap-councils.xml" in client.get("/sitemap.xml").content.decode()
    councils = client.get("/sitemap-councils.xml").content.decode()
    assert f"/hromady/{hromada.slug}/council/" in councils and "/en/hromady/" in councils
    meetings = client.get("/sitemap-council-meetings.xml").content.decode()
    assert "/council/meetings/1/" in meetings and "/council/meetings/2/" not in meetings


def test_council_page_has_machine_readable_twins(client, decided, council, hromada):
    body = client.get(f"/hromady/{hromada.slug}/council/").content.decode()
    assert f'type="text/calendar" href="/hromady/{hromada.slug}/council/meetings.ics"' in body
    assert f'href="/api/v1/councils/{council.pk}"' in body
    assert '"@type": "GovernmentOrganization"' in body and hromada.code in body
    assert client.get(f"/api/v1/councils/{council.pk}").json()["hromada_code"] == hromada.code


def test_bulk_files_take_the_api_filters(client, decided, council, official, hromada):
    body = b"".join(
        client.get(
            f"/data/council-decisions.csv?council={council.pk}&result=adopted"
        ).streaming_content
    ).decode()
    assert len(body.splitlines()) == 2 and "Обрати співголову" in body
    none = b"".join(client.get("/data/council-decisions.csv?council=999999").streaming_content)
    assert len(none.decode().splitlines()) == 1  # the header alone
    bad = client.get("/data/council-decisions.csv?result=maybe")
    assert bad.status_code == 400 and bad["Content-Type"] == "application/problem+json"
    assert bad.json()["errors"][0]["parameter"] == "result"
    unknown = client.get("/data/council-votes.jsonl?colour=red")
    assert unknown.status_code == 400 and "colour" in unknown.json()["detail"]
