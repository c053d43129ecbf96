"""The monitoring scale generator: a published results report on every completed plan, every
commitment assessed, the co-creation checklist, one reply; idempotent, in bulk, with progress."""

import pytest

from openhromada.core.withholding import active
from openhromada.monitoring import scale
from openhromada.monitoring.datasets import ASSESSMENTS, REPORTS
from openhromada.monitoring.lifecycle import ReportKind, ReportStatus
from openhromada.monitoring.models import Assessment, Reply, Report, StandardFinding
from tests.plans.fixtures import make_commitment, move


@pytest.fixture
def completed(plan, official, commitment, milestone):
    make_commitment(official, plan, title="Друге зобов'язання")
    return move(plan, official, "co_creation", "submitted", "implementation", "completed")


def _counts():
    return tuple(m.objects.count() for m in (Report, Assessment, StandardFinding, Reply))


def test_every_completed_plan_gets_a_published_results_report(
    completed, network, monitor, django_assert_max_num_queries
):
    seen = []
    with django_assert_max_num_queries(60):  # in bulk: not one query per record
        totals = scale.generate(seed=1, progress=lambda *args: seen.append(args))
    assert totals["reports"] == 1 and totals["members"] == 1
    assert seen and seen[-1][1:] == (1, 1)
    report = Report.objects.get(plan=completed)
    assert report.kind == ReportKind.RESULTS and report.status == ReportStatus.PUBLISHED
    assessments = Assessment.objects.filter(report=report)
    assert sorted(a.commitment.number for a in assessments) == [1, 2]
    assert all(a.published_at and a.is_current for a in assessments)
    assert report.standard_findings.count() == 9 and report.replies.count() == 1
    assert network.members.count() == 1
    withheld = active()
    assert [r["id"] for r in REPORTS.public_rows(withheld)] == [report.pk]
    assert len(list(ASSESSMENTS.public_rows(withheld))) == 2
    first = _counts()
    assert scale.generate(seed=1)["reports"] == 0
    assert _counts() == first


def test_without_monitors_nothing_is_assessed(completed, network):
    assert scale.generate(seed=1)["reports"] == 0
    assert not Report.objects.exists()
