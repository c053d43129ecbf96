"""Imported cells are cleaned as every other input of people's text: invisible characters go,
Word's breaks become line breaks (or spaces in one-line cells), and a line break in a one-line
cell is a problem named by row and column (issue 12, item 6)."""

import pytest

from openhromada.core.history import HistoryEntry
from openhromada.plans.models import Commitment
from tests.factories.hostile import INVISIBLE, NUL
from tests.plans.import_files import csv_file, row

pytestmark = pytest.mark.django_db
URL = "/hromady/khmelnytska/plans/2025-2026/import/"


def test_csv_cells_are_cleaned(client, plan, official):
    client.force_login(official)
    hostile = row(
        commitment_title=f"Портал{NUL}\x0bвідкритих{INVISIBLE} даних",
        problem=f"Рядок\x0bдругий{NUL}\x1b[0m",
        tags=f"дані{INVISIBLE}; бюджет",
        supporting_actors="ГО «Ліхтар»\u202e | civil_society",
    )
    response = client.post(URL, {"file": csv_file([hostile])})
    assert response.status_code == 302, response.context and response.context.get("problems")
    commitment = Commitment.objects.get(plan=plan)
    assert commitment.title == "Портал відкритих даних"
    assert commitment.problem == "Рядок\nдругий[0m"
    assert commitment.tags == ["дані", "бюджет"]
    assert commitment.supporting_actors.get().name == "ГО «Ліхтар»"
    entry = HistoryEntry.objects.filter(object_type="plans.commitment").get()
    assert entry.changes["title"] == [None, "Портал відкритих даних"]


def test_a_line_break_in_a_one_line_cell_is_a_problem(client, plan, official):
    client.force_login(official)
    rows = [row(commitment_title="Портал\nвідкритих даних", responsible_body="Управління\r\nІТ")]
    response = client.post(URL, {"file": csv_file(rows)})
    assert response.status_code == 400
    found = {(p.row, p.column) for p in response.context["problems"]}
    assert found == {(2, "commitment_title"), (2, "responsible_body")}
    assert not Commitment.objects.exists()
