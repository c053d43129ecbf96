"""Importing hostile or broken files: a clear message naming the row and cell and a 400, never
a 500, and work bounded before the file is parsed."""

import time

import pytest

from openhromada.plans import columns, importer
from openhromada.plans.models import Commitment
from tests.plans.import_files import (
    NS,
    Raw,
    csv_file,
    csv_text,
    far_cells,
    package,
    row,
    shared_strings,
    sheet,
    xlsx_file,
    zeros,
)

pytestmark = pytest.mark.django_db
URL = "/en/hromady/khmelnytska/plans/2025-2026/import/"  # new messages are matched in English


@pytest.fixture
def signed_in(client, plan, official):
    client.force_login(official)
    return client


def problems_of(response) -> dict:
    assert response.status_code == 400
    return {(p.row, p.column): p.message for p in response.context["problems"]}


def errors_of(response) -> str:
    """The form's messages about the file as a whole, with numbers' non-breaking spaces plain."""
    assert response.status_code == 400
    form = response.context["form"]
    return " ".join([*form.non_field_errors(), *form["file"].errors]).replace("\xa0", " ")


def test_semicolon_csv_whose_first_4096_characters_end_inside_a_long_cell_is_imported(
    signed_in, plan
):
    long_problem = "Опис проблеми, з комами, крапками; і крапками з комою. " * 200
    text = csv_text([row(problem=long_problem)], delimiter=";")
    assert len(text) > 4096 and text.index(long_problem) < 4096 < text.index(long_problem) + len(
        long_problem
    )
    response = signed_in.post(URL, {"file": csv_file([row(problem=long_problem)], delimiter=";")})
    assert response.status_code == 302
    assert Commitment.objects.get(plan=plan).problem == long_problem.strip()


def test_one_column_csv_lists_the_missing_columns(signed_in, plan):
    response = signed_in.post(URL, {"file": csv_file_of("commitment_title\nПортал\n")})
    found = problems_of(response)
    assert found[(1, "commitment_number")] == "The column is missing."


def csv_file_of(text: str, encoding="utf-8"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("plan.csv", text.encode(encoding), content_type="text/csv")


@pytest.mark.parametrize(
    "budget", ["inf", "-inf", "NaN", "sNaN", "1e999999", "123456789012345678901234567890"]
)
def test_a_budget_that_is_not_a_finite_amount_is_a_cell_problem(signed_in, plan, budget):
    response = signed_in.post(URL, {"file": csv_file([row(budget_amount=budget)])})
    assert (2, "budget_amount") in problems_of(response)
    assert not Commitment.objects.exists()


def test_a_budget_beyond_the_fields_digits_names_the_limit(signed_in, plan):
    found = problems_of(signed_in.post(URL, {"file": csv_file([row(budget_amount="1" * 15)])}))
    assert "14" in found[(2, "budget_amount")]
    found = problems_of(signed_in.post(URL, {"file": csv_file([row(budget_amount="1,555")])}))
    assert "2" in found[(2, "budget_amount")]


@pytest.mark.parametrize("value", ["inf", "1e999999", "NaN", "²", "3.5"])
def test_a_whole_number_cell_with_an_odd_number_is_a_cell_problem(signed_in, plan, value):
    found = problems_of(signed_in.post(URL, {"file": csv_file([row(weight=value, sdgs=value)])}))
    assert (2, "weight") in found and (2, "sdgs") in found


def test_a_cell_over_the_csv_field_limit_names_its_row(signed_in, plan):
    rows = [row(), row(milestone_number="2", expected_output="x" * 140_000)]
    response = signed_in.post(URL, {"file": csv_file(rows)})
    message = errors_of(response)
    assert "Row 3 " in message and "131,072" in message
    assert not Commitment.objects.exists()


def test_an_unclosed_quote_names_its_row(signed_in, plan):
    text = csv_text([row(), row(milestone_number="2")]).replace(",Перелік,", ',"Перелік,', 1)
    text += "\r\n" * 3 + ("x," * 30 + "\r\n") * 6000  # the quote swallows the rest of the file
    message = errors_of(signed_in.post(URL, {"file": csv_file_of(text)}))
    assert "Row 2 " in message and "quotation mark" in message


def test_only_the_first_hundred_problems_are_listed_with_a_count_of_the_rest(signed_in, plan):
    rows = [row(commitment_number=str(n), commitment_title="") for n in range(1, 151)]
    response = signed_in.post(URL, {"file": csv_file(rows)})
    problems = response.context["problems"]
    assert response.status_code == 400 and len(problems) == 100
    assert [p.row for p in problems] == sorted(p.row for p in problems)
    assert problems[0].row == 2 and problems[-1].row == 101
    body = response.content.decode()
    assert "150 problems found" in body and "50 more are not shown" in body


def test_an_xlsx_with_a_million_shared_strings_is_refused_before_it_is_parsed(signed_in, plan):
    data = package(sheet([columns.NAMES]), shared_strings(1_200_000))
    assert len(data) < 1_000_000
    started = time.perf_counter()
    message = errors_of(signed_in.post(URL, {"file": xlsx_file(data)}))
    assert time.perf_counter() - started < 5
    assert "more than 200,000 different texts" in message


def test_an_xlsx_of_millions_of_elements_is_refused_before_it_is_parsed(signed_in, plan):
    rows = b"<row><c/></row>" * 1_100_000
    data = package([b'<worksheet xmlns="%b"><sheetData>' % NS.encode(), rows, b"</sheetData>"])
    assert len(data) < 1_000_000
    message = errors_of(signed_in.post(URL, {"file": xlsx_file(data)}))
    assert "more than 2,000,000 elements" in message


def test_a_row_of_a_million_cells_is_refused_before_it_is_parsed(signed_in, plan):
    cells = b'<c r="B2"><v>1</v></c>' * 1_000_000
    data = package(
        [
            b'<worksheet xmlns="%b"><sheetData><row r="2">' % NS.encode(),
            cells,
            b"</row></sheetData></worksheet>",
        ]
    )
    message = errors_of(signed_in.post(URL, {"file": xlsx_file(data)}))
    assert "Row 2 of the XLSX file holds more than 1,000 cells" in message


def test_an_xlsx_that_unpacks_huge_is_refused_before_it_is_unpacked(signed_in, plan):
    data = package(sheet([columns.NAMES]), xl__media__blank_bin=zeros(150 * 2**20))
    assert len(data) < 1_000_000
    started = time.perf_counter()
    message = errors_of(signed_in.post(URL, {"file": xlsx_file(data)}))
    assert time.perf_counter() - started < 1
    assert "100 MB once unpacked" in message


def test_cells_far_to_the_right_are_ignored_like_any_unknown_column(signed_in, plan):
    data = package(far_cells(columns.NAMES, 3_000))
    started = time.perf_counter()
    response = signed_in.post(URL, {"file": xlsx_file(data)})
    assert time.perf_counter() - started < 5
    assert problems_of(response) == {(1, ""): "The file has no rows."}


def test_a_sheet_whose_dimension_runs_past_the_row_limit_is_refused(signed_in, plan):
    data = package(sheet([columns.NAMES], dimension="A1:X1048576"))
    message = errors_of(signed_in.post(URL, {"file": xlsx_file(data)}))
    assert "row 1,048,576" in message and "at most 20,000 rows" in message


def test_a_sheet_with_more_rows_than_the_limit_is_refused(signed_in, plan, monkeypatch):
    monkeypatch.setattr(importer.tables, "MAX_ROWS", 5)
    values = row()
    data = package(sheet([columns.NAMES] + [[values[n] for n in columns.NAMES]] * 6))
    message = errors_of(signed_in.post(URL, {"file": xlsx_file(data)}))
    assert "down to row 7; a file can hold at most 5 rows" in message
    message = errors_of(signed_in.post(URL, {"file": csv_file([row()] * 6)}))
    assert "more than 5 rows" in message


@pytest.mark.parametrize("number", ["inf", "NaN", "1e999"])
def test_an_xlsx_number_that_is_not_finite_is_a_message_not_a_crash(signed_in, plan, number):
    values = row(budget_amount=Raw(number), weight=Raw(number))
    data = package(sheet([columns.NAMES, [values[n] for n in columns.NAMES]]))
    response = signed_in.post(URL, {"file": xlsx_file(data)})
    assert response.status_code == 400
    if response.context["problems"]:
        assert (2, "budget_amount") in problems_of(response)
    else:
        assert "from row 2 on" in errors_of(response)
    assert not Commitment.objects.exists()


def test_a_supporting_actor_name_over_its_field_is_a_cell_problem(signed_in, plan):
    text = csv_text([row(supporting_actors="А" * 400 + " | civil_society")])
    problems = problems_of(signed_in.post(URL, {"file": csv_file_of(text)}))
    assert "300 characters" in problems[(2, "supporting_actors")]
