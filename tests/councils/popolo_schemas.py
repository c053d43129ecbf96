"""Validators for the Popolo export: the platform's own, self-contained schema
(councils/schemas/popolo.json), formats checked (date-time by rfc3339-validator), nothing fetched;
and, when the operator has downloaded them (OPENHROMADA_OFFICIAL_SCHEMAS, README "Open data"),
the Popolo specification's own JSON schemas, every `$ref` resolved to the downloaded files."""

import functools
import json
from pathlib import Path

import jsonschema
from referencing import Registry, Resource

import openhromada.councils as councils_package
from tests.official_schemas import official_file

SCHEMA = Path(councils_package.__file__).with_name("schemas") / "popolo.json"
# each list of the export and the Popolo class of its items
SECTIONS = {
    "organizations": "organization",
    "persons": "person",
    "posts": "post",
    "memberships": "membership",
    "events": "event",
    "motions": "motion",
    "vote_events": "vote_event",
}
SPEC_HOSTS = ("http://www.popoloproject.com", "http://popoloproject.com")


@functools.cache
def schema() -> dict:
    return json.loads(SCHEMA.read_text())


def _checker(schema: dict, registry: Registry):
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, registry=registry, format_checker=cls.FORMAT_CHECKER)


def validator():
    """A validator of the whole export against the platform's schema."""
    return _checker(schema(), Registry())


def class_validator(name: str):
    """A validator of one item against the platform's statement of a Popolo class (e.g.
    "motion"), without the platform's own rules on top."""
    ours = schema()
    registry = Registry().with_resource(ours["$id"], Resource.from_contents(ours))
    return _checker({"$schema": ours["$schema"], "$ref": f"{ours['$id']}#/$defs/{name}"}, registry)


def official_class(name: str) -> dict:
    """The specification's schema of one class, as downloaded."""
    return json.loads(official_file(f"popolo/{name}.json").read_text())


@functools.cache
def _official_registry(folder: Path) -> Registry:
    resources = []
    for path in sorted(folder.glob("*.json")):
        resource = Resource.from_contents(json.loads(path.read_text()))  # draft 03, by $schema
        for host in SPEC_HOSTS:  # the spec's files name each other by both addresses
            resources.append((f"{host}/schemas/{path.name}", resource))
    return Registry().with_resources(resources)


def official_validator(name: str):
    """A validator of one item against the specification's own schema of its class."""
    return _checker(official_class(name), _official_registry(official_file("popolo")))


def official_errors(data: dict) -> list[str]:
    """Every error of the export against the specification's own schemas, item by item."""
    errors = []
    for section, name in SECTIONS.items():
        checker = official_validator(name)
        for index, item in enumerate(data[section]):
            errors += [f"{section}[{index}]: {e.message}" for e in checker.iter_errors(item)]
    return errors
