"""Each field described once: a model field's `help_text` is what the forms and the admin show
under it, and what the open-data dictionary (the API schema, datapackage.json, the data pages)
and the import page say about the column that holds it.

Help texts are written for both readers: what the field holds, its unit or format, and whether
it stays private (fields of a public record are public unless their help text says otherwise).
Codes are not repeated in help texts: `described` lists a field's choices itself, so the data
dictionary can never name a code the data does not hold.
"""

from django.db import models
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# Bookkeeping every public record keeps (one description, one translation).
CREATED = _("When the record was created.")
UPDATED = _("When the record last changed.")


def _code(value, label) -> str:
    """`code (meaning)`, or the code alone where its meaning reads the same; a meaning that
    names its code (“hryvnia (UAH)”) is not made to name it twice."""
    meaning = str(label).replace(f" ({value})", "")
    if meaning[1:2].islower():  # “Real data” reads “real data” within a sentence; “US dollar” stays
        meaning = meaning[0].lower() + meaning[1:]
    if meaning.lower() == str(value).replace("_", " ").lower():
        return str(value)
    return f"{value} ({meaning})"


def _describe(field: models.Field, notes: tuple) -> str:
    parts = [str(field.help_text)]
    if field.choices:
        codes = ", ".join(_code(value, label) for value, label in field.flatchoices)
        parts.append(gettext("Values: %(codes)s.") % {"codes": codes})
    parts.extend(str(note) for note in notes)
    return " ".join(parts)


_described = lazy(_describe, str)


def described(field: models.Field, *notes):
    """The field's help text, then each of its codes with its meaning, then `notes` (e.g. how to
    write it in a spreadsheet cell) — lazily, in the reader's language."""
    return _described(field, notes)
