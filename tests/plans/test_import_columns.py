"""The import page and the template's column sheet describe each column that holds a field of a
commitment or a milestone with the field's own help text (with its codes, and how to write a
date, an amount or a list in a cell)."""

import io

import pytest
from django.utils import translation
from openpyxl import load_workbook

from openhromada.plans import columns
from openhromada.plans.models import Commitment, Milestone

pytestmark = pytest.mark.django_db
URL = "/en/hromady/khmelnytska/plans/2025-2026/import/"

# import column → the field it fills
FIELDS = {
    "commitment_number": (Commitment, "number"),
    "commitment_title": (Commitment, "title"),
    "problem": (Commitment, "problem"),
    "baseline": (Commitment, "baseline"),
    "objective": (Commitment, "objective"),
    "how_it_solves": (Commitment, "how_it_solves"),
    "lead_body": (Commitment, "lead_body"),
    "commitment_start": (Commitment, "start_date"),
    "commitment_end": (Commitment, "end_date"),
    "budget_amount": (Commitment, "budget_amount"),
    "budget_currency": (Commitment, "budget_currency"),
    "budget_source": (Commitment, "budget_source"),
    "sdgs": (Commitment, "sdgs"),
    "tags": (Commitment, "tags"),
    "milestone_number": (Milestone, "number"),
    "expected_output": (Milestone, "expected_output"),
    "milestone_start": (Milestone, "start_date"),
    "milestone_due": (Milestone, "due_date"),
    "responsible_body": (Milestone, "responsible_body"),
    "weight": (Milestone, "weight"),
    "status": (Milestone, "status"),
    "percent": (Milestone, "percent"),
}


def _help(model, name) -> str:
    return str(model._meta.get_field(name).help_text)


def test_every_field_column_is_described_by_its_field():
    with translation.override("en"):
        helps = {name: str(text) for name, text in columns.COLUMNS}
        for column, (model, name) in FIELDS.items():
            assert helps[column].startswith(_help(model, name)), column
        assert "UAH (hryvnia (UAH))" not in helps["budget_currency"]  # a code said once
        assert "EUR" in helps["budget_currency"] and "25.05.2026" in helps["milestone_due"]


def test_import_page_and_template_show_the_fields_help(client, plan, official):
    client.force_login(official)
    page = client.get(URL).content.decode().replace("&#x27;", "'")
    with translation.override("en"):
        assert _help(Commitment, "lead_body") in page
        assert _help(Milestone, "weight") in page
    template = client.get("/en/plans/import-template.xlsx").content
    sheet = load_workbook(io.BytesIO(template))["columns"]
    docs = {name: (text, required) for name, text, required in sheet.iter_rows(values_only=True)}
    assert docs["Column"] == ("What it holds", "Required")
    with translation.override("en"):
        assert docs["expected_output"][0].startswith(_help(Milestone, "expected_output"))
    assert docs["expected_output"][1] == "yes" and docs["baseline"][1] is None  # was “(optional)”
