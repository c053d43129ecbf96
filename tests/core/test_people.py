"""People in public: a neutral label for an account without a public name (no id, the same
everywhere), supporters left out of the history, and stored names that showed an id rewritten."""

import importlib
import re

import pytest
from django.apps import apps
from django.utils import translation

from openhromada.core import people
from openhromada.participation.models import ModerationEntry
from openhromada.plans.models import PlanTransition


def test_the_tag_is_stable_short_and_not_the_id():
    tags = {people.resident_tag(pk) for pk in range(1, 2001)}
    assert len(tags) > 1990  # two accounts rarely share one
    assert all(re.fullmatch(r"[2-9DFGJNQRSUVWZ]{5}", tag) for tag in tags)
    assert people.resident_tag(12) == people.resident_tag(12)


def test_the_tag_depends_on_the_secret_key(settings):
    before = people.resident_tag(12)
    settings.SECRET_KEY = "another-secret-key-" * 4
    assert people.resident_tag(12) != before  # nobody without the key can work the id out


def test_a_public_name_is_the_chosen_one_or_the_neutral_label():
    with translation.override("en"):
        assert people.public_name("Олена К.", 12) == "Олена К."
        assert people.public_name("", 12) == f"Resident {people.resident_tag(12)}"


@pytest.mark.parametrize(
    ("actor_id", "label", "changes", "shown"),
    [
        (7, "Петро", {"support_count": [0, 1]}, "resident"),  # recorded before: no name now
        (None, "resident", {"support_count": [1, 2]}, "resident"),
        (7, "Петро", {"title": ["А", "Б"]}, "Петро"),  # other changes keep their author
        (7, "Петро", {"support_count": [0, 1], "title": ["А", "Б"]}, "Петро"),
        (None, "system", {"title": ["А", "Б"]}, "system"),
        (7, "Мешканець №7", {"title": ["А", "Б"]}, "TAG7"),  # the old id label
        (7, "Resident #7", {"title": ["А", "Б"]}, "TAG7"),
        # a name someone chose that poses as another resident's label: their own label instead
        (8, "Мешканець №7", {"title": ["А", "Б"]}, "TAG8"),
    ],
)
def test_whom_a_history_entry_names(actor_id, label, changes, shown):
    with translation.override("en"):
        tags = {"TAG7": people.resident_label(7), "TAG8": people.resident_label(8)}
        expected = tags.get(shown, shown)
        assert people.public_actor(actor_id, label, "participation.proposal", changes) == expected


@pytest.mark.django_db
def test_the_migrations_rewrite_stored_names_that_show_an_id(plan, official):
    transition = PlanTransition.objects.create(
        plan=plan, from_status="draft", to_status="co_creation", actor_label="Мешканець №41"
    )
    chosen = PlanTransition.objects.create(
        plan=plan, from_status="draft", to_status="co_creation", actor_label="Оксана"
    )
    entry = ModerationEntry.objects.create(action="block", rule="spam", subject_name="Resident #9")
    for module in (
        "openhromada.plans.migrations.0005_labels_without_account_ids",
        "openhromada.participation.migrations.0003_labels_without_account_ids",
    ):
        importlib.import_module(module).forwards(apps, None)
    with translation.override("uk"):
        assert PlanTransition.objects.get(pk=transition.pk).actor_label == people.resident_label(41)
        assert ModerationEntry.objects.get(pk=entry.pk).subject_name == people.resident_label(9)
    assert PlanTransition.objects.get(pk=chosen.pk).actor_label == "Оксана"
