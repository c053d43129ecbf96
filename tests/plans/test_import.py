"""Importing commitments and milestones: all or nothing, with every problem reported."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from openhromada.core.history import verify_chain
from openhromada.core.tables import Row
from openhromada.plans import columns, importer, services
from openhromada.plans.models import Commitment, Milestone
from tests.plans.fixtures import D, move
from tests.plans.import_files import csv_file, row

pytestmark = pytest.mark.django_db
URL = "/hromady/khmelnytska/plans/2025-2026/import/"


def test_valid_csv_is_imported_with_history(client, plan, official):
    client.force_login(official)
    rows = [
        row(),
        row(
            milestone_number="2",
            expected_output="Портал",
            milestone_start="2025-04-01",
            milestone_due="2025-09-30",
        ),
        row(
            commitment_number="2",
            commitment_title="ЦНАП",
            ogp_values="",
            sdgs="",
            supporting_actors="",
        ),
    ]
    response = client.post(URL, {"file": csv_file(rows)})
    assert response.status_code == 302
    commitment = Commitment.objects.get(plan=plan, number=1)
    assert commitment.values == ["access_to_information", "civic_participation"]
    assert commitment.sdgs == [16] and commitment.supporting_actors.get().sector == "civil_society"
    assert Milestone.objects.filter(commitment__plan=plan).count() == 3
    assert verify_chain().ok
    follow = client.get(response.url).content.decode()
    assert "Імпортовано зобов’язань: 2, етапів: 3." in follow


def test_every_problem_is_reported_and_nothing_is_saved(client, plan, official):
    client.force_login(official)
    rows = [
        row(),
        row(milestone_number="2", milestone_due="2024-01-01"),  # due before start
        row(commitment_number="2", commitment_title="", commitment_end="2030-01-01"),
        row(
            commitment_number="3",
            commitment_title="X",
            weight="500",
            sdgs="99",
            ogp_values="magic",
            milestone_start="not a date",
            supporting_actors="no sector",
        ),
    ]
    response = client.post(URL, {"file": csv_file(rows)})
    assert response.status_code == 400
    problems = response.context["problems"]
    found = {(p.row, p.column) for p in problems}
    assert {
        (3, "milestone_due"),
        (4, "commitment_title"),
        (4, "commitment_start"),
        (5, "weight"),
        (5, "sdgs"),
        (5, "ogp_values"),
        (5, "milestone_start"),
        (5, "supporting_actors"),
    } <= found
    body = response.content.decode()
    assert "нічого не імпортовано" in body
    assert not Commitment.objects.filter(plan=plan).exists()


def test_missing_columns_and_bad_files(client, plan, official):
    client.force_login(official)
    bad = SimpleUploadedFile("plan.csv", b"title,whatever\nx,y\n", content_type="text/csv")
    response = client.post(URL, {"file": bad})
    assert {p.column for p in response.context["problems"]} >= {"commitment_number", "problem"}
    exe = SimpleUploadedFile("plan.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(URL, {"file": exe})
    assert (
        response.status_code == 400
        and "Завантажте файл .csv або .xlsx." in response.content.decode()
    )
    utf16 = SimpleUploadedFile("plan.csv", "назва".encode("utf-16"), content_type="text/csv")
    form = client.post(URL, {"file": utf16}).context["form"]
    assert "Windows-1251" in form.non_field_errors()[0]
    broken = SimpleUploadedFile("plan.xlsx", b"not a zip", content_type="application/zip")
    assert client.post(URL, {"file": broken}).status_code == 400
    assert not Commitment.objects.exists()


def test_existing_numbers_conflict(plan, official, commitment):
    _parsed, problems = importer.parse(plan, [Row(2, row())])
    assert problems.count == 1 and problems.listed()[0].column == "commitment_number"


def test_export_then_import_round_trip_through_xlsx(
    client, plan, official, commitment, milestone, hromada
):
    move(plan, official, "co_creation")
    exported = client.get("/hromady/khmelnytska/plans/2025-2026/export.xlsx").content
    other = services.plan_create(
        actor=official,
        hromada=hromada,
        title="Наступний",
        start_date=D(2025, 1, 1),
        end_date=D(2026, 12, 31),
        slug="copy",
    )
    upload = SimpleUploadedFile("plan.xlsx", exported)
    result = importer.plan_import(actor=official, plan=other, rows=importer.read_rows(upload))
    assert result.problems == []
    copy = Commitment.objects.get(plan=other)
    assert (copy.title, copy.values, copy.milestones.get().expected_output) == (
        "Відкриті дані",
        ["access_to_information"],
        "Портал",
    )


def test_xlsx_with_real_dates(plan, official):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(columns.NAMES)
    values = row()
    values.update(
        {
            "commitment_start": D(2025, 1, 1),
            "commitment_end": D(2025, 12, 31),
            "milestone_start": D(2025, 1, 1),
            "milestone_due": D(2025, 3, 31),
            "commitment_number": 1,
            "milestone_number": 1,
            "weight": 3,
        }
    )
    sheet.append([values[n] for n in columns.NAMES])
    buffer = io.BytesIO()
    workbook.save(buffer)
    rows = importer.read_rows(SimpleUploadedFile("p.xlsx", buffer.getvalue()))
    result = importer.plan_import(actor=official, plan=plan, rows=rows)
    assert result.problems == [] and result.milestones == 1


def test_only_officials_of_a_drafting_plan_import(client, plan, official, commitment):
    from tests.factories import UserFactory

    client.force_login(UserFactory())  # a draft answers 404 to those who may not see it
    assert client.post(URL, {"file": csv_file([row(commitment_number="5")])}).status_code == 404
    move(plan, official, "co_creation", "submitted")
    client.force_login(official)  # theirs, but no longer drafted: refused, and told why
    response = client.post(URL, {"file": csv_file([row(commitment_number="5")])})
    assert response.status_code == 400 and "через внесення змін" in response.content.decode()
    assert Commitment.objects.filter(plan=plan).count() == 1


def test_templates_download(client):
    text = client.get("/plans/import-template.csv").content.decode("utf-8-sig")
    assert next(csv.reader(io.StringIO(text))) == columns.NAMES
    assert client.get("/plans/import-template.xlsx").status_code == 200
    assert client.get("/plans/import-template.pdf").status_code == 404
