"""Council documents (founding decision, rules, agenda documents, minutes) are checked by their
content and stored under the extension of what they are."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from openhromada.councils import services
from tests.councils.fixtures import meeting

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%%EOF\n"
HTML = b"<!doctype html><script>alert(1)</script>"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_rules_sent_as_html_that_are_a_pdf_are_stored_as_a_pdf(official, council):
    rules = SimpleUploadedFile("rules.pdf.html", PDF, content_type="text/html")
    council = services.council_update(actor=official, council=council, rules_file=rules)
    assert council.rules_file.name.endswith(".pdf")


def test_html_minutes_claimed_as_a_pdf_are_refused(official, council, members):
    held = meeting(official, council)
    minutes = SimpleUploadedFile("minutes.pdf", HTML, content_type="application/pdf")
    with pytest.raises(ValidationError) as refused:
        services.minutes_publish(actor=official, meeting=held, minutes_file=minutes)
    assert "minutes_file" in refused.value.message_dict
    held.refresh_from_db()
    assert not held.minutes_published_at and not held.minutes_file


def test_an_html_agenda_document_is_refused_by_the_page(client, official, council, hromada):
    draft = meeting(official, council, days_ago=-10, publish=False, items=())
    client.force_login(official)
    page = f"/en/hromady/{hromada.slug}/council/meetings/{draft.number}/items/new/"
    document = SimpleUploadedFile("agenda.txt", HTML, content_type="text/plain")
    response = client.post(page, {"title": "Питання", "document": document})
    assert response.status_code == 400 and "contains HTML" in response.content.decode()
    assert not draft.items.exists()
