"""A small public world for open-data tests: one public plan with a report, one draft plan."""

import pytest

from openhromada.accounts.models import Role
from openhromada.places.models import Hromada
from openhromada.plans import services
from tests.factories import UserFactory, with_role
from tests.plans.fixtures import D, make_commitment, make_milestone, move, report


@pytest.fixture
def operator(db):
    return with_role(UserFactory(display_name="Операторка"), Role.OPERATOR)


@pytest.fixture
def public_plan(official, plan):
    """Khmelnytskyi's plan in implementation: 2 commitments, 3 milestones, 1 progress report."""
    first = make_commitment(official, plan, title="Реєстр відкритих даних", lead_body="ІТ")
    second = make_commitment(official, plan, title="Бюджет участі", lead_body="Фінуправління")
    m1 = make_milestone(official, first, expected_output="Портал відкритих даних")
    make_milestone(official, first, expected_output="Навчання", due_date=D(2025, 9, 1))
    make_milestone(official, second, expected_output="Положення про бюджет участі")
    move(plan, official, "co_creation", "submitted", "implementation")
    report(official, m1, text="Портал запущено", links=[{"url": "https://data.example.org/"}])
    return plan


@pytest.fixture
def draft_plan(db):
    """Ternopil's draft: never in any public output."""
    hromada = Hromada.objects.get(slug="ternopilska")
    official = with_role(
        UserFactory(email="secret.official@example.org"), Role.OFFICIAL, hromada=hromada
    )
    plan = services.plan_create(
        actor=official,
        hromada=hromada,
        title="Чернетка ТАЄМНИЦЯ",
        start_date=D(2025, 1, 1),
        end_date=D(2026, 12, 31),
    )
    commitment = make_commitment(official, plan, title="Зобов'язання ТАЄМНИЦЯ")
    make_milestone(official, commitment, expected_output="Етап ТАЄМНИЦЯ")
    return plan
