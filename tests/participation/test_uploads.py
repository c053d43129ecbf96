"""Proposal attachments and consultation drafts are checked by their content and stored under
the extension of what they are."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from openhromada.participation.consultations import services as consultations
from openhromada.participation.models import Attachment, Proposal
from tests.participation.fixtures import draft_consultation, submit

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%%EOF\n"
HTML = b"<html><body onload=alert(1)></body></html>"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_an_html_attachment_is_refused_and_no_proposal_is_made(resident, call):
    upload = SimpleUploadedFile("idea.pdf", HTML, content_type="application/pdf")
    with pytest.raises(ValidationError) as refused:
        submit(resident, call, attachments=[upload])
    assert "attachments" in refused.value.message_dict
    assert not Proposal.objects.exists() and not Attachment.objects.exists()


def test_a_pdf_attachment_named_html_is_kept_as_a_pdf(resident, call):
    upload = SimpleUploadedFile("idea.pdf.html", PDF, content_type="text/html")
    proposal = submit(resident, call, attachments=[upload])
    attachment = proposal.attachments.get()
    assert attachment.name == "idea.pdf" and attachment.file.name.endswith(".pdf")


def test_a_draft_document_is_checked_by_its_content(official, hromada):
    html = SimpleUploadedFile("draft.pdf", HTML, content_type="application/pdf")
    with pytest.raises(ValidationError) as refused:
        draft_consultation(official, hromada, document=html)
    assert "document" in refused.value.message_dict
    pdf = SimpleUploadedFile("draft.html", PDF, content_type="text/html")
    draft = draft_consultation(official, hromada, document=pdf)
    assert draft.document.name.endswith(".pdf")
    draft = consultations.consultation_update(actor=official, consultation=draft, document=pdf)
    assert draft.document.name.endswith(".pdf")
