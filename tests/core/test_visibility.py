"""The one visibility rule (core.visibility) answers alike in SQL and on a loaded record, for every
registered kind of record, across drafts, hidden content, unpublished records and withholdings."""

import datetime as dt

import pytest
from django.apps import apps

from openhromada.core import visibility
from openhromada.core.withholding import active, withholding_create
from openhromada.participation.comments.services import comment_post
from openhromada.participation.consultations import services as consultations
from openhromada.participation.moderation import services as moderation
from openhromada.plans.models import ActionPlan
from tests.councils.fixtures import meeting
from tests.participation.fixtures import draft_consultation, open_call, submit, window
from tests.plans.fixtures import make_commitment, make_milestone

pytestmark = pytest.mark.django_db


@pytest.fixture
def mixed(official, operator, hromada, co_plan, council, members, resident):
    """Records in every state: public, draft, hidden, unpublished, inside a withheld record."""
    call = open_call(official, co_plan)
    shown, hidden = submit(resident, call), submit(resident, call, title="Спам")
    comment_post(actor=resident, proposal=shown, text="Видимий")
    comment_post(actor=resident, proposal=hidden, text="Під прихованою")
    moderation.content_hide(actor=official, obj=hidden, rule="spam")
    draft_plan = ActionPlan.objects.create(
        hromada=hromada,
        slug="draft-2025",
        title="Чернетка",
        start_date=dt.date(2025, 1, 1),
        end_date=dt.date(2026, 12, 31),
    )
    make_milestone(official, make_commitment(official, draft_plan))
    withheld_plan = ActionPlan.objects.create(
        hromada=hromada,
        slug="withheld-2025",
        title="Прихований",
        start_date=dt.date(2025, 1, 1),
        end_date=dt.date(2026, 12, 31),
    )
    make_commitment(official, withheld_plan)
    ActionPlan.objects.filter(pk=withheld_plan.pk).update(status="implementation")
    withholding_create(actor=operator, obj=withheld_plan, reason="Безпека")
    draft_consultation(official, hromada)  # never published
    published = consultations.consultation_publish(
        actor=official, consultation=draft_consultation(official, hromada, **window())
    )
    comment_post(actor=resident, section=published.sections.first(), text="До розділу")
    meeting(official, council, publish=False, items=("Закрите питання",))
    meeting(official, council, items=("Відкрите питання",))
    return call


def test_sql_and_record_answers_agree_for_every_registered_kind(mixed):
    withheld = active()
    assert withheld  # the withheld plan is in force
    checked = 0
    for label in visibility.REGISTRY:
        model = apps.get_model(label)
        rows = list(model._default_manager.all())
        by_record = {o.pk for o in rows if visibility.is_visible(o, withheld)}
        by_sql = set(
            visibility.visible(model._default_manager.all(), withheld).values_list("pk", flat=True)
        )
        assert by_record == by_sql, label
        if len(by_record) not in (0, len(rows)):
            checked += 1  # this kind had both public and non-public records
    assert checked >= 6


def test_a_record_lives_in_its_parents(mixed):
    withheld = active()
    comments = apps.get_model("participation.comment")._default_manager
    assert not visibility.is_visible(comments.get(text="Під прихованою"), withheld)
    assert visibility.is_visible(comments.get(text="Видимий"), withheld)
    commitments = apps.get_model("plans.commitment")._default_manager
    assert not visibility.is_visible(commitments.get(plan__slug="draft-2025"), withheld)
    assert visibility.state_of(commitments.get(plan__slug="withheld-2025"), withheld) == "withheld"


def test_the_indexed_not_public_sets_are_the_complement_of_the_public_ones(mixed, operator):
    from openhromada.core.models import Withholding

    Withholding.objects.all().delete()  # the states alone (withholding is asked separately)
    withheld = active()
    for label in visibility.REGISTRY:
        model = apps.get_model(label)
        public = set(
            visibility.visible(model._default_manager.all(), withheld).values_list("pk", flat=True)
        )
        private = visibility.not_public_by_state(label)
        hidden = set() if private is None else {row["pk"] for row in private}
        everything = set(model._default_manager.values_list("pk", flat=True))
        assert public | hidden == everything and not public & hidden, label
