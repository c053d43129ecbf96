"""Evidence files are what their content says: HTML is refused however it is named, and a PDF
is stored, described and downloaded as a PDF whatever name and type its browser sent."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from openhromada.plans.models import EvidenceFile, ProgressUpdate
from tests.plans.fixtures import report

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%%EOF\n"
HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"
URL = "/hromady/khmelnytska/plans/2025-2026/commitments/1/milestones/1/progress/"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize(
    ("name", "claimed"), [("report.pdf.html", "text/plain"), ("report.pdf", "application/pdf")]
)
def test_html_evidence_is_refused_and_nothing_is_saved(reporting, official, name, claimed):
    upload = SimpleUploadedFile(name, HTML, content_type=claimed)
    with pytest.raises(ValidationError) as refused:
        report(official, reporting, status="completed", percent=100, files=[upload])
    assert "files" in refused.value.message_dict
    assert not ProgressUpdate.objects.exists() and not EvidenceFile.objects.exists()


def test_a_pdf_sent_as_html_is_stored_and_downloaded_as_a_pdf(client, reporting, official):
    upload = SimpleUploadedFile("act.pdf.html", PDF, content_type="text/html")
    update = report(official, reporting, status="completed", percent=100, files=[upload])
    evidence = update.files.get()
    assert evidence.file.name.endswith(".pdf") and evidence.name == "act.pdf"
    assert evidence.content_type == "application/pdf"
    response = client.get(f"/hromady/khmelnytska/plans/2025-2026/evidence/{evidence.pk}/")
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="act.pdf"' in response["Content-Disposition"]


def test_the_progress_form_shows_why_a_file_is_refused(client, reporting, official):
    client.force_login(official)
    form = {"date": "2025-03-01", "text": "Готово", "status": "completed", "percent": "100"}
    upload = SimpleUploadedFile("act.pdf", HTML, content_type="application/pdf")
    response = client.post("/en" + URL, {**form, "files": upload})
    assert response.status_code == 400
    assert "“act.pdf” is not an allowed type" in response.content.decode()
    assert not ProgressUpdate.objects.exists()
