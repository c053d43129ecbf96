"""Cleaning people's text (core.text, core.fields): invisible characters go, Word's breaks become
line breaks or spaces, one-line fields refuse line breaks, and every model field holding people's
text does this whatever writes it (issue 12, item 6)."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation

from openhromada.core.fields import LineField, LinesField, LinkField, ProseField
from openhromada.core.text import (
    clean_line,
    clean_text,
    flatten,
    from_spreadsheet,
    one_line,
    spreadsheet_row,
    spreadsheet_text,
)
from openhromada.plans.models import ActionPlan, Commitment
from tests.factories.hostile import INVISIBLE, NUL

# Fields whose text no person types: hashes, codes, identifiers, derived search keys, addresses
# the platform builds, and the hash-chained history (written by the platform from cleaned values;
# every writer cleans what it reads from there).
INTERNAL = {
    "core.historyentry": {
        "actor_label",
        "object_type",
        "object_id",
        "object_repr",
        "prev_hash",
        "hash",
        "container_type",
    },
    "core.historyhead": {"last_hash"},
    "core.withholding": {"object_type", "object_id", "field"},
    "places.oblast": {"sort_key", "code"},
    "places.raion": {"sort_key", "code"},
    "places.hromada": {"sort_key", "code", "centre_code", "search_text"},
    "accounts.user": {"password", "email"},  # the e-mail: EmailValidator, never published
    "plans.evidencefile": {"content_type"},  # checked against the allowed upload types
    "monitoring.findingfile": {"content_type"},  # likewise
    # an EDRPOU code is 8 ASCII digits (a validator); a public e-mail passes EmailValidator
    "monitoring.memberorganisation": {"edrpou", "email"},
    "monitoring.memberapplication": {"edrpou", "email"},
    "notifications.notification": {"url"},
    "opendata.apitoken": {"prefix", "digest"},
}


def test_clean_text_keeps_lines_and_drops_invisible_characters():
    text = f"Рядок\x0bдругий\x0cтретій\tз табуляцією\r\nкінець{INVISIBLE}{NUL}\ud800\ufffe!"
    assert clean_text(text) == "Рядок\nдругий\nтретій\tз табуляцією\r\nкінець!"


def test_clean_line_makes_gaps_spaces_and_leaves_line_breaks_to_validation():
    assert clean_line(f"Назва\x0bз\tWord{INVISIBLE}\nще") == "Назва з Word\nще"
    assert flatten("Назва\r\nз\rWord\nще") == "Назва з Word ще"
    assert one_line(f"  Тема\r\n\x0bлиста{NUL}  ") == "Тема листа"


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_spreadsheet_text_neutralises_formulas_and_round_trips(value):
    assert spreadsheet_text(value) == "'" + value
    assert from_spreadsheet(spreadsheet_text(value)) == value


def test_spreadsheet_text_leaves_other_values():
    values = [1, -1, None, "Дані", "'=x", "a=b"]
    assert spreadsheet_row(values) == values
    assert from_spreadsheet("'Дані") == "'Дані"


def test_one_line_fields_refuse_line_breaks_and_clean_the_rest(db, plan):
    plan.title = "План\x0bдій\u202e"
    plan.summary = f"Рядок\x0bдругий{NUL}\tтретій"
    plan.full_clean()
    assert (plan.title, plan.summary) == ("План дій", "Рядок\nдругий\tтретій")
    plan.title = "План\nдій"
    with pytest.raises(ValidationError) as refused:
        plan.full_clean()
    with translation.override("en"):
        message = refused.value.message_dict["title"]
    assert message == ["Keep this on one line: remove the line breaks."]


def test_writes_that_skip_validation_still_store_clean_text(db, plan, commitment):
    ActionPlan.objects.filter(pk=plan.pk).update(title=f"План\r\nдій{INVISIBLE}")
    Commitment.objects.filter(pk=commitment.pk).update(
        problem=f"Проблема\x0b{INVISIBLE}", tags=["дані\x01", "a\nb", 5]
    )
    plan.refresh_from_db()
    commitment.refresh_from_db()
    assert plan.title == "План дій"
    assert commitment.problem == "Проблема\n" and commitment.tags == ["дані", "a b", 5]


def test_every_field_of_peoples_text_cleans_it():
    """A new CharField or TextField is a LineField or ProseField (or is listed as internal)."""
    plain = []
    for model in apps.get_models():
        if not model.__module__.startswith("openhromada."):
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, LineField | ProseField | LinkField | LinesField):
                continue
            if not isinstance(field, models.CharField | models.TextField):
                continue
            if field.choices or isinstance(field, models.SlugField):
                continue  # validated against a fixed set or pattern
            if field.name not in INTERNAL.get(model._meta.label_lower, ()):
                plain.append(f"{model._meta.label_lower}.{field.name}")
    assert not plain


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_unicode_line_separators_are_line_breaks(separator):
    from openhromada.core.fields import validate_one_line
    from openhromada.core.text import clean_text, flatten

    with pytest.raises(ValidationError):
        validate_one_line(f"Заголовок{separator}другий рядок")
    assert flatten(f"а{separator}б") == "а б"
    assert clean_text(f"а{separator}б") == "а\nб"
