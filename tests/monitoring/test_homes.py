"""Role homes in independent monitoring (/my/): a monitor sees their assignments, the assessments
due and the hromadas' replies; a network coordinator the applications, their networks'
assignments and the reports ready to publish; an official the reports waiting for the hromada's
reply — each only their own, each bounded, in a constant number of queries. And monitoring's
records are followable: "What I follow" links to a network and a report."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from openhromada.accounts.models import Role, RoleAssignment
from openhromada.core.withholding import active
from openhromada.monitoring.lifecycle import (
    ApplicationStatus,
    FindingStatus,
    ReportKind,
    ReportStatus,
)
from openhromada.monitoring.models import (
    Assessment,
    Assignment,
    ConflictDeclaration,
    MemberApplication,
    Reply,
    Report,
    StandardFinding,
)
from openhromada.monitoring.selectors import homes
from openhromada.notifications.models import Notification
from openhromada.notifications.selectors import PAGES, follows_of, with_news
from openhromada.notifications.services import follow
from openhromada.places.models import Hromada, Oblast
from openhromada.plans import services as plan_services
from tests.factories import NetworkFactory, UserFactory, with_role
from tests.plans.fixtures import make_commitment, move

pytestmark = pytest.mark.django_db

D = dt.date
INCEPTION, RESULTS = ReportKind.INCEPTION, ReportKind.RESULTS
TODAY = D(2025, 6, 1)  # the fixture plan (2025–2026) is submitted, its period running

MONITOR_KEYS = ("my-assignments", "assessments-due", "replies-received")
COORDINATOR_KEYS = ("network-applications", "network-assignments", "reports-to-publish")
OFFICIAL_KEYS = ("reports-awaiting-reply",)
ALL_KEYS = MONITOR_KEYS + COORDINATOR_KEYS + OFFICIAL_KEYS


def assess(assignment, commitment, kind=INCEPTION, *, submitted=True, **extra):
    """A finding written directly (the findings' services are tested on their own)."""
    return Assessment.objects.create(
        assignment=assignment,
        commitment=commitment,
        kind=kind,
        status=FindingStatus.SUBMITTED if submitted else FindingStatus.DRAFT,
        is_current=submitted,
        submitted_at=timezone.now() if submitted else None,
        author=assignment.monitor,
        author_label=assignment.monitor_label,
        **extra,
    )


def sent_report(network, plan, kind=INCEPTION, *, due=None, status=ReportStatus.REPLY, **extra):
    """A report sent to the hromada (its reply due in 10 days unless `due` says otherwise)."""
    return Report.objects.create(
        network=network,
        plan=plan,
        kind=kind,
        status=status,
        sent_at=timezone.now(),
        reply_due=due or timezone.localdate() + dt.timedelta(days=10),
        author_label="Моніторка",
        **extra,
    )


def reply(report, assessment=None, text="Не погоджуємося з оцінкою."):
    return Reply.objects.create(
        report=report, assessment=assessment, text=text, author_label="Посадовиця"
    )


def apply(network, name="Громадська організація «Варта»"):
    return MemberApplication.objects.create(
        network=network,
        name=name,
        edrpou="12345678",
        oblast=Oblast.objects.first(),
        email="org@example.org",
        motivation="Досвід моніторингу",
    )


def assign(network, plan, monitor=None):
    monitor = monitor or with_role(UserFactory(), Role.MONITOR, network=network)
    return Assignment.objects.create(
        network=network, plan=plan, monitor=monitor, monitor_label=monitor.public_name
    )


def _page(client, user, path="/my/"):
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def _section(page: str, key: str) -> str:
    start = page.index(f'id="{key}"')
    return page[start : page.index("</section>", start)]


def _rows(html: str) -> int:
    start = html.index('<ul class="my-items">')
    return html[start : html.index("</ul>", start)].count("<li>")


def _keys(page: str) -> set[str]:
    return {key for key in ALL_KEYS if f'id="{key}"' in page}


@pytest.fixture
def second(plan, official, commitment):
    """A second commitment of the fixture plan, written while it is a draft (before the
    `assignment` fixture submits it: tests ask for this one first)."""
    return make_commitment(official, plan, title="Друге зобов’язання")


# --- who sees which section --------------------------------------------------------------------


@pytest.fixture
def people(assignment, monitor, coordinator, official):
    return {
        "monitor": monitor,
        "coordinator": coordinator,
        "official": official,
        "resident": UserFactory(),
        "operator": with_role(UserFactory(), Role.OPERATOR),
    }


@pytest.mark.parametrize(
    "who, keys",
    [
        ("monitor", MONITOR_KEYS),
        ("coordinator", COORDINATOR_KEYS),
        ("official", OFFICIAL_KEYS),
        ("resident", ()),
        ("operator", ()),
    ],
)
def test_each_role_sees_its_own_sections(client, people, who, keys):
    page = _page(client, people[who])
    assert _keys(page) == set(keys)
    assert ('id="monitor-heading"' in page) == (who == "monitor")
    assert ('id="coordinator-heading"' in page) == (who == "coordinator")
    for key in ALL_KEYS:
        client.force_login(people[who])
        status = client.get(f"/my/{key}/").status_code
        assert status == (200 if key in keys else 404), (who, key)


def test_a_monitor_and_coordinator_of_one_network_sees_both_groups(client, network, assignment):
    both = with_role(assignment.monitor, Role.COORDINATOR, network=network)
    page = _page(client, both)
    assert _keys(page) == set(MONITOR_KEYS + COORDINATOR_KEYS)
    assert page.count(f'href="/monitoring/networks/{network.slug}/"') >= 2


def test_a_monitor_whose_role_ended_no_longer_sees_the_monitors_sections(
    client, monitor, assignment
):
    RoleAssignment.objects.filter(user=monitor, role=Role.MONITOR).delete()
    page = _page(client, monitor)
    assert not _keys(page)
    assert not list(homes.open_assignments_for(monitor, TODAY))
    assert not list(homes.assessments_due_for(monitor, TODAY))


# --- a monitor's home --------------------------------------------------------------------------


def test_monitor_sees_their_open_assignments_with_what_is_assessed(
    client, second, network, monitor, assignment, commitment, official
):
    assess(assignment, commitment)
    other_plan = plan_services.plan_create(
        actor=official,
        hromada=assignment.plan.hromada,
        title="Інший план",
        slug="other",
        start_date=D(2025, 1, 1),
        end_date=D(2026, 12, 31),
    )
    ended = assign(network, other_plan, monitor)
    ended.ended_at = timezone.now()
    ended.save()
    assign(network, other_plan)  # a colleague's
    rows = list(homes.open_assignments_for(monitor, TODAY))
    assert rows == [assignment]
    assert (rows[0].commitments, rows[0].assessed, rows[0].due) == (2, 1, INCEPTION)
    section = _section(_page(client, monitor), "my-assignments")
    assert _rows(section) == 1
    assert f'href="/monitoring/assignments/{assignment.pk}/"' in section
    assert "1 з 2" in section and assignment.plan.title in section


def test_assessments_due_follow_the_plans_stage_and_what_is_submitted(
    second, network, monitor, assignment, commitment
):
    plan = assignment.plan

    def due(today=TODAY):
        return [(c.pk, c.kind, c.draft_pk) for c in homes.assessments_due_for(monitor, today)]

    # a submitted plan: the inception review is due for every commitment
    assert due() == [(commitment.pk, INCEPTION, None), (second.pk, INCEPTION, None)]
    # a submitted assessment settles it; a draft keeps it, marked as a draft
    assess(assignment, commitment)
    draft = assess(assignment, second, submitted=False)
    assert due() == [(second.pk, INCEPTION, draft.pk)]
    # past the plan's end: the results are due, and the inception draft still shows
    after = D(2027, 1, 10)
    assert due(after) == [(commitment.pk, RESULTS, None), (second.pk, INCEPTION, draft.pk)]
    draft.delete()
    assert due(after) == [(commitment.pk, RESULTS, None), (second.pk, RESULTS, None)]
    # a colleague's submitted assessment in the same network settles it for the network
    assess(assign(network, plan), second, RESULTS)
    assert due(after) == [(commitment.pk, RESULTS, None)]
    # another network's does not
    elsewhere = assign(NetworkFactory(), plan)
    assess(elsewhere, commitment, RESULTS)
    assert due(after) == [(commitment.pk, RESULTS, None)]
    # once the network's results report is sent, nothing of that kind is due any more
    sent_report(network, plan, RESULTS)
    assert due(after) == []


def test_a_completed_plan_is_due_its_results(monitor, assignment, commitment, official):
    move(assignment.plan, official, "implementation", "completed")
    rows = list(homes.assessments_due_for(monitor, TODAY))
    assert [(c.pk, c.kind) for c in rows] == [(commitment.pk, RESULTS)]


def test_nothing_is_due_on_an_ended_assignment_or_another_monitors(
    network, monitor, assignment, commitment
):
    colleague = with_role(UserFactory(), Role.MONITOR, network=network)
    assert not list(homes.assessments_due_for(colleague, TODAY))
    assignment.ended_at = timezone.now()
    assignment.save()
    assert not list(homes.assessments_due_for(monitor, TODAY))


@pytest.mark.parametrize("conflict", ["declared", "official", "council_member"])
def test_nothing_is_due_nor_replied_in_a_hromada_the_monitor_has_a_conflict_with(
    network, monitor, assignment, commitment, conflict
):
    reply(sent_report(network, assignment.plan, RESULTS))
    assert list(homes.assessments_due_for(monitor, TODAY))
    assert list(homes.replies_received_for(monitor))
    hromada = assignment.plan.hromada
    if conflict == "declared":
        ConflictDeclaration.objects.create(
            network=network, monitor=monitor, hromada=hromada, description="Родич у раді"
        )
    else:
        with_role(monitor, conflict, hromada=hromada)
    assert not list(homes.assessments_due_for(monitor, TODAY))
    assert not list(homes.replies_received_for(monitor))


def test_assessments_due_link_to_the_assessment_form(
    client, second, monitor, assignment, commitment
):
    assess(assignment, second, submitted=False)
    section = _section(_page(client, monitor), "assessments-due")
    assert _rows(section) == 2
    kind = homes.assessments_due_for(monitor).first().kind
    assert f'href="/monitoring/assignments/{assignment.pk}/{kind}/?commitment=1"' in section
    assert "чернетку збережено" in section.lower()


def test_monitor_sees_the_replies_on_their_reports_only(
    client, network, monitor, assignment, commitment
):
    finding = assess(assignment, commitment)
    report = sent_report(network, assignment.plan)
    finding.report = report
    finding.save()
    answer = reply(report, finding)
    general = reply(report, None, "Дякуємо за звіт.")
    # another network's report on the same plan, with its own monitor
    other = NetworkFactory()
    stranger = assign(other, assignment.plan)
    reply(sent_report(other, assignment.plan), None, "Чужа відповідь")
    assert list(homes.replies_received_for(monitor)) == [general, answer]
    assert [r.text for r in homes.replies_received_for(stranger.monitor)] == ["Чужа відповідь"]
    section = _section(_page(client, monitor), "replies-received")
    assert _rows(section) == 2 and "Чужа відповідь" not in section
    assert f'href="/monitoring/reports/{report.pk}/#assessment-{finding.pk}"' in section


def test_replies_on_a_report_published_long_ago_drop_off(network, monitor, assignment):
    now = timezone.now()
    recent = sent_report(network, assignment.plan, status=ReportStatus.PUBLISHED, published_at=now)
    answer = reply(recent)
    assert list(homes.replies_received_for(monitor, now)) == [answer]
    later = now + dt.timedelta(days=homes.RECENT_DAYS + 1)
    assert not list(homes.replies_received_for(monitor, later))


# --- a coordinator's home ----------------------------------------------------------------------


def test_coordinator_sees_the_pending_applications_of_their_networks(client, network, coordinator):
    waiting = apply(network)
    decided = apply(network, "Вирішена")
    decided.status = ApplicationStatus.DECLINED
    decided.save()
    apply(NetworkFactory(), "Чужа мережа")
    assert list(homes.applications_for(coordinator)) == [waiting]
    section = _section(_page(client, coordinator), "network-applications")
    assert _rows(section) == 1
    assert f'href="/monitoring/applications/{waiting.pk}/"' in section
    assert f'href="/monitoring/networks/{network.slug}/applications/"' in section


def test_coordinator_sees_their_networks_open_assignments(
    client, network, coordinator, assignment, commitment
):
    assess(assignment, commitment)
    ended = assign(network, assignment.plan)
    ended.ended_at = timezone.now()
    ended.save()
    assign(NetworkFactory(), assignment.plan)
    rows = list(homes.network_assignments_for(coordinator, TODAY))
    assert rows == [assignment]
    assert (rows[0].commitments, rows[0].assessed) == (1, 1)
    section = _section(_page(client, coordinator), "network-assignments")
    assert _rows(section) == 1 and assignment.monitor_label in section


def test_coordinator_sees_the_reports_whose_reply_period_is_over(
    client, network, coordinator, assignment, commitment
):
    today = timezone.localdate()
    over = sent_report(network, assignment.plan, due=today - dt.timedelta(days=1))
    finding = assess(assignment, commitment, report=over)
    reply(over, finding)
    sent_report(network, assignment.plan, RESULTS, due=today)  # still running
    sent_report(NetworkFactory(), assignment.plan, due=today - dt.timedelta(days=3))
    rows = list(homes.reports_to_publish_for(coordinator))
    assert rows == [over] and (rows[0].findings, rows[0].replied) == (1, 1)
    section = _section(_page(client, coordinator), "reports-to-publish")
    assert _rows(section) == 1
    assert f'href="/monitoring/reports/{over.pk}/publish/"' in section


# --- an official's home ------------------------------------------------------------------------


def test_official_sees_the_reports_waiting_for_their_reply_with_the_days_left(
    client, network, official, assignment, commitment
):
    today = timezone.localdate()
    waiting = sent_report(network, assignment.plan, due=today + dt.timedelta(days=5))
    assess(assignment, commitment, report=waiting)
    StandardFinding.objects.create(
        assignment=assignment,
        plan=assignment.plan,
        kind=INCEPTION,
        standard="open_information",
        status=FindingStatus.SUBMITTED,
        is_current=True,
        report=waiting,
        author_label="Моніторка",
    )
    sent_report(network, assignment.plan, RESULTS, due=today - dt.timedelta(days=1))  # over
    lutsk = Hromada.objects.get(slug="lutska")
    lutsk_official = with_role(UserFactory(), Role.OFFICIAL, hromada=lutsk)
    lutsk_plan = plan_services.plan_create(
        actor=lutsk_official,
        hromada=lutsk,
        title="Луцький план",
        start_date=D(2025, 1, 1),
        end_date=D(2026, 12, 31),
    )
    make_commitment(lutsk_official, lutsk_plan)
    lutsk_plan = move(lutsk_plan, lutsk_official, "co_creation", "submitted")
    sent_report(network, lutsk_plan)
    rows = homes.days_left(list(homes.reports_awaiting_reply_for(official)))
    assert rows == [waiting]
    assert (rows[0].findings, rows[0].replied, rows[0].days_left) == (2, 0, 5)
    section = _section(_page(client, official), "reports-awaiting-reply")
    assert _rows(section) == 1 and "Луцький" not in section
    assert f'href="/monitoring/reports/{waiting.pk}/"' in section
    assert "5 днів" in section and "0 з 2" in section
    assert [r.plan for r in homes.reports_awaiting_reply_for(lutsk_official)] == [lutsk_plan]


def test_the_last_day_of_the_reply_period_says_so(client, network, official, assignment):
    sent_report(network, assignment.plan, due=timezone.localdate())
    section = _section(_page(client, official), "reports-awaiting-reply")
    assert "останній день" in section.lower()


# --- bounded, in a constant number of queries --------------------------------------------------

MAX_QUERIES = 30


def _queries(client, user, path="/my/") -> tuple[int, str]:
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(path).content.decode()
    return len(queries), page


def _busy(network, official, hromada, n: int, both):
    """`n` submitted plans of `hromada`, each with two commitments, `both` assigned to each (an
    assessment, a draft, a report in its reply period with a reply), and `n` applications."""
    for i in range(n):
        plan = plan_services.plan_create(
            actor=official,
            hromada=hromada,
            title=f"План {i}",
            slug=f"plan-{n}-{i}",
            start_date=D(2025, 1, 1),
            end_date=D(2026, 12, 31),
        )
        first = make_commitment(official, plan)
        second = make_commitment(official, plan)
        move(plan, official, "co_creation", "submitted")
        assignment = assign(network, plan, both)
        report = sent_report(network, plan)
        assess(assignment, first, report=report)
        assess(assignment, second, submitted=False)
        reply(report, None, f"Відповідь {i}")
        apply(network, f"Організація {i}")


def _monitor_and_coordinator(network):
    """A monitor who also coordinates the network (never an official where they assess)."""
    both = with_role(UserFactory(), Role.MONITOR, network=network)
    return with_role(both, Role.COORDINATOR, network=network)


def test_the_monitoring_sections_cost_the_same_queries_whatever_they_hold(
    client, network, official, hromada, settings
):
    settings.RATE_LIMITS = {}
    both = _monitor_and_coordinator(network)
    _busy(network, official, hromada, 1, both)
    few, page = _queries(client, both)
    few_official, official_page = _queries(client, official)
    for key in MONITOR_KEYS + COORDINATOR_KEYS:
        if key != "reports-to-publish":
            assert _rows(_section(page, key)) == 1, key
    assert _rows(_section(official_page, "reports-awaiting-reply")) == 1
    _busy(network, official, hromada, 24, both)
    many, page = _queries(client, both)
    for key in (*MONITOR_KEYS, "network-applications", "network-assignments"):
        section = _section(page, key)
        assert _rows(section) == 20 and f'href="/my/{key}/"' in section, key
    assert few <= MAX_QUERIES and many <= few + 5, (few, many)
    many_official, official_page = _queries(client, official)
    assert _rows(_section(official_page, "reports-awaiting-reply")) == 20
    assert many_official <= few_official + 3, (few_official, many_official)
    _full, full = _queries(client, both, "/my/assessments-due/")
    assert _rows(full) == 25


def test_each_monitoring_section_page_has_a_constant_cost(
    client, network, official, hromada, django_assert_max_num_queries
):
    both = _monitor_and_coordinator(network)
    _busy(network, official, hromada, 6, both)
    for user, keys in ((both, MONITOR_KEYS + COORDINATOR_KEYS), (official, OFFICIAL_KEYS)):
        client.force_login(user)
        for key in keys:
            with django_assert_max_num_queries(16):
                assert client.get(f"/my/{key}/").status_code == 200, key


# --- following monitoring's records ------------------------------------------------------------


def test_networks_and_reports_have_their_pages_for_follows():
    assert "monitoring.monitoringnetwork" in PAGES and "monitoring.report" in PAGES


def test_a_followed_network_and_published_report_link_to_their_pages(
    network, assignment, commitment
):
    resident = UserFactory()
    report = sent_report(
        network, assignment.plan, status=ReportStatus.PUBLISHED, published_at=timezone.now()
    )
    follow(user=resident, obj=network)
    follow(user=resident, obj=report)
    url = f"/monitoring/reports/{report.pk}/"
    Notification.objects.create(user=resident, title="Звіт опубліковано", url=url)
    shown = {f.url: f for f in with_news(follows_of(resident), resident, active())}
    assert set(shown) == {f"/monitoring/networks/{network.slug}/", url}
    assert [n.title for n in shown[url].news] == ["Звіт опубліковано"]


def test_a_followed_report_not_yet_published_shows_no_page(network, assignment):
    resident = UserFactory()
    report = sent_report(network, assignment.plan)
    follow(user=resident, obj=report)
    (shown,) = with_news(follows_of(resident), resident, active())
    assert shown.url == "" and shown.title == ""
