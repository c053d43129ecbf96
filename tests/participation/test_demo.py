"""The demo's co-creation story: a closed, fully answered call in Khmelnytskyi linked to its
commitments, an open call in Vinnytsia, an open consultation with a survey in Ternopil."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from openhromada.participation.models import Call, Consultation, Proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("demo", no_serve=True, quiet=True)


def test_khmelnytskyi_call_is_closed_and_answered_with_commitments(demo, client):
    call = Call.objects.get(hromada__slug="khmelnytska")
    assert call.has_ended and call.origin == "demo"
    assert call.plan.slug == "2025-2026" and call.plan.status == "implementation"
    assert not call.proposals.filter(response="").exists()
    accepted = call.proposals.get(number=1)
    commitment = accepted.commitments.get()
    page = client.get(
        reverse(
            "plans:commitment",
            args=["khmelnytska", commitment.plan.slug, commitment.number],
        )
    ).content.decode()
    assert accepted.title in page
    report = client.get(reverse("participation:call_report", args=[call.pk])).content.decode()
    assert "100%" in report


def test_open_call_and_open_consultation_elsewhere(demo):
    vinnytsia = Call.objects.get(hromada__code="UA05020030000031457")
    assert vinnytsia.is_open() and vinnytsia.proposals.filter(response="").exists()
    ternopil = Consultation.objects.get(hromada__code="UA61040490000035010")
    assert ternopil.is_open() and ternopil.questions.count() == 3
    khmelnytskyi = Consultation.objects.get(hromada__slug="khmelnytska")
    assert khmelnytskyi.report_published_at is not None
    assert Proposal.objects.filter(hidden_at__isnull=True).count() >= 9
