"""Every CSV the platform serves ends its lines with CRLF, as RFC 4180 says: the plan export,
the import template and a consultation's survey results (the open-data files: test_bulk.py).
The three are made for officials to open in a spreadsheet, so they start with a UTF-8
byte-order mark (without it Excel shows Ukrainian text as mojibake) and import back as they are."""

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
    assert body.startswith('\ufeff"question_number",'.encode())
    assert body.endswith(b"\r\n") and not BARE_LF.search(body)


def test_spreadsheet_csvs_open_as_utf8_in_excel_and_import_back(client, plan, official):
    from openhromada.core.tables import csv_rows

    make_commitment(official, plan, title="Відкриті дані ґ є ї")
    move(plan, official, "co_creation")
    for url in ("/hromady/khmelnytska/plans/2025-2026/export.csv", "/plans/import-template.csv"):
        body = client.get(url).content
        assert body.startswith(b"\xef\xbb\xbf"), url  # the UTF-8 byte-order mark
        rows = csv_rows(body)
        assert rows and "commitment_title" in rows[0].cells, url  # the header read as a header


def test_a_semicolon_inside_a_cell_cannot_start_a_formula_where_excel_splits_on_it():
    import csv
    import io

    from openhromada.core.text import spreadsheet_csv

    body = spreadsheet_csv([["title"], ["Ремонт;=1+1;"]])
    as_excel_reads_it = csv.reader(io.StringIO(body.removeprefix("\ufeff")), delimiter=";")
    cells = [cell for row in as_excel_reads_it for cell in row]
    assert cells == ["title", "Ремонт;=1+1;"]  # quoted: the semicolons stay inside the cell
