"""A public record declares itself once, on its model (core.records): the visibility rule and
withholding are derived from that declaration, never registered by hand beside it."""

from pathlib import Path

import pytest

from openhromada.core import records, visibility, withholding
from openhromada.places.models import Hromada
from tests.plans.fixtures import commitment, hromada, milestone, official, plan, report, reporting  # noqa: F401

SRC = Path(__file__).resolve().parents[2] / "src" / "openhromada"


def test_withheld_ancestors_are_walked_from_the_parents():
    assert withholding.REGISTRY["plans.progressupdate"].ancestors == {
        "plans.milestone": "milestone_id",
        "plans.commitment": "milestone__commitment_id",
        "plans.actionplan": "milestone__commitment__plan_id",
    }
    assert withholding.REGISTRY["councils.vote"].ancestors == {
        "councils.motion": "motion_id",
        "councils.agendaitem": "motion__item_id",
        "councils.meeting": "motion__item__meeting_id",
    }
    assert withholding.REGISTRY["councils.vote"].fields == ()


def test_a_declared_state_reaches_the_visibility_rule():
    spec = visibility.REGISTRY["plans.actionplan"]
    assert str(spec.unpublished("")) == "(AND: ('status', PlanStatus.DRAFT))"
    assert visibility.REGISTRY["plans.commitment"].parents == ("plan",)


# Records of no one hromada: a monitoring network spans regions, and so do its members' records
SPAN_REGIONS = {"monitoring.monitoringnetwork", "monitoring.memberorganisation"}


@pytest.mark.parametrize("model", records.public_models(), ids=lambda m: m._meta.label_lower)
def test_every_declared_hromada_lookup_leads_to_a_hromada(model):
    lookups = records.declared(model).hromada
    if model._meta.label_lower in SPAN_REGIONS:
        assert not lookups
        return
    assert lookups, "say which hromada the record belongs to"
    for lookup in (lookups,) if isinstance(lookups, str) else lookups:
        target = model
        for name in [] if lookup == "pk" else lookup.split("__"):
            target = target._meta.get_field(name).related_model
        assert target is Hromada, lookup


def test_every_registered_kind_is_declared_on_its_model():
    declared = {m._meta.label_lower for m in records.public_models()}
    assert set(visibility.REGISTRY) | set(withholding.REGISTRY) <= declared


def test_no_app_registers_publicity_or_withholding_by_hand():
    offenders = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if path.parent.name != "core"
        and ("Publicity(" in path.read_text() or "Withholdable(" in path.read_text())
    ]
    assert offenders == [], "declare RECORD = PublicRecord(...) on the model instead"


@pytest.mark.django_db
def test_hromada_of_follows_the_declared_lookup(official, reporting, hromada):  # noqa: F811
    update = report(official, reporting)
    assert records.hromada_of(update) == hromada
    assert records.hromada_of(hromada) == hromada
