"""Every CSV the platform serves ends its lines with CRLF, as RFC 4180 says: the plan export,
the import template and a consultation's survey results (the open-data files: test_bulk.py)."""

import re

import pytest

from tests.plans.fixtures import make_commitment, move

pytestmark = pytest.mark.django_db
BARE_LF = re.compile(rb"(?<!\r)\n")


def _crlf(body: bytes, rows: int) -> None:
    assert body.endswith(b"\r\n") and body.count(b"\r\n") == rows
    assert not BARE_LF.search(body)


def test_plan_export_and_import_template(client, plan, official):
    make_commitment(official, plan)
    move(plan, official, "co_creation")
    _crlf(client.get("/hromady/khmelnytska/plans/2025-2026/export.csv").content, 1 + 1)
    _crlf(client.get("/plans/import-template.csv").content, 2)


def test_survey_results(client, consultation):
    body = client.get(f"/consultations/{consultation.pk}/survey.csv").content
    assert body.startswith(b"question_number,")
    assert body.endswith(b"\r\n") and not BARE_LF.search(body)
