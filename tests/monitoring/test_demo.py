"""The monitoring demo: the network across 13 regions and the four oblasts admitted at the
conference, a published results report on Khmelnytskyi's 2021–2022 plan with the city's replies,
an inception review of its 2025–2026 plan in its reply period — labelled demo data, loaded
through the services, and the same after a second run."""

import pytest
from django.utils import timezone

from openhromada.accounts import demo as accounts_demo
from openhromada.core.history import verify_chain
from openhromada.core.models import DataOrigin
from openhromada.core.withholding import active
from openhromada.monitoring import demo
from openhromada.monitoring.datasets import ASSESSMENTS, REPORTS
from openhromada.monitoring.lifecycle import ApplicationStatus, ReportKind, ReportStatus
from openhromada.monitoring.models import (
    Assessment,
    MemberApplication,
    MemberOrganisation,
    Reply,
    Report,
)
from openhromada.plans import demo as plans_demo

pytestmark = pytest.mark.django_db


def _load():
    demo.load()
    accounts = {account.email: user for account, user in accounts_demo.load()}
    officials = {
        account.scope: user for account, user in accounts_demo.load() if account.role == "official"
    }
    plans_demo.load(officials=officials)
    return demo.populate(
        coordinator=accounts["coordinator@demo.openhromada.org"],
        monitor=accounts["monitor@demo.openhromada.org"],
        official=officials[demo.KHMELNYTSKA],
        applicant=accounts["resident@demo.openhromada.org"],
    )


def _counts():
    return tuple(
        model.objects.count()
        for model in (MemberOrganisation, MemberApplication, Assessment, Report, Reply)
    )


def test_monitoring_demo_loads_the_story_once():
    network = _load()
    assert network.origin == DataOrigin.DEMO
    codes = {o.code[:4] for o in network.oblasts.all()}
    assert codes == set(demo.DEMO_NETWORK_OBLASTS) | set(demo.CONFERENCE_OBLASTS)
    members = network.members.all()
    assert members.count() == 17
    assert {m.origin for m in members} == {DataOrigin.DEMO}
    assert all(len(m.edrpou) == 8 and m.edrpou.isdigit() for m in members)
    assert all("демо" in m.name for m in members)
    admitted = MemberApplication.objects.filter(network=network, status=ApplicationStatus.ADMITTED)
    assert admitted.count() == 4
    assert all("конференції" in a.reason for a in admitted)
    assert {a.member.joined_on for a in admitted} == {demo.CONFERENCE}

    results = Report.objects.get(network=network, kind=ReportKind.RESULTS)
    assert results.status == ReportStatus.PUBLISHED and results.origin == DataOrigin.DEMO
    assert results.plan.slug == "2021-2022" and results.published_at.year == 2023
    assert results.replies.count() == 2
    assert results.assessments.filter(star=True).exists()
    assert results.standard_findings.count() == 9
    assert {a.origin for a in results.assessments.all()} == {DataOrigin.DEMO}

    inception = Report.objects.get(network=network, kind=ReportKind.INCEPTION)
    assert inception.plan.slug == "2025-2026"
    assert inception.status == ReportStatus.REPLY
    assert inception.reply_due >= timezone.localdate()
    assert inception.replies.count() == 1

    # the open data: the published report and its assessments; the one in reply stays out
    withheld = active()
    assert [r["id"] for r in REPORTS.public_rows(withheld)] == [results.pk]
    rows = list(ASSESSMENTS.public_rows(withheld))
    assert {r["report_id"] for r in rows} == {results.pk}
    assert any(r["diverges"] for r in rows)

    first = _counts()
    _load()
    assert _counts() == first
    assert verify_chain().ok
