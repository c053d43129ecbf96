"""Importing files as Ukrainian offices write them: Excel's CSV in Windows-1251 with `;` and CRLF,
dates as 25.05.2026, amounts as 1 500 000,50 — and the import page saying what it accepts."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from openhromada.plans import columns
from openhromada.plans.models import Commitment
from tests.plans.fixtures import D
from tests.plans.import_files import csv_file, row

pytestmark = pytest.mark.django_db
URL = "/hromady/khmelnytska/plans/2025-2026/import/"
NBSP, NARROW_NBSP = "\u00a0", "\u202f"


@pytest.fixture
def signed_in(client, plan, official):
    client.force_login(official)
    return client


def office_row(**overrides) -> dict:
    """A row as Ukrainian Excel shows it: dd.mm.yyyy dates, an amount with a decimal comma."""
    values = {
        "commitment_title": "Відкритий бюджет «Громада»",
        "problem": "Мешканці не знають, куди йдуть кошти.\nЗвіти — лише на папері.",
        "lead_body": "Фінансове управління",
        "commitment_start": "01.02.2025",
        "commitment_end": "31.12.2025",
        "budget_amount": f"1{NBSP}500{NBSP}000,50",
        "milestone_start": "01.02.2025",
        "milestone_due": "25.05.2025",
    }
    return row(**{**values, **overrides})


def excel_csv(rows) -> bytes:
    """What Excel in Ukrainian saves as “CSV (розділювач — кома)”: `;`, CRLF, Windows-1251."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=columns.NAMES, delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("cp1251")


def test_a_csv_saved_by_ukrainian_excel_is_imported(signed_in, plan):
    data = excel_csv([office_row(lead_body="Управління освіти ’Знання’")])
    assert b"\r\n" in data and b";" in data and "«".encode("cp1251") in data
    response = signed_in.post(URL, {"file": SimpleUploadedFile("план.csv", data)})
    assert response.status_code == 302
    commitment = Commitment.objects.get(plan=plan)
    assert commitment.title == "Відкритий бюджет «Громада»"
    assert commitment.lead_body == "Управління освіти ’Знання’"
    assert commitment.problem == "Мешканці не знають, куди йдуть кошти.\nЗвіти — лише на папері."
    assert commitment.budget_amount == Decimal("1500000.50")
    assert (commitment.start_date, commitment.end_date) == (D(2025, 2, 1), D(2025, 12, 31))
    assert commitment.milestones.get().due_date == D(2025, 5, 25)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
@pytest.mark.parametrize("space", [" ", NBSP, NARROW_NBSP])
def test_utf8_with_or_without_bom_reads_ukrainian_dates_and_amounts(
    signed_in, plan, encoding, space
):
    values = office_row(
        commitment_title="Зобовʼязання «Прозорість»", budget_amount=f"2{space}000{space}000,5"
    )
    upload = csv_file([values], delimiter=";", encoding=encoding)
    assert signed_in.post(URL, {"file": upload}).status_code == 302
    commitment = Commitment.objects.get(plan=plan)
    assert commitment.title == "Зобовʼязання «Прозорість»"
    assert commitment.budget_amount == Decimal("2000000.50")
    assert commitment.start_date == D(2025, 2, 1)


def test_iso_dates_and_decimal_points_still_work(signed_in, plan):
    upload = csv_file([row(budget_amount="1500000.50")])
    assert signed_in.post(URL, {"file": upload}).status_code == 302
    assert Commitment.objects.get(plan=plan).budget_amount == Decimal("1500000.50")


def test_xlsx_text_cells_in_ukrainian_formats(signed_in, plan):
    workbook = Workbook()
    workbook.active.append(columns.NAMES)
    values = office_row()
    workbook.active.append([values[name] for name in columns.NAMES])
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("план.xlsx", buffer.getvalue())
    assert signed_in.post(URL, {"file": upload}).status_code == 302
    commitment = Commitment.objects.get(plan=plan)
    assert commitment.budget_amount == Decimal("1500000.50")
    assert commitment.milestones.get().due_date == D(2025, 5, 25)


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("milestone_due", "31.02.2025"),
        ("milestone_due", "2025/05/25"),
        ("milestone_due", "25.05.25"),
        ("budget_amount", "1,500,000.50"),
        ("budget_amount", "1 50 000"),
        ("budget_amount", "1.500.000"),
    ],
)
def test_a_bad_date_or_amount_says_how_to_write_it(signed_in, plan, column, value):
    upload = csv_file([office_row(**{column: value})])
    response = signed_in.post("/en" + URL, {"file": upload})
    assert response.status_code == 400
    message = {(p.row, p.column): p.message for p in response.context["problems"]}[(2, column)]
    assert ("25.05.2026" if column == "milestone_due" else "1 500 000,50") in message


def test_a_csv_in_neither_encoding_is_refused_with_both_named(signed_in, plan):
    data = excel_csv([office_row()]) + b"\x98\xff\xfe"  # 0x98 is no character in Windows-1251
    response = signed_in.post(URL, {"file": SimpleUploadedFile("plan.csv", data)})
    assert response.status_code == 400
    body = response.content.decode()
    assert "UTF-8" in body and "Windows-1251" in body
    assert not Commitment.objects.exists()


def test_the_import_page_says_what_it_accepts(signed_in):
    body = signed_in.get("/en" + URL).content.decode()
    for accepted in ("Windows-1251", "UTF-8", "25.05.2026", "1 500 000,50", "20,000", "5 MB"):
        assert accepted in body, accepted
