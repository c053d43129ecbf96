"""The platform's Popolo schema (councils/schemas/popolo.json) stands alone and is strict: it
catches what a review of the export found wrong, and — when the operator has downloaded the Popolo
specification's own schemas (OPENHROMADA_OFFICIAL_SCHEMAS, README "Open data") — the export
passes those too and ours leave out none of their constraints."""

import copy
import json

import pytest

from openhromada.councils.lifecycle import Post, Result
from tests.councils.popolo_schemas import (
    SECTIONS,
    official_class,
    official_errors,
    official_validator,
    schema,
    validator,
)
from tests.councils.schema_coverage import missing_constraints

pytestmark = pytest.mark.django_db
BROKEN = [
    # a motion dated with a day, not the moment of its meeting
    (("motions", 0, "date"), "2025-01-01"),
    (("vote_events", 0, "start_date"), "2025-01-01"),
    # a voter's role given as the id of their membership, not their post
    (("vote_events", 0, "votes", 0, "role"), "membership-1"),
    (("vote_events", 0, "votes", 0, "option"), "maybe"),
    (("vote_events", 0, "counts", 0, "value"), "6"),
    (("vote_events", 0, "counts", 0, "value"), -1),
    (("events", 0, "start_date"), "2025-01-01T10:00:00"),  # a time without its offset
    (("events", 0, "start_date"), "2025-01-01T10:00:00.5Z"),  # Popolo's events: no fractions
    (("memberships", 0, "start_date"), "1 May 2025"),
    (("memberships", 0, "role"), None),
    (("persons", 0, "name"), ""),
    (("organizations", 0, "founding_date"), "01.05.2025"),
    (("organizations", 0, "identifiers", 0, "identifier"), None),
    (("posts", 0, "role"), "boss"),
]


@pytest.fixture
def export(client, decided, hromada):
    response = client.get(f"/hromady/{hromada.slug}/council/popolo.json")
    assert response.status_code == 200
    return json.loads(b"".join(response.streaming_content))


def _broken(data, path, value):
    broken = copy.deepcopy(data)
    target = broken
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return broken


@pytest.mark.parametrize(("path", "value"), BROKEN)
def test_our_schema_alone_catches_a_broken_export(export, path, value):
    assert [e.message for e in validator().iter_errors(export)] == []
    errors = list(validator().iter_errors(_broken(export, path, value)))
    assert errors, path


def test_our_schema_requires_what_the_specification_requires(export):
    broken = copy.deepcopy(export)
    broken["vote_events"][0]["counts"][0].pop("value")
    assert not validator().is_valid(broken)


def test_vote_roles_and_results_are_the_platforms(export):
    ours = schema()["$defs"]
    assert set(ours["role"]["enum"]) == set(Post.values)
    assert set(ours["council_motion"]["properties"]["result"]["enum"]) == {
        "pass",
        "fail",
        Result.NOT_VOTED,
        Result.NOT_CONSIDERED,
    }


def test_the_coverage_check_notices_a_left_out_constraint():
    reference = {
        "motion": {
            "type": "object",
            "properties": {
                "date": {"type": ["string", "null"], "format": "date-time"},
                "organization": {"$ref": "http://www.popoloproject.com/schemas/organization.json#"},
            },
        },
        "count": {"type": "object", "properties": {"value": {"type": "integer", "required": True}}},
        "organization": {"type": "object", "properties": {}},
    }
    assert missing_constraints(reference, schema()) == []
    weaker = copy.deepcopy(schema())
    weaker["$defs"]["motion"]["properties"]["date"] = {"type": ["string", "null"]}
    weaker["$defs"]["motion"]["properties"]["organization"] = {"type": "object"}
    weaker["$defs"]["count"]["required"] = []
    weaker["$defs"]["count"]["properties"]["value"] = {"type": ["integer", "string"]}
    assert missing_constraints(reference, weaker) == [
        "count.value: must be required",
        "count.value: type ['integer', 'string'] is wider than ['integer']",
        "motion.date: needs format date-time",
        "motion.organization: needs $ref organization",
    ]


# With the downloaded Popolo schemas (skipped otherwise) -------------------------------------


def test_export_passes_the_specifications_own_schemas(export):
    assert official_errors(export) == []


def test_our_schema_leaves_out_no_constraint_of_the_specification():
    names = [
        *SECTIONS.values(),
        *("count", "vote", "group_result", "identifier", "link", "other_name"),
        *("contact_detail", "area", "speech"),
    ]
    official = {name: official_class(name) for name in names}
    assert missing_constraints(official, schema()) == []


@pytest.mark.parametrize(
    ("name", "path", "value"),
    [
        ("motion", ("motions", 0, "date"), "2025-01-01"),
        ("vote_event", ("vote_events", 0, "start_date"), "2025-01-01"),
        ("event", ("events", 0, "start_date"), "2025-01-01T10:00:00"),
    ],
)
def test_the_specifications_schemas_catch_a_day_for_a_moment(export, name, path, value):
    item = _broken(export, path, value)[path[0]][path[1]]
    assert not official_validator(name).is_valid(item)
