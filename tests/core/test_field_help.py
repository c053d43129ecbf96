"""Each field is described once, in its `help_text`: forms, the admin, the open-data dictionary
(the API schema, datapackage.json, the data pages) and the import page say what the model says."""

from django.apps import apps
from django.utils import translation

from openhromada.core.field_docs import described
from openhromada.plans.models import ActionPlan, Commitment

# Fields we do not describe, each with the reason.
EXEMPT = {
    # Django's own account fields, private to the account and never shown or exported.
    "accounts.user": {"password", "last_login", "date_joined"},
}


def _project_fields():
    for config in apps.get_app_configs():
        if not config.name.startswith("openhromada."):
            continue
        for model in config.get_models():
            for field in model._meta.get_fields():
                if field.auto_created:  # reverse relations, automatic ids and m2m tables
                    continue
                yield model._meta.label_lower, field


def test_every_field_of_every_project_model_says_what_it_holds():
    missing = [
        f"{label}.{field.name}"
        for label, field in _project_fields()
        if not str(field.help_text).strip() and field.name not in EXEMPT.get(label, ())
    ]
    assert missing == []


def test_every_description_is_a_sentence():
    """Descriptions are read alone (a form's hint) and strung together (the data dictionary adds
    a field's codes after it), so each one is a capitalised sentence with its full stop."""
    ragged = [
        f"{label}.{field.name}: {field.help_text}"
        for label, field in _project_fields()
        if field.help_text
        and not (str(field.help_text)[0].isupper() and str(field.help_text).endswith("."))
    ]
    assert ragged == []


def test_a_field_with_codes_is_described_with_each_code_and_its_meaning():
    status = ActionPlan._meta.get_field("status")
    with translation.override("en"):
        text = str(described(status))
        assert text.startswith(str(status.help_text))
        assert "draft, co_creation (co-creation), submitted," in text  # a label like its code once
    with translation.override("uk"):  # the meanings in the reader's language, the codes as sent
        assert "co_creation (спільне напрацювання)" in str(described(status))
    title = Commitment._meta.get_field("title")  # no codes: the help text alone
    assert str(described(title)) == str(title.help_text)
