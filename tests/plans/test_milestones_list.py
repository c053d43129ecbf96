"""The milestones list (issue 14): a journalist filters milestones across hromadas by oblast,
plan, status and overdue, follows the overview's overdue counts to them, and downloads exactly
the rows the list shows."""

import csv
import io
import re
from html import unescape

import pytest

from openhromada.plans.models import Milestone
from openhromada.plans.services import milestones_mark_overdue
from tests.plans.fixtures import D, make_commitment, make_milestone, move

pytestmark = pytest.mark.django_db
OBLAST = "khmelnytskyi-oblast"


@pytest.fixture
def overdue_plan(official, plan):
    """A plan being carried out: 3 milestones past due (2 on the first commitment), 2 not."""
    first = make_commitment(official, plan, title="Реєстр <відкритих> даних")
    second = make_commitment(official, plan, title="Бюджет участі")
    make_milestone(official, first, expected_output="Портал", due_date=D(2025, 3, 1))
    make_milestone(official, first, expected_output="Навчання", due_date=D(2025, 4, 1))
    make_milestone(official, second, expected_output="Положення", due_date=D(2025, 4, 10))
    make_milestone(official, second, expected_output="Звіт", due_date=D(2025, 5, 1))
    make_milestone(official, second, expected_output="Опитування", due_date=D(2025, 6, 1))
    move(plan, official, "co_creation", "submitted", "implementation")
    milestones_mark_overdue(today=D(2025, 4, 15))
    plan.refresh_from_db()
    return plan


def _download_link(body: str) -> str:
    match = re.search(r'<a href="([^"]+)" download>(Завантажити[^<]*)</a>', body)
    assert match, "no download link"
    return unescape(match.group(1))


def _csv_ids(client, url: str) -> list[int]:
    response = client.get(url)
    assert response.status_code == 200, response.content
    body = b"".join(response.streaming_content).decode()
    return sorted(int(r["id"]) for r in csv.DictReader(io.StringIO(body)))


def _listed_ids(response) -> list[int]:
    return sorted(r["id"] for r in response.context["page"].object_list)


@pytest.mark.parametrize(
    "params",
    [
        {"oblast": OBLAST, "overdue": "true"},
        {"oblast": OBLAST, "status": "not_started", "overdue": "false"},
        {"hromada": "khmelnytska"},
        {},
    ],
)
def test_the_download_holds_exactly_the_rows_the_list_shows(client, overdue_plan, params):
    response = client.get("/plans/milestones/", params)
    assert response.status_code == 200
    listed = _listed_ids(response)
    assert listed == _csv_ids(client, _download_link(response.content.decode()))
    expected = Milestone.objects.filter(commitment__plan=overdue_plan)
    if params.get("overdue") == "true":
        expected = expected.filter(is_overdue=True)
    if params.get("overdue") == "false":
        expected = expected.filter(is_overdue=False, status="not_started")
    assert listed == sorted(expected.values_list("pk", flat=True))


def test_overview_overdue_count_leads_to_the_plans_overdue_milestones(client, overdue_plan):
    body = client.get("/plans/", {"oblast": OBLAST}).content.decode()
    link = f"/plans/milestones/?plan={overdue_plan.pk}&amp;overdue=true"
    label = 'aria-label="Прострочені етапи цього плану: 3"'
    assert f'<a href="{link}" {label}>3</a>' in body
    assert 'href="/plans/milestones/?oblast=khmelnytskyi-oblast&amp;overdue=true"' in body
    assert "Завантажити ці 2 рядки" not in body and "Завантажити 1 рядок (CSV)" in body
    page = client.get(unescape(link))
    assert len(page.context["page"].object_list) == 3
    text = page.content.decode()
    assert "3 етапи" in text and "Завантажити ці 3 рядки (CSV)" in text
    assert "Реєстр &lt;відкритих&gt; даних" in text and "Хмельницька" in text
    csv_ids = _csv_ids(client, _download_link(text))
    assert csv_ids == _listed_ids(page)


def test_overview_download_is_the_plans_dataset_with_the_same_filters(client, overdue_plan):
    body = client.get("/plans/", {"oblast": OBLAST, "status": "implementation"}).content.decode()
    url = _download_link(body)
    assert url.startswith("/data/plans.csv?") and "status=implementation" in url
    assert _csv_ids(client, url) == [overdue_plan.pk]
    empty = client.get("/plans/", {"status": "completed"}).content.decode()
    assert "Завантажити" not in empty  # no rows, no download


def test_bad_filters_are_named_and_ignored(client, overdue_plan):
    response = client.get(
        "/plans/milestones/",
        {
            "oblast": "nowhere",
            "plan": "99999",
            "status": "lost",
            "overdue": "maybe",
            "hromada": "x",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    for value in ("nowhere", "99999", "lost", "maybe", "«x»"):
        assert value in body
    assert response.context["page"].paginator.count == 5


def test_a_draft_plan_is_neither_listed_nor_filterable(client, plan, official):
    commitment = make_commitment(official, plan)
    make_milestone(official, commitment, expected_output="Чернетковий етап")
    response = client.get("/plans/milestones/", {"plan": plan.pk})
    assert response.context["page"].paginator.count == 0
    assert "Чернетковий етап" not in response.content.decode()
    assert str(plan.pk) in response.content.decode()  # named as unknown, not as a draft


def test_english_page_links_and_names(client, overdue_plan):
    body = client.get("/en/plans/milestones/", {"overdue": "true"}).content.decode()
    assert "Download these 3 rows (CSV)" in body and "Khmelnytska" in body
    assert 'href="/en/hromady/khmelnytska/plans/2025-2026/commitments/1/#m1"' in body


def test_milestones_list_has_constant_queries(
    client, official, plan, django_assert_max_num_queries
):
    for c in range(6):
        commitment = make_commitment(official, plan, title=f"Зобов’язання {c}")
        for m in range(10):
            make_milestone(official, commitment, expected_output=f"Етап {m}")
    move(plan, official, "co_creation")
    # withholdings, oblasts, the plan, count, page (+ session-free anonymous reader)
    with django_assert_max_num_queries(6):
        response = client.get(
            "/plans/milestones/", {"oblast": OBLAST, "plan": plan.pk, "overdue": "false"}
        )
    assert len(response.context["page"].object_list) == 50
    assert "Завантажити ці 60 рядків (CSV)" in response.content.decode()
