"""The role × action × state grid of monitoring reports: compile, edit, send, reply, publish and
view, for everyone who might try (each role's answer checked on the permission and, for the
pages, on the server's response)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import translation

from openhromada.accounts.models import Role
from openhromada.core.errors import ServiceError
from openhromada.monitoring.models import Report
from openhromada.monitoring.services import reports as services
from openhromada.places.models import Hromada
from tests.factories import NetworkFactory, UserFactory, with_role
from tests.monitoring.test_reports import expire, make_assessment, make_standard, reply_all

ROLES = (
    "anonymous",
    "resident",
    "monitor",
    "other_monitor",
    "coordinator",
    "official",
    "official_elsewhere",
    "operator",
)
WRITERS = {"monitor", "coordinator", "operator"}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def people(monitor, coordinator, official):
    return {
        "anonymous": AnonymousUser(),
        "resident": UserFactory(),
        "monitor": monitor,
        "other_monitor": with_role(UserFactory(), Role.MONITOR, network=NetworkFactory()),
        "coordinator": coordinator,
        "official": official,
        "official_elsewhere": with_role(
            UserFactory(), Role.OFFICIAL, hromada=Hromada.objects.get(slug="lutska")
        ),
        "operator": with_role(UserFactory(), Role.OPERATOR),
    }


@pytest.fixture
def report(assignment, monitor, commitment):
    make_assessment(assignment, commitment)
    make_standard(assignment)
    return services.report_compile(actor=monitor, assignment=assignment, kind="inception")


def allowed(people, perm, obj) -> set[str]:
    return {name for name, user in people.items() if user.has_perm(perm, obj)}


def test_compile_only_the_assigned_monitor(people, assignment):
    assert allowed(people, "monitoring.compile_report", assignment) == {"monitor"}


def test_compile_page_refuses_everyone_else(people, assignment):
    url = reverse("monitoring:report_compile", args=[assignment.pk])
    for name, user in people.items():
        if name == "monitor":
            continue
        client = Client()
        if name != "anonymous":
            client.force_login(user)
        response = client.post(url, {"kind": "inception"})
        assert response.status_code == (302 if name == "anonymous" else 403), name
    assert not Report.objects.exists()


def test_grid_in_draft(people, report):
    assert allowed(people, "monitoring.edit_report", report) == WRITERS
    assert allowed(people, "monitoring.send_report", report) == WRITERS
    assert allowed(people, "monitoring.view_unpublished_report", report) == WRITERS
    assert allowed(people, "monitoring.reply_to_report", report) == set()
    assert allowed(people, "monitoring.publish_report", report) == set()


def test_grid_in_reply(people, report, monitor, official):
    services.report_send(actor=monitor, report=report)
    report.refresh_from_db()
    assert allowed(people, "monitoring.edit_report", report) == set()
    assert allowed(people, "monitoring.send_report", report) == set()
    assert allowed(people, "monitoring.view_unpublished_report", report) == WRITERS | {"official"}
    assert allowed(people, "monitoring.reply_to_report", report) == {"official"}
    assert allowed(people, "monitoring.publish_report", report) == set()  # replies missing
    reply_all(report, official)
    assert allowed(people, "monitoring.publish_report", report) == WRITERS
    expire(report)
    assert allowed(people, "monitoring.reply_to_report", report) == set()
    assert allowed(people, "monitoring.publish_report", report) == WRITERS


def test_grid_published(people, report, monitor):
    services.report_send(actor=monitor, report=report)
    services.report_publish(actor=monitor, report=expire(report))
    report.refresh_from_db()
    for perm in ("edit_report", "send_report", "reply_to_report", "publish_report"):
        assert allowed(people, f"monitoring.{perm}", report) == set(), perm


def test_services_refuse_whom_the_grid_refuses(people, report, monitor, official):
    for name, user in people.items():
        if name in WRITERS or name == "anonymous":
            continue
        with pytest.raises((PermissionDenied, ServiceError)):
            services.report_update(actor=user, report=report, summary="x")
        with pytest.raises((PermissionDenied, ServiceError)):
            services.report_send(actor=user, report=report)
    services.report_send(actor=monitor, report=report)
    finding = report.assessments.get()
    for name, user in people.items():
        if name in ("official", "anonymous"):
            continue
        with pytest.raises((PermissionDenied, ServiceError)):
            services.reply_save(actor=user, report=report, assessment=finding, text="x")
    with pytest.raises(ServiceError, match="every finding"):
        services.report_publish(actor=monitor, report=report)
    with pytest.raises(PermissionDenied):
        services.report_publish(actor=official, report=expire(report))


PAGES = ("report", "report_history", "report_pdf", "report_json", "report_csv", "report_print")


def _status(user, name, report) -> int:
    client = Client()
    if getattr(user, "is_authenticated", False):
        client.force_login(user)
    return client.get(reverse(f"monitoring:{name}", args=[report.pk])).status_code


def test_pages_by_state(people, report, monitor, official):
    # a draft: its writers only; everything else answers 404 (nothing leaks)
    for name, user in people.items():
        expected = 200 if name in WRITERS else 404
        assert _status(user, "report", report) == expected, name
        for page in PAGES[1:]:
            assert _status(user, page, report) == 404, (name, page)
    services.report_send(actor=monitor, report=report)
    for name, user in people.items():
        expected = 200 if name in WRITERS | {"official"} else 404
        assert _status(user, "report", report) == expected, name
        for page in PAGES[1:]:
            assert _status(user, page, report) == 404, (name, page)
    reply_all(report, official)
    services.report_publish(actor=monitor, report=report)
    for name, user in people.items():
        for page in PAGES:
            assert _status(user, page, report) == 200, (name, page)


def test_reply_page_grid(people, report, monitor):
    services.report_send(actor=monitor, report=report)
    finding = report.assessments.get()
    url = reverse("monitoring:finding_reply", args=[report.pk, "assessment", finding.pk])
    expected = {
        "official": 302,
        "monitor": 403,
        "coordinator": 403,
        "operator": 403,
        "resident": 404,
        "other_monitor": 404,
        "official_elsewhere": 404,
    }
    for name, status in expected.items():
        client = Client()
        client.force_login(people[name])
        assert client.post(url, {"text": f"від {name}"}).status_code == status, name
