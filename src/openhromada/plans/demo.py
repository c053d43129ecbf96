"""Demonstration action plans (labelled demo data), built through the services so that every
step — drafting, submission, progress — is in the public history like real work."""

import datetime as dt

from django.utils import timezone

from openhromada.core import clock
from openhromada.places.models import Hromada

from . import services
from .lifecycle import PlanStatus
from .models import ActionPlan

D = dt.date

# Commitments typical of Ukrainian local plans. Milestones: (output, start, due, body, weight,
# status, percent) — status None means no report yet.
KHMELNYTSKYI_2025 = [
    (
        "Портал відкритих даних міста",
        "value_access_to_information",
        "Управління цифрової трансформації",
        "Дані міської ради публікуються розрізнено, у незручних форматах.",
        "Щонайменше 60 наборів даних у машиночитаних форматах, оновлюваних за графіком.",
        [
            (
                "Інвентаризація наборів даних",
                D(2025, 3, 1),
                D(2025, 5, 31),
                "Управління цифрової трансформації",
                1,
                "completed",
                100,
            ),
            (
                "Запуск порталу з 30 наборами",
                D(2025, 6, 1),
                D(2025, 10, 31),
                "Управління цифрової трансформації",
                2,
                "completed",
                100,
            ),
            (
                "60 наборів і графік оновлення",
                D(2025, 11, 1),
                D(2026, 6, 30),
                "Управління цифрової трансформації",
                2,
                "delayed",
                55,
            ),
            (
                "Звіт про використання даних",
                D(2026, 7, 1),
                D(2026, 12, 31),
                "Управління цифрової трансформації",
                1,
                None,
                0,
            ),
        ],
    ),
    (
        "Бюджет участі для молоді",
        "value_civic_participation",
        "Управління молоді та спорту",
        "Молодь рідко бере участь у розподілі міських коштів.",
        "Окремий молодіжний конкурс проєктів бюджету участі з онлайн-голосуванням від 14 років.",
        [
            (
                "Положення про молодіжний бюджет участі",
                D(2025, 3, 1),
                D(2025, 6, 30),
                "Управління молоді та спорту",
                1,
                "completed",
                100,
            ),
            (
                "Перший конкурс проєктів",
                D(2025, 9, 1),
                D(2025, 12, 15),
                "Управління молоді та спорту",
                2,
                "completed",
                100,
            ),
            (
                "Реалізація проєктів-переможців",
                D(2026, 1, 1),
                D(2026, 10, 31),
                "Управління молоді та спорту",
                2,
                "in_progress",
                70,
            ),
        ],
    ),
    (
        "Електронні послуги в ЦНАП",
        "value_technology_innovation",
        "Центр надання адміністративних послуг",
        "Мешканці витрачають час на черги для простих послуг.",
        "20 найпоширеніших послуг доступні онлайн; середній час очікування в ЦНАП менше 10 хвилин.",
        [
            (
                "Аналіз 20 найпоширеніших послуг",
                D(2025, 3, 1),
                D(2025, 5, 31),
                "ЦНАП",
                1,
                "completed",
                100,
            ),
            (
                "Онлайн-запис і електронна черга",
                D(2025, 6, 1),
                D(2025, 12, 31),
                "ЦНАП",
                2,
                "completed",
                100,
            ),
            ("10 послуг онлайн", D(2026, 1, 1), D(2026, 6, 30), "ЦНАП", 2, "in_progress", 60),
            (
                "Опитування задоволеності",
                D(2026, 9, 1),
                D(2026, 11, 15),
                "ЦНАП",
                1,
                "not_started",
                0,
            ),
        ],
    ),
    (
        "Прозорість публічних закупівель",
        "value_public_accountability",
        "Фінансове управління",
        "Мешканцям важко стежити за закупівлями міських підприємств.",
        "Щомісячні звіти про закупівлі всіх комунальних підприємств і дашборд на сайті міста.",
        [
            (
                "Перелік комунальних замовників",
                D(2025, 4, 1),
                D(2025, 6, 30),
                "Фінансове управління",
                1,
                "completed",
                100,
            ),
            (
                "Дашборд закупівель",
                D(2025, 7, 1),
                D(2026, 3, 31),
                "Фінансове управління",
                2,
                "in_progress",
                40,
            ),
            (
                "Громадський моніторинг закупівель",
                D(2026, 4, 1),
                D(2026, 9, 30),
                "Фінансове управління",
                1,
                None,
                0,
            ),
        ],
    ),
    (
        "Координаційна рада з відкритого врядування",
        "value_civic_participation",
        "Секретаріат міської ради",
        "Немає постійного майданчика для діалогу влади і громадськості щодо плану дій.",
        "Рада з двома співголовами, яка збирається щокварталу й публікує протоколи.",
        [
            (
                "Положення про координаційну раду",
                D(2025, 3, 1),
                D(2025, 4, 30),
                "Секретаріат міської ради",
                1,
                "completed",
                100,
            ),
            (
                "Щоквартальні засідання з протоколами",
                D(2025, 5, 1),
                D(2026, 12, 31),
                "Секретаріат міської ради",
                2,
                "in_progress",
                50,
            ),
        ],
    ),
]

KHMELNYTSKYI_2021 = [
    (
        "Відкриті дані про бюджет",
        "value_access_to_information",
        "Фінансове управління",
        "Бюджет міста публікувався лише у форматі PDF.",
        "Бюджет і звіти про виконання у форматі відкритих даних.",
        [
            (
                "Публікація бюджету у CSV",
                D(2021, 3, 1),
                D(2021, 6, 30),
                "Фінансове управління",
                1,
                "completed",
                100,
            ),
            (
                "Візуалізація бюджету на сайті",
                D(2021, 7, 1),
                D(2022, 3, 31),
                "Фінансове управління",
                1,
                "completed",
                100,
            ),
        ],
    ),
    (
        "Електронні петиції та консультації",
        "value_civic_participation",
        "Відділ з питань звернень громадян",
        "Мешканці не мали зручного способу подати ініціативу раді.",
        "Платформа е-петицій і консультацій з публічними відповідями.",
        [
            (
                "Запуск платформи",
                D(2021, 4, 1),
                D(2021, 9, 30),
                "Відділ з питань звернень громадян",
                2,
                "completed",
                100,
            ),
            (
                "Навчання посадовців",
                D(2021, 10, 1),
                D(2022, 2, 28),
                "Відділ з питань звернень громадян",
                1,
                "cancelled",
                0,
            ),
        ],
    ),
]

TERNOPIL_2025 = [
    (
        "Інклюзивний ЦНАП",
        "value_civic_participation",
        "Центр надання адміністративних послуг",
        "Люди з інвалідністю та ветерани стикаються з бар'єрами в отриманні послуг.",
        "Безбар'єрний ЦНАП і виїзні послуги для маломобільних мешканців.",
        [
            ("Аудит доступності", D(2025, 4, 1), D(2025, 7, 31), "ЦНАП", 1, "completed", 100),
            ("Виїзний адміністратор", D(2025, 8, 1), D(2026, 3, 31), "ЦНАП", 2, "delayed", 30),
        ],
    ),
    (
        "Відкритий реєстр міського майна",
        "value_public_accountability",
        "Управління комунальної власності",
        "Немає публічного переліку об'єктів комунальної власності та орендарів.",
        "Повний відкритий реєстр майна й договорів оренди з регулярним оновленням.",
        [
            (
                "Інвентаризація об'єктів",
                D(2025, 4, 1),
                D(2025, 12, 31),
                "Управління комунальної власності",
                2,
                "in_progress",
                80,
            ),
            (
                "Публікація реєстру",
                D(2026, 1, 1),
                D(2026, 8, 31),
                "Управління комунальної власності",
                1,
                None,
                0,
            ),
        ],
    ),
]

VINNYTSIA_2025 = [
    (
        "Громадський контроль за відбудовою",
        "value_public_accountability",
        "Департамент капітального будівництва",
        "Мешканці не бачать, як витрачаються кошти на відновлення об'єктів.",
        "Публічна карта об'єктів відбудови з кошторисами, підрядниками та строками.",
        [
            (
                "Перелік об'єктів і кошторисів",
                D(2025, 9, 1),
                D(2025, 12, 31),
                "Департамент капітального будівництва",
                1,
                None,
                0,
            ),
            (
                "Публічна карта відбудови",
                D(2026, 1, 1),
                D(2026, 6, 30),
                "Департамент капітального будівництва",
                2,
                None,
                0,
            ),
        ],
    ),
]

DEMO_PLANS = [
    # hromada code, start, end, title, final status, commitments
    (
        "UA68040470000053519",
        D(2021, 1, 1),
        D(2022, 12, 31),
        "Перший план дій Хмельницького в межах OGP Local",
        "completed",
        KHMELNYTSKYI_2021,
    ),
    (
        "UA68040470000053519",
        D(2025, 1, 1),
        D(2026, 12, 31),
        "План дій Хмельницької громади з відкритого врядування",
        "implementation",
        KHMELNYTSKYI_2025,
    ),
    (
        "UA61040490000035010",
        D(2025, 1, 1),
        D(2026, 12, 31),
        "План дій Тернопільської громади OGP Local",
        "implementation",
        TERNOPIL_2025,
    ),
    (
        "UA05020030000031457",
        D(2025, 7, 1),
        D(2027, 6, 30),
        "Проєкт плану дій Вінницької громади",
        "co_creation",
        VINNYTSIA_2025,
    ),
]
_TO_IMPLEMENTATION = [PlanStatus.CO_CREATION, PlanStatus.SUBMITTED, PlanStatus.IMPLEMENTATION]
PATH = {
    PlanStatus.IMPLEMENTATION: _TO_IMPLEMENTATION,
    PlanStatus.COMPLETED: _TO_IMPLEMENTATION,
    PlanStatus.CO_CREATION: [PlanStatus.CO_CREATION],
}


def load(*, officials: dict, on_co_creation=None) -> list[ActionPlan]:
    """Create the demo plans once; `officials` maps a hromada code to its demo official.
    `on_co_creation(plan, official)` runs while each plan is in co-creation (apps built on plans
    add what happened then, e.g. the call for proposals), before the plan moves on."""
    plans = []
    for code, start, end, title, final, commitments in DEMO_PLANS:
        hromada = Hromada.objects.get(code=code)
        slug = f"{start.year}-{end.year}"
        existing = ActionPlan.objects.filter(hromada=hromada, slug=slug).first()
        if existing:
            plans.append(existing)
            continue
        official = officials[code]
        dates = _story(start, end, final)
        with clock.travel(dates["created"]):
            plan = services.plan_create(
                actor=official,
                hromada=hromada,
                title=title,
                start_date=start,
                end_date=end,
                origin="demo",
                summary="Демонстраційний план дій на основі типових "
                "зобов'язань українських громад в OGP Local.",
            )
            milestones = _write_commitments(official, plan, commitments, start, end)
        for state in PATH[final]:
            with clock.travel(dates[state]):
                plan = services.plan_transition(actor=official, plan=plan, to_status=state)
            if state == PlanStatus.CO_CREATION and on_co_creation is not None:
                # the call and the consultation ran before the plan was submitted
                with clock.travel(dates["co_created"]):
                    on_co_creation(plan, official)
        if final in (PlanStatus.IMPLEMENTATION, PlanStatus.COMPLETED):
            _report(official, milestones)
        if final == PlanStatus.COMPLETED:
            with clock.travel(dates[PlanStatus.COMPLETED]):
                services.plan_transition(actor=official, plan=plan, to_status=PlanStatus.COMPLETED)
        plans.append(plan)
    services.milestones_mark_overdue()
    return plans


def _story(start: dt.date, end: dt.date, final: str) -> dict:
    """When each step of a demo plan happened: drafted four months before its period, co-created
    in the autumn, submitted in January and approved by the council in February (as the
    councils demo's meeting records), completed a month after its period. A plan still in
    co-creation is the demo's present: its steps are dated now."""
    if final == PlanStatus.CO_CREATION:
        now = timezone.now()
        return {"created": now, PlanStatus.CO_CREATION: now, "co_created": now}
    return {
        "created": start - dt.timedelta(days=120),
        PlanStatus.CO_CREATION: start - dt.timedelta(days=119),
        "co_created": start + dt.timedelta(days=9),
        PlanStatus.SUBMITTED: start + dt.timedelta(days=14),
        PlanStatus.IMPLEMENTATION: start + dt.timedelta(days=42),
        PlanStatus.COMPLETED: end + dt.timedelta(days=30),
    }


def _write_commitments(official, plan, commitments, start, end):
    reports = []
    for title, value, body, problem, objective, milestones in commitments:
        commitment = services.commitment_create(
            actor=official,
            plan=plan,
            title=title,
            problem=problem,
            objective=objective,
            lead_body=body,
            start_date=min(m[1] for m in milestones) if milestones else start,
            end_date=max(m[2] for m in milestones) if milestones else end,
            **{value: True},
            tags=["демо"],
            actors=[
                services.ActorInput(
                    "Громадська організація «Відкрите місто» (демо)", "civil_society"
                )
            ],
        )
        for output, m_start, due, m_body, weight, status, percent in milestones:
            milestone = services.milestone_create(
                actor=official,
                commitment=commitment,
                expected_output=output,
                start_date=m_start,
                due_date=due,
                responsible_body=m_body,
                weight=weight,
            )
            if status:
                reports.append((milestone, status, percent))
    return reports


def _report(official, reports):
    today = timezone.localdate()
    for milestone, status, percent in reports:
        date = min(milestone.due_date, today - dt.timedelta(days=1))
        with clock.travel(date, hour=15):  # reported on the day it says
            services.milestone_report_progress(
                actor=official,
                milestone=milestone,
                date=date,
                status=status,
                percent=percent,
                text="Демонстраційний звіт про виконання етапу.",
                links=[{"url": "https://example.org/demo-evidence"}],
            )
