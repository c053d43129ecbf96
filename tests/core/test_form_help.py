"""A form's hint tells the person what to type (issue 14, the phone review): a model's help_text
describes the data for the data dictionary ("Назва плану."), and shown under a field labelled
"Назва" it only repeats the label. Forms override such help with an instruction."""

import re

from django import forms
from django.utils import translation

from openhromada.councils import forms as council_forms
from openhromada.participation.calls import forms as call_forms
from openhromada.participation.consultations import forms as consultation_forms
from openhromada.plans import forms as plan_forms

MODULES = (plan_forms, council_forms, call_forms, consultation_forms)


def _words(text) -> set[str]:
    return set(re.findall(r"[\w’']+", str(text).lower()))


def repeats_label(label, help_text) -> bool:
    """Most of the label's words again, and at most two more."""
    label_words, help_words = _words(label), _words(help_text)
    if not label_words or not help_words:
        return False
    shared = len(label_words & help_words)
    return shared * 2 >= len(label_words) and len(help_words - label_words) <= 2


def test_the_rule_tells_a_repeated_label_from_an_instruction():
    assert repeats_label("Назва", "Назва плану.")
    assert repeats_label("Кінцевий строк", "Кінцевий строк етапу.")
    assert not repeats_label("теги", "Через кому.")
    assert not repeats_label("Назва", "Один рядок про те, що ви пропонуєте.")


def test_no_hint_on_a_form_repeats_its_field_label():
    repeated = []
    with translation.override("uk"):
        for module in MODULES:
            for name in dir(module):
                form = getattr(module, name)
                if not (isinstance(form, type) and issubclass(form, forms.BaseForm)):
                    continue
                if form.__module__ != module.__name__:
                    continue
                for field_name, field in form.base_fields.items():
                    if repeats_label(field.label or field_name, field.help_text):
                        repeated.append(f"{name}.{field_name}: {field.label} | {field.help_text}")
    assert repeated == []
