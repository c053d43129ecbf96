"""A form's help text and errors are announced with its inputs: every id an input's
aria-describedby names is on the page (Django names them <id>_helptext and <id>_error)."""

import re

from django import forms
from django.template.loader import render_to_string


class Sample(forms.Form):
    title = forms.CharField(label="Назва", help_text="Коротко, до 200 знаків.", max_length=200)
    agree = forms.BooleanField(label="Згода", help_text="Без неї не можна.")


def _described_ids_missing(html: str) -> list[str]:
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    named = [i for attr in re.findall(r'aria-describedby="([^"]+)"', html) for i in attr.split()]
    return [i for i in named if i not in ids]


def test_help_text_and_errors_are_tied_to_their_inputs():
    form = Sample(data={"title": ""})
    assert not form.is_valid()
    for template in ("core/_form_fields.html", "councils/_field.html"):
        context = {"form": form} if template.startswith("core") else {"field": form["title"]}
        html = render_to_string(template, context)
        assert "aria-describedby" in html
        assert _described_ids_missing(html) == [], template


def test_a_long_meeting_link_is_kept_whole():
    """A video-meeting invitation runs past 200 characters; the input must not cut it."""
    from openhromada.councils.forms import MeetingForm

    link = (
        "https://teams.microsoft.com/l/meetup-join/"
        + "19%3ameeting_"
        + "x" * 300
        + "%40thread.v2/0"
    )
    form = MeetingForm()
    assert int(form.fields["online_url"].max_length) >= len(link)
    assert f'maxlength="{form.fields["online_url"].max_length}"' in str(form["online_url"])


def test_a_document_with_a_long_ukrainian_file_name_is_accepted():
    """Offices name files in full: «Рішення виконавчого комітету … .pdf» runs past 100."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from openhromada.councils.forms import AgendaItemForm

    name = "Рішення виконавчого комітету міської ради про затвердження плану дій " * 2 + ".pdf"
    assert len(name) > 100
    upload = SimpleUploadedFile(name, b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    form = AgendaItemForm(data={"title": "Звіт"}, files={"document": upload})
    assert form.is_valid(), form.errors
