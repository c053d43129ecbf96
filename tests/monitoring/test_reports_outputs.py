"""A published report's outputs — page, PDF, JSON, CSV — withholding, hostile text, and the
page's query count with many commitments and replies."""

import csv
import io
import json

import pypdf
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from openhromada.accounts.models import Role
from openhromada.core.models import HistoryEntry
from openhromada.core.withholding import withholding_create
from openhromada.monitoring.models import Assessment
from openhromada.monitoring.services import reports as services
from openhromada.plans.models import Commitment
from tests.factories import UserFactory, with_role
from tests.monitoring.test_reports import (
    add_commitment,
    expire,
    make_assessment,
    make_standard,
    reply_all,
)

HOSTILE = '=HYPERLINK("http://evil")\x00\x1b<script>alert(1)</script>\u202e'
LINK = "javascript:alert(1)"
# PostgreSQL's jsonb holds no NUL (and the services refuse control characters in links anyway)
JSON_SAFE = HOSTILE.replace("\x00", "")


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def published(assignment, monitor, official, commitment):
    make_assessment(assignment, commitment, narrative="Портал відкритих даних працює.")
    make_standard(assignment)
    report = services.report_compile(actor=monitor, assignment=assignment, kind="inception")
    services.report_update(actor=monitor, report=report, summary="Підсумок: план амбітний.")
    services.report_send(actor=monitor, report=report)
    reply_all(report, official)
    return services.report_publish(actor=monitor, report=report)


def url(name, report):
    return reverse(f"monitoring:{name}", args=[report.pk])


def test_pdf_holds_the_report_in_cyrillic(client, published):
    response = client.get(url("report_pdf", published))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(response.content)).pages)
    assert "Портал відкритих даних працює." in text
    assert "Відповідь громади" in text
    assert "Підсумок: план амбітний." in text


def test_json_holds_findings_and_replies(client, published):
    response = client.get(url("report_json", published))
    data = json.loads(response.content)["report"]
    assert data["summary"] == "Підсумок: план амбітний."
    assert data["assessments"][0]["narrative"] == "Портал відкритих даних працює."
    assert data["assessments"][0]["reply"]["text"] == "Відповідь громади"
    assert data["co_creation"][0]["verdict"] == "partly"
    assert data["published_at"] and data["reply_due"]
    assert "email" not in response.content.decode()


def test_csv_rows(client, published):
    response = client.get(url("report_csv", published))
    assert response["Content-Disposition"].startswith("attachment")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "report_id"
    assert [r[1] for r in rows[1:]] == ["assessment", "co_creation"]
    assert rows[1][rows[0].index("reply")] == "Відповідь громади"


def test_hostile_text_breaks_no_output(client, published):
    Assessment.objects.filter(report=published).update(narrative=HOSTILE, links=[JSON_SAFE, LINK])
    published.replies.update(text=HOSTILE)
    type(published).objects.filter(pk=published.pk).update(summary=HOSTILE)
    page = client.get(url("report", published)).content.decode()
    assert "<script>alert(1)" not in page
    assert 'href="javascript:' not in page
    data = client.get(url("report_json", published)).content.decode()
    parsed = json.loads(data)["report"]
    assert "\x00" not in parsed["summary"] and "\x1b" not in parsed["summary"]
    assert "\u202e" not in parsed["assessments"][0]["narrative"]
    body = client.get(url("report_csv", published)).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    narrative = rows[1][rows[0].index("narrative")]
    assert narrative.startswith("'=")  # a formula kept as text
    assert rows[1][rows[0].index("reply")].startswith("'=")
    assert "\x00" not in body and "\x1b" not in body
    pdf = client.get(url("report_pdf", published))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    printable = client.get(url("report_print", published)).content.decode()
    assert "<script>alert(1)" not in printable


def test_withheld_fields_leave_every_output(client, published):
    operator = with_role(UserFactory(), Role.OPERATOR)
    assessment = published.assessments.get()
    withholding_create(actor=operator, obj=assessment, field="narrative", reason="Безпека")
    withholding_create(actor=operator, obj=published, field="summary", reason="Безпека")
    reply = published.replies.filter(assessment=assessment).get()
    withholding_create(actor=operator, obj=reply, field="text", reason="Безпека")
    for name in ("report", "report_json", "report_csv", "report_print"):
        body = client.get(url(name, published)).content.decode("utf-8-sig")
        assert "Портал відкритих даних працює." not in body, name
        assert "Підсумок: план амбітний." not in body, name
        assert "Відповідь громади" not in body, name
    pdf = client.get(url("report_pdf", published)).content
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert "Портал відкритих" not in text and "Підсумок" not in text


def test_withheld_commitment_hides_its_findings(client, published, commitment):
    operator = with_role(UserFactory(), Role.OPERATOR)
    withholding_create(actor=operator, obj=commitment, reason="Безпека")
    for name in ("report", "report_json", "report_csv"):
        body = client.get(url(name, published)).content.decode("utf-8-sig")
        assert "Портал відкритих даних працює." not in body, name


def test_withheld_report_answers_451(client, published):
    operator = with_role(UserFactory(), Role.OPERATOR)
    withholding_create(actor=operator, obj=published, reason="Безпека")
    for name in ("report", "report_json", "report_csv", "report_pdf"):
        assert client.get(url(name, published)).status_code == 451, name


def test_unpublished_report_leaves_no_public_history(client, assignment, monitor, commitment):
    make_assessment(assignment, commitment, narrative="Таємна чернетка")
    report = services.report_compile(actor=monitor, assignment=assignment, kind="inception")
    services.report_update(actor=monitor, report=report, summary="Таємне резюме")
    services.report_send(actor=monitor, report=report)
    assert not HistoryEntry.objects.filter(
        object_type__in=("monitoring.report", "monitoring.assessment", "monitoring.reply")
    ).exists()
    plan = assignment.plan
    history = client.get(
        reverse("plans:plan_history", args=[plan.hromada.slug, plan.slug])
    ).content.decode()
    assert "Таємн" not in history
    assert client.get(url("report_history", report)).status_code == 404


def test_report_page_query_count(
    assignment, monitor, official, commitment, django_assert_max_num_queries
):
    """The page's queries do not grow with commitments, findings and replies."""
    commitments = [commitment] + [
        add_commitment(commitment, n, f"Зобов’язання {n}") for n in range(2, 12)
    ]
    for c in commitments:
        make_assessment(assignment, c, completion="substantial")
    for standard in ("forum_meets", "endorsed", "open_information"):
        make_standard(assignment, standard=standard)
    report = services.report_compile(actor=monitor, assignment=assignment, kind="inception")
    services.report_send(actor=monitor, report=report)
    reply_all(report, official)
    services.report_publish(actor=monitor, report=expire(report))
    assert Commitment.objects.filter(plan=assignment.plan).count() == 11
    for user in (None, official, monitor):
        client = Client()
        if user is not None:
            client.force_login(user)
        client.get(url("report", report))  # warm the session and caches
        with django_assert_max_num_queries(20):
            response = client.get(url("report", report))
        assert response.status_code == 200
        assert response.content.decode().count('class="reply"') == 14
