"""A dataset column that holds a model field is described by the field (its help text and, for a
field with codes, each code with its meaning): the data dictionary, the API schema and
datapackage.json never say something the model does not."""

import pytest
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils import translation

from openhromada.core.field_docs import described
from openhromada.opendata.base import REGISTRY
from openhromada.places.models import Hromada, Oblast
from openhromada.plans.models import ProgressUpdate

# Columns that hold no described field of the dataset's own model: automatic ids, links, codes of
# the hromada or oblast (one shared description), the history's public name of who changed
# something, and values of related records described for this dataset.
COMPUTED = {
    # independent monitoring (issue 15): counts and links computed per row
    "member_count",
    "plan_url",
    "diverges",
    "assessment_count",
    "star_count",
    "diverging_count",
    "reply_count",
    "id",
    "url",
    "api_url",
    "popolo_url",
    "survey_csv_url",
    "hromada_code",
    "oblast_code",
    "plan_id",
    "raion_code",
    "side",
    "actor",
    "consultation_id",
    "section_number",
    # readable names beside the codes (issue 14): the place, plan and commitment of a row
    "oblast_name_uk",
    "oblast_name_en",
    "hromada_name_uk",
    "hromada_name_en",
    "plan_title",
    "commitment_title",
    "commitment_titles",
}


def _field(model, name):
    for candidate in (name, name.removesuffix("_id")):
        try:
            field = model._meta.get_field(candidate)
        except FieldDoesNotExist:
            continue
        if not field.auto_created and (name == field.name or name == field.attname):
            return field
    return None


def _columns():
    for dataset in REGISTRY.values():
        model = apps.get_model(dataset.model_label)
        for column in dataset.columns:
            yield dataset.key, model, column


def test_a_column_holding_a_field_is_described_by_the_field():
    with translation.override("en"):
        differing = [
            f"{key}.{column.name}"
            for key, model, column in _columns()
            if (field := column.source or _field(model, column.name)) is not None
            and str(column.description) != str(described(field))
        ]
    assert differing == []


def test_only_computed_columns_have_their_own_description():
    own = [
        f"{key}.{column.name}"
        for key, model, column in _columns()
        if column.source is None
        and _field(model, column.name) is None
        and column.name not in COMPUTED
    ]
    assert own == []


def test_renamed_columns_are_described_by_the_field_they_hold():
    progress = REGISTRY["progress-updates"]
    reported_by = next(c for c in progress.columns if c.name == "reported_by")
    assert reported_by.source is ProgressUpdate._meta.get_field("author_label")


@pytest.mark.django_db
def test_data_page_lists_the_codes_a_column_really_holds(client):
    """The oblasts' `kind` once read “O = oblast …, K = …” while the data says oblast/arc/city."""
    page = client.get("/en/data/oblasts/").content.decode()
    assert str(Oblast._meta.get_field("kind").help_text) in page.replace("&#x27;", "'")
    for code in ("oblast", "arc (autonomous republic)", "city (city with special status)"):
        assert code in page
    assert "O = oblast" not in page
    hromadas = client.get("/en/data/hromadas/").content.decode()
    assert "H (territorial community)" in hromadas
    assert str(Hromada._meta.get_field("population").help_text) in hromadas.replace("&#x27;", "'")
