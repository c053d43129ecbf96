"""The OpenAPI document lists every error each operation can answer, as RFC 7807 problem details:
a client generated from it knows about 429 (every operation is rate-limited), 401/403 (every
write needs a token) and 400/404 (parameters and records)."""

import json

import pytest

from openhromada.portal.openapi import generate

WRITES = {"post", "put", "patch", "delete"}
DOCUMENT = json.loads(generate())
OPERATIONS = [
    pytest.param(method, operation, id=operation["operationId"])
    for item in DOCUMENT["paths"].values()
    for method, operation in item.items()
]


def _problem(operation, status: str) -> bool:
    response = operation["responses"].get(status)
    return bool(response) and list(response.get("content", {})) == ["application/problem+json"]


@pytest.mark.parametrize(("method", "operation"), OPERATIONS)
def test_every_operation_documents_the_rate_limit(method, operation):
    assert _problem(operation, "429")


@pytest.mark.parametrize(("method", "operation"), OPERATIONS)
def test_every_write_documents_authentication_and_permission(method, operation):
    if method in WRITES:
        assert operation.get("security")
        assert _problem(operation, "401") and _problem(operation, "403")
    else:
        assert "401" not in operation["responses"]


@pytest.mark.parametrize(("method", "operation"), OPERATIONS)
def test_bad_parameters_and_missing_records_are_documented(method, operation):
    assert _problem(operation, "400")
    if any(p["in"] == "path" for p in operation.get("parameters", [])):
        assert _problem(operation, "404")


def test_the_walk_covers_reads_and_writes():
    methods = {method for method, _operation in (p.values for p in OPERATIONS)}
    assert {"get", "post", "put", "delete"} <= methods
    ids = {p.values[1]["operationId"] for p in OPERATIONS}
    assert "report_milestone_progress" in ids and "list_history" in ids
