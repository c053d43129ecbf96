"""Shared form pieces (widgets, help texts), and service errors shown beside the fields."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from .uploads import MAX_UPLOAD_BYTES

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
MARKDOWN_HELP = _("Markdown: **bold**, *italic*, lists with “-”, [links](https://…).")
# Formatted when shown, in the reader's language (not once, at import, in whichever was active).
UPLOAD_HELP = lazy(
    lambda: (
        _("PDF, image, office document, CSV or text; up to %(mb)d MB.")
        % {"mb": MAX_UPLOAD_BYTES // 2**20}
    ),
    str,
)()


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (evidence, attachments); cleans to a list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


def add_service_errors(form, error: ValidationError) -> None:
    """Put each message next to its field when the form has it, otherwise at the top."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            for message in messages:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def run_service(form, call):
    """Run a service call for a valid form; on a ValidationError put the messages on the form
    and return None, so the view shows the form again with them."""
    try:
        return call()
    except ValidationError as error:
        add_service_errors(form, error)
        return None
