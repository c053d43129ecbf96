"""The ZIP's datapackage.json is a valid Frictionless Data Package — checked with the official
`frictionless` library, descriptor and data (types, primary keys, foreign keys) — and says that
the CSV values are exact, not altered against spreadsheet formulas."""

import csv
import io
import json
import zipfile

import frictionless
import pytest

from openhromada.opendata.bulk import datasets, zip_stream
from openhromada.participation.comments.services import comment_post
from tests.councils.fixtures import elect

pytestmark = pytest.mark.django_db


def _archive() -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(zip_stream())))


def _descriptor(archive) -> dict:
    return json.loads(archive.read("datapackage.json"))


def _errors(report) -> list[str]:
    return [f"{e.type}: {e.note}" for task in report.tasks for e in task.errors] + [
        f"{e.type}: {e.note}" for e in report.errors
    ]


def test_descriptor_is_a_valid_data_package(db):
    descriptor = _descriptor(_archive())
    report = frictionless.Package.validate_descriptor(descriptor)  # against its profile
    assert report.valid, _errors(report)
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"


def test_every_resource_declares_its_keys(db):
    resources = {r["name"]: r for r in _descriptor(_archive())["resources"]}
    assert set(resources) == {d.key for d in datasets()}
    for resource in resources.values():
        assert resource["schema"]["primaryKey"] in {f["name"] for f in resource["schema"]["fields"]}
    keys = {
        (name, fk["fields"], fk["reference"]["resource"], fk["reference"]["fields"])
        for name, resource in resources.items()
        for fk in resource["schema"].get("foreignKeys", [])
    }
    assert {
        ("commitments", "plan_id", "plans", "id"),
        ("milestones", "commitment_id", "commitments", "id"),
        ("progress-updates", "milestone_id", "milestones", "id"),
        ("plans", "hromada_code", "hromadas", "code"),
        ("hromadas", "oblast_code", "oblasts", "code"),
        ("council-members", "council_id", "councils", "id"),
        ("council-decisions", "meeting_id", "council-meetings", "id"),
        ("council-votes", "decision_id", "council-decisions", "id"),
        ("council-votes", "membership_id", "council-members", "id"),
        ("proposals", "call_id", "calls", "id"),
        ("participation-comments", "consultation_id", "consultations", "id"),
    } <= keys


def test_csv_descriptions_say_values_are_exact(db):
    archive = _archive()
    for resource in _descriptor(archive)["resources"]:
        assert "not altered" in resource["description"], resource["name"]
    assert "NOT altered" in archive.read("README.txt").decode()


def test_data_dictionary_page_says_csv_values_are_exact(client):
    page = client.get("/en/data/plans/").content.decode()
    assert "Values are exact, as recorded" in page


def test_data_passes_its_own_data_package(
    tmp_path, public_plan, official, council, members, held, consultation, resident
):
    elect(official, held, members)
    section = consultation.sections.first()
    comment_post(actor=resident, section=section, text="=1+2 лишається як є")
    _archive().extractall(tmp_path)
    package = frictionless.Package(str(tmp_path / "datapackage.json"))
    report = package.validate()  # every CSV against its schema, keys and references included
    assert report.valid, _errors(report)[:20]
    comments = (tmp_path / "participation-comments.csv").read_bytes()
    assert b"=1+2" in comments and b"'=1+2" not in comments  # exact, not neutralised
    milestones = tmp_path / "milestones.csv"  # a reference to no commitment is caught
    with milestones.open(newline="") as handle:
        header, first, *rest = list(csv.reader(handle))
    first[header.index("commitment_id")] = "999999"
    with milestones.open("w", newline="") as handle:
        csv.writer(handle).writerows([header, first, *rest])
    report = frictionless.Package(str(tmp_path / "datapackage.json")).validate()
    assert "foreign-key" in {e.type for task in report.tasks for e in task.errors}
