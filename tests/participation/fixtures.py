import datetime as dt

import pytest
from django.utils import timezone

from openhromada.participation.calls import services
from openhromada.participation.consultations import services as consultations
from tests.factories import UserFactory
from tests.plans.fixtures import make_commitment, move

NOW = timezone.now


def window(days_before=1, days_after=30) -> dict:
    now = timezone.now()
    return {
        "opens_at": now - dt.timedelta(days=days_before),
        "closes_at": now + dt.timedelta(days=days_after),
    }


@pytest.fixture
def co_plan(plan, official):
    """The plan in co-creation, with two commitments a response can link to."""
    make_commitment(official, plan)
    make_commitment(official, plan, title="Бюджет участі")
    return move(plan, official, "co_creation")


def open_call(official, plan, **extra):
    values = {
        "title": "Пропозиції до плану дій",
        "description": "Надсилайте ідеї",
        "rules": "Одна ідея — одна пропозиція",
        "categories": ["Доступ до інформації", "Громадська участь"],
        **window(),
    }
    values.update(extra)
    return services.call_create(actor=official, plan=plan, **values)


@pytest.fixture
def call(official, co_plan):
    return open_call(official, co_plan)


@pytest.fixture
def resident(db):
    return UserFactory(display_name="Оксана")


@pytest.fixture
def neighbour(db):
    return UserFactory(display_name="Петро")


def submit(resident, call, **extra):
    values = {
        "title": "Відкрити дані про ремонти доріг",
        "problem": "Ніхто не знає, де і коли ремонтують",
        "solution": "Публікувати графік ремонтів як відкриті дані",
        "category": call.categories.first(),
    }
    values.update(extra)
    return services.proposal_submit(actor=resident, call=call, **values)


@pytest.fixture
def proposal(resident, call):
    return submit(resident, call)


def draft_consultation(official, hromada, **extra):
    values = {
        "title": "Проєкт Положення про бюджет участі",
        "description": "Обговорюємо проєкт",
        **window(days_before=-1, days_after=30),
    }
    values.update(extra)
    consultation = consultations.consultation_create(actor=official, hromada=hromada, **values)
    consultations.section_save(
        actor=official, consultation=consultation, title="Загальні положення", text="Текст 1"
    )
    consultations.section_save(
        actor=official, consultation=consultation, title="Порядок голосування", text="Текст 2"
    )
    return consultation


@pytest.fixture
def consultation(official, hromada):
    """A published consultation whose comment period is open now."""
    consultation = draft_consultation(official, hromada, **window())
    consultations.question_save(
        actor=official,
        consultation=consultation,
        text="Чи підтримуєте ви проєкт?",
        kind="single",
        options=["Так", "Ні"],
    )
    consultations.question_save(
        actor=official, consultation=consultation, text="Оцініть ясність", kind="scale", options=[]
    )
    return consultations.consultation_publish(actor=official, consultation=consultation)


@pytest.fixture
def en():
    """Messages matched in English (the pages' tests read them in Ukrainian)."""
    from django.utils import translation

    with translation.override("en"):
        yield
