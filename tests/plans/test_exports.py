"""Plan exports: the same content as CSV, XLSX, JSON, print view and PDF; drafts never leak."""

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from openhromada.plans import columns
from tests.plans.fixtures import move

pytestmark = pytest.mark.django_db
BASE = "/hromady/khmelnytska/plans/2025-2026/"


@pytest.fixture
def public_plan(plan, official, commitment, milestone):
    return move(plan, official, "co_creation")


def test_csv_export(client, public_plan):
    response = client.get(BASE + "export.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="khmelnytska-2025-2026.csv"' in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # so Excel reads it as UTF-8 (the importer skips it)
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[0]["commitment_title"] == "Відкриті дані"
    assert rows[0]["expected_output"] == "Портал"
    assert rows[0]["ogp_values"] == "access_to_information"
    assert list(rows[0]) == columns.NAMES


def test_xlsx_export(client, public_plan):
    response = client.get(BASE + "export.xlsx")
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    sheet_rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert list(sheet_rows[0]) == columns.NAMES
    assert sheet_rows[1][1] == "Відкриті дані"
    about = {r[0]: r[1] for r in workbook["about"].iter_rows(values_only=True)}
    assert about["licence"] == "CC BY 4.0"


def test_json_export(client, public_plan):
    data = json.loads(client.get(BASE + "export.json").content)
    assert data["licence"] == "CC BY 4.0" and data["generated"]
    commitment = data["plan"]["commitments"][0]
    assert commitment["ogp_values"] == ["access_to_information"]
    assert commitment["milestones"][0]["expected_output"] == "Портал"
    assert "email" not in json.dumps(data)


def test_print_view_and_pdf(client, public_plan):
    body = client.get(BASE + "print/").content.decode()
    assert "Зобов’язання 1: Відкриті дані" in body and "CC BY 4.0" in body
    pdf = client.get(BASE + "export.pdf").content
    assert pdf.startswith(b"%PDF") and len(pdf) > 2000


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json", "pdf"])
def test_drafts_are_not_exported(client, plan, fmt):
    assert client.get(BASE + f"export.{fmt}").status_code == 404


def test_unknown_format_is_404(client, public_plan):
    assert client.get(BASE + "export.exe").status_code == 404
