"""Model fields for people's text. Whatever writes it — a form, the API, an import, a service,
the admin — the text is stored without invisible characters, and a one-line field never holds a
line break (one-line values end up in e-mail subjects, feed titles and file names).

Invisible characters (`core.text`: C0 controls, bidi overrides, …) are removed rather than
refused: nobody can see them to take them out, and they carry nothing; Word's line break (VT)
becomes a new line, or a space on one line. A line break in a one-line field is refused instead:
it is visible, and means that text meant for a longer field went into a title or a name.

The fields change no schema, so they deconstruct as the Django fields they extend: migrations
never mention them (on SQLite a changed field class would rebuild each table it touches).
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .text import clean_line, clean_text, flatten, has_line_break


def validate_one_line(value) -> None:
    if isinstance(value, str) and has_line_break(value):
        raise ValidationError(_("Keep this on one line: remove the line breaks."), code="one_line")


class _SameSchema:
    """Deconstructs as `schema_path`, the Django field whose column this is."""

    schema_path = ""

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, self.schema_path, args, kwargs


class _OneLine(_SameSchema):
    """`to_python` (run by `full_clean`, so by services and ModelForms) cleans; `get_prep_value`
    (every save, `bulk_create`, `update` and lookup) cleans again and makes each line break a
    space, so even a write that skips validation stores one clean line."""

    def to_python(self, value):
        value = super().to_python(value)
        return clean_line(value) if isinstance(value, str) else value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return flatten(value) if isinstance(value, str) else value


class LineField(_OneLine, models.CharField):
    """One line of people's text: a title, a name, a file name. A line break is refused."""

    default_validators = [validate_one_line]
    schema_path = "django.db.models.CharField"


class LinkField(_OneLine, models.URLField):
    """A web address someone typed (URLField refuses spaces and line breaks itself). Long by
    default: a video-meeting invitation runs to several hundred characters, and a browser cuts
    a pasted address at the input's maxlength without a word."""

    schema_path = "django.db.models.URLField"
    MAX_LENGTH = 2000

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", self.MAX_LENGTH)
        super().__init__(*args, **kwargs)


class ProseField(_SameSchema, models.TextField):
    """People's multi-line text (descriptions, reasons, comments): cleaned when validated and
    again when stored (`TextField.get_prep_value` goes through `to_python`)."""

    schema_path = "django.db.models.TextField"

    @property
    def validators(self):
        """With `max_length`, a longer text is refused where it is validated (forms, services,
        the API's schema reads it too) — Django's TextField only passes it to the widget."""
        limit = [MaxLengthValidator(self.max_length)] if self.max_length else []
        return [*super().validators, *limit]

    def to_python(self, value):
        value = super().to_python(value)
        return clean_text(value) if isinstance(value, str) else value


def _flatten_items(value):
    if isinstance(value, list):
        return [flatten(item) if isinstance(item, str) else item for item in value]
    return value


class LinesField(_SameSchema, models.JSONField):
    """A JSON list of one-line strings (tags, a question's options), each stored as one clean
    line."""

    schema_path = "django.db.models.JSONField"

    def to_python(self, value):
        return _flatten_items(super().to_python(value))

    def get_prep_value(self, value):
        return super().get_prep_value(_flatten_items(value))
