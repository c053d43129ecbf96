"""The national comparison of the current published assessments: its numbers on a small known
dataset, its one definition of "diverge", the CSV of the same table, and a constant query count."""

import csv
import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from openhromada.accounts.models import Role
from openhromada.core.models import Withholding
from openhromada.core.pagecache import bump_public_version
from openhromada.core.withholding import active
from openhromada.monitoring.lifecycle import CITY_COMPLETION_RANK, COMPLETION_RANK, disagrees
from openhromada.monitoring.models import Assessment, Assignment
from openhromada.monitoring.selectors import public
from openhromada.places.models import Hromada, Oblast
from openhromada.plans import services
from openhromada.plans.models import Commitment
from tests.factories import UserFactory, with_role
from tests.monitoring.test_public import make_assessment, make_report
from tests.plans.fixtures import make_commitment, make_milestone, move


def raw_commitment(plan, title):
    """A commitment added directly (the plan is past the stage where officials add them)."""
    number = plan.commitments.count() + 1
    return Commitment.objects.create(
        plan=plan,
        number=number,
        title=title,
        problem="Проблема",
        objective="Мета",
        lead_body="Управління",
        start_date=plan.start_date,
        end_date=plan.end_date,
    )


def _url(**params):
    with translation.override("en"):
        base = reverse("monitoring:comparison")
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"{base}?{query}" if query else base


@pytest.fixture
def dataset(assignment, network, official, commitment):
    """Khmelnytska: commitments 1–3, the city at "not started" on all; the monitor found
    not started (agrees), limited (diverges) and complete with a star (diverges). A second
    hromada in another oblast: one commitment, "no evidence available" (diverges). Noise that
    must not count: a draft, a superseded version, an unpublished and a withheld assessment,
    and an inception review."""
    plan = assignment.plan
    report = make_report(network, plan)
    second = raw_commitment(plan, "Бюджет участі")
    third = raw_commitment(plan, "Звітність")
    Commitment.objects.filter(plan=plan).update(completion="not_started")
    old = make_assessment(
        assignment, commitment, completion="complete", is_current=False, report=report
    )
    make_assessment(
        assignment,
        commitment,
        completion="not_started",
        opened_government="no_change",
        version=2,
        supersedes=old,
        correction_reason="Помилка",
        report=report,
    )
    make_assessment(assignment, second, completion="limited", potential="modest", report=report)
    make_assessment(
        assignment, third, completion="complete", opened_government="major", report=report
    )
    make_assessment(assignment, third, kind="inception", completion="", opened_government="")
    other = Hromada.objects.exclude(oblast=plan.hromada.oblast).filter(category="H").first()
    official2 = with_role(UserFactory(), Role.OFFICIAL, hromada=other)
    plan2 = services.plan_create(
        actor=official2,
        hromada=other,
        title="План",
        start_date=plan.start_date,
        end_date=plan.end_date,
    )
    c2 = make_commitment(official2, plan2)
    make_milestone(official2, c2)
    move(plan2, official2, "co_creation", "submitted")
    monitor2 = with_role(UserFactory(), Role.MONITOR, network=network)
    assignment2 = Assignment.objects.create(
        network=network, plan=plan2, monitor=monitor2, monitor_label="Інший монітор"
    )
    report2 = make_report(network, plan2)
    make_assessment(assignment2, c2, completion="no_evidence", report=report2)
    noise_c = raw_commitment(plan2, "Шум")
    make_assessment(
        assignment2, noise_c, status="draft", is_current=False, published_at=None, version=2
    )
    make_assessment(assignment2, noise_c, published_at=None, completion="complete")
    withheld_c = raw_commitment(plan2, "Приховане")
    hidden = make_assessment(assignment2, withheld_c, completion="complete", report=report2)
    Withholding.objects.create(
        object_type="monitoring.assessment", object_id=str(hidden.pk), reason="x"
    )
    return {"home": plan.hromada, "other": other}


def test_comparison_numbers(dataset):
    oblasts = list(Oblast.objects.all())
    data = public.comparison("results", active(), oblasts, None, hromadas=True)
    national = data["national"]
    assert (national.total, national.stars, national.diverging) == (4, 1, 3)
    # completion values in order: no evidence, not started, limited, substantial, complete, none
    assert national.counts["completion"] == [1, 1, 1, 0, 1, 0]
    assert national.counts["opened_government"] == [0, 1, 2, 1, 0, 0]
    by_name = {r.name: r for r in data["oblast_rows"]}
    home = by_name[dataset["home"].oblast.name]
    assert (home.total, home.diverging, home.stars, home.diverging_percent) == (3, 2, 1, 67)
    other = by_name[dataset["other"].oblast.name]
    assert (other.total, other.diverging) == (1, 1)
    assert {r.name: r.total for r in data["hromada_rows"]} == {
        dataset["home"].name: 3,
        dataset["other"].name: 1,
    }


def test_inception_is_compared_on_potential(dataset):
    data = public.comparison("inception", active(), list(Oblast.objects.all()), None, True)
    assert data["national"].total == 1
    assert data["national"].counts["potential"] == [0, 0, 1, 0]


def test_diverge_in_sql_is_lifecycle_disagrees(assignment, commitment):
    """One definition: the SQL condition agrees with lifecycle.disagrees on every pair."""
    assessment = make_assessment(assignment, commitment)
    for city in [*CITY_COMPLETION_RANK, "unknown"]:
        for monitor in [*COMPLETION_RANK, ""]:
            Commitment.objects.filter(pk=commitment.pk).update(completion=city[:20])
            Assessment.objects.filter(pk=assessment.pk).update(completion=monitor)
            in_sql = Assessment.objects.filter(
                public.diverge_condition(), pk=assessment.pk
            ).exists()
            assert in_sql == disagrees(city, monitor), (city, monitor)


def test_comparison_page(client, dataset):
    response = client.get(_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "4 current published assessments counted" in html
    assert '<svg role="img"' in html and "<desc" in html  # charts with their text alternative
    assert html.count('class="chart-data"') == 2  # a data table beside each chart
    assert dataset["home"].oblast.name in html
    assert "How the numbers are made" in html
    filtered = client.get(_url(oblast=dataset["home"].oblast.slug)).content.decode()
    assert dataset["home"].name in filtered and dataset["other"].name not in filtered


def test_bad_filters_warn_and_never_fail(client, dataset):
    html = client.get(_url(oblast="atlantis", kind="x<y")).content.decode()
    assert "Unknown oblast" in html and "Unknown report kind" in html
    assert "4 current published assessments counted" in html


def test_empty_comparison(client, db):
    html = client.get(_url()).content.decode()
    assert "No assessment of this kind has been published yet." in html


def test_csv_download(client, dataset):
    with translation.override("en"):
        url = reverse("monitoring:comparison_csv")
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["level", "oblast", "hromada", "assessments"]
    country = rows[1]
    assert country[0] == "country" and country[3] == "4"
    assert country[-3:] == ["1", "3", "75"]
    hromadas = {r[2]: r for r in rows if r[0] == "hromada"}
    assert hromadas[dataset["home"].name][3] == "3"


def test_comparison_query_count_is_constant(client, dataset, assignment, network, official):
    def count(url):
        cache.clear()  # the numbers are kept per public-content version; these writes skip it
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    url = _url(oblast=dataset["home"].oblast.slug)
    before = (count(_url()), count(url))
    for n in range(3):
        extra = raw_commitment(assignment.plan, f"Ще {n}")
        make_assessment(assignment, extra, completion="substantial")
    assert (count(_url()), count(url)) == before


def test_numbers_are_kept_until_the_next_public_change(client, dataset, assignment):
    oblasts = list(Oblast.objects.all())
    assert public.comparison("results", active(), oblasts, None, False)["national"].total == 4
    extra = raw_commitment(assignment.plan, "Нове")
    make_assessment(assignment, extra)
    assert public.comparison("results", active(), oblasts, None, False)["national"].total == 4
    bump_public_version()  # what every public history entry does when its transaction commits
    assert public.comparison("results", active(), oblasts, None, False)["national"].total == 5
