import datetime as dt

import pytest

from openhromada.accounts.models import Role
from openhromada.places.models import Hromada
from openhromada.plans import services
from tests.factories import UserFactory, with_role

D = dt.date


@pytest.fixture
def hromada(db):
    return Hromada.objects.get(slug="khmelnytska")


@pytest.fixture
def official(hromada):
    return with_role(UserFactory(display_name="Посадовиця"), Role.OFFICIAL, hromada=hromada)


@pytest.fixture
def plan(official, hromada):
    return services.plan_create(
        actor=official,
        hromada=hromada,
        title="План дій",
        start_date=D(2025, 1, 1),
        end_date=D(2026, 12, 31),
    )


def make_commitment(official, plan, **extra):
    values = {
        "title": "Відкриті дані",
        "problem": "Проблема",
        "objective": "Мета",
        "lead_body": "Управління",
        "start_date": D(2025, 1, 1),
        "end_date": D(2026, 6, 30),
        "value_access_to_information": True,
    }
    values.update(extra)
    return services.commitment_create(actor=official, plan=plan, **values)


def make_milestone(official, commitment, **extra):
    values = {
        "expected_output": "Портал",
        "start_date": D(2025, 2, 1),
        "due_date": D(2025, 6, 30),
        "responsible_body": "Управління",
        "weight": 1,
    }
    values.update(extra)
    return services.milestone_create(actor=official, commitment=commitment, **values)


@pytest.fixture
def commitment(official, plan):
    return make_commitment(official, plan)


@pytest.fixture
def milestone(official, commitment):
    return make_milestone(official, commitment)


def move(plan, official, *states):
    for state in states:
        plan = services.plan_transition(actor=official, plan=plan, to_status=state)
    return plan


@pytest.fixture
def reporting(plan, official, commitment, milestone):
    """A milestone of a plan in implementation: progress can be reported on it."""
    move(plan, official, "co_creation", "submitted", "implementation")
    return milestone


def report(official, milestone, **overrides):
    """Report progress with ordinary values; tests override what they are about."""
    values = {"date": D(2025, 3, 1), "text": "x", "status": "in_progress", "percent": 10}
    values.update(overrides)
    return services.milestone_report_progress(actor=official, milestone=milestone, **values)
