"""Demonstration co-creation (labelled demo data), built through the services so every step is
in the public history:

* Khmelnytskyi: the closed call for proposals to its 2025–2026 plan, run while the plan was in
  co-creation, with every proposal answered and the accepted ones linked to their commitments;
  and the consultation on that draft plan, closed, with its summary report.
* Vinnytsia: an open call for its draft 2025–2027 plan, some proposals still awaiting a response.
* Ternopil: an open consultation on a draft participatory-budget regulation, with a survey.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from openhromada.accounts.demo import DEMO_ACCOUNTS, residents
from openhromada.core import clock
from openhromada.notifications.services import follow
from openhromada.places.models import Hromada

from . import windows
from .calls import services as calls
from .comments.services import comment_post
from .consultations import services as consultations
from .lifecycle import ResponseKind
from .models import Call, Consultation
from .moderation import services as moderation

KHMELNYTSKYI = "UA68040470000053519"
TERNOPIL = "UA61040490000035010"
VINNYTSIA = "UA05020030000031457"
OGP_VALUES = [
    "Доступ до інформації",
    "Громадська участь",
    "Публічна підзвітність",
    "Технології та інновації",
]
# the demo's own resident account (resident@), as accounts.demo names it
DEMO_RESIDENT = next((a.email, a.display_name) for a in DEMO_ACCOUNTS if a.role == "resident")
RESIDENTS = [
    ("maria.demo@demo.openhromada.org", "Марія Кравчук (демо)"),
    ("ivan.demo@demo.openhromada.org", "Іван Петренко (демо)"),
    ("olha.demo@demo.openhromada.org", "Ольга Сидоренко (демо)"),
    ("taras.demo@demo.openhromada.org", "Тарас Мельничук (демо)"),
    ("sofia.demo@demo.openhromada.org", "Софія Левченко (демо)"),
]
# title, problem, solution, category, response, reason, commitment title (or merged-into index)
KHMELNYTSKYI_PROPOSALS = [
    (
        "Відкрити дані про ремонти доріг",
        "Мешканці не знають, де й коли ремонтують дороги, і скільки це коштує.",
        "Публікувати графік і кошториси ремонтів як відкриті дані, щомісяця.",
        0,
        "accepted",
        "Увійшло до зобов’язання про портал відкритих даних: набір «Ремонти доріг» — серед "
        "перших 60.",
        "Портал відкритих даних міста",
    ),
    (
        "Бюджет участі, за який голосує молодь",
        "Молодь 14–17 років не може подавати проєкти до громадського бюджету.",
        "Окремий молодіжний бюджет участі з голосуванням від 14 років.",
        1,
        "accepted",
        "Стала окремим зобов’язанням плану: бюджет участі для молоді.",
        "Бюджет участі для молоді",
    ),
    (
        "Записатися до ЦНАП онлайн",
        "Черги в ЦНАП по дві години, особливо в понеділок.",
        "Електронна черга і статус заяви онлайн.",
        3,
        "partly",
        "Онлайн-запис і статус заяви увійшли до зобов’язання; SMS-сповіщення — пізніше, коли "
        "буде кошторис.",
        "Електронні послуги в ЦНАП",
    ),
    (
        "Оприлюднювати всі договори закупівель",
        "Договори з допорогових закупівель важко знайти.",
        "Публікувати договори й акти на порталі разом із Prozorro.",
        2,
        "accepted",
        "Увійшло до зобов’язання про прозорість закупівель.",
        "Прозорість публічних закупівель",
    ),
    (
        "Дані про ремонти доріг на мапі",
        "Потрібна мапа ремонтів.",
        "Показувати ремонти на мапі міста.",
        0,
        "merged",
        "Те саме, що пропозиція № 1; мапу буде зроблено на основі того самого набору даних.",
        0,
    ),
    (
        "Мобільний застосунок міста для всього",
        "Послуги розкидані по різних сайтах.",
        "Один застосунок для всіх послуг міста.",
        3,
        "rejected",
        "Державний застосунок «Дія» вже надає більшість послуг; місто розвиватиме електронні "
        "послуги в ЦНАП (зобов’язання 3), а не окремий застосунок.",
        None,
    ),
]
VINNYTSIA_PROPOSALS = [
    (
        "Мапа відбудови з фото до і після",
        "Не видно, які об’єкти відбудовують і на якому етапі.",
        "Публічна мапа об’єктів відбудови з фото, кошторисом і підрядником.",
        2,
    ),
    (
        "Громадський нагляд за ремонтом шкіл",
        "Батьки не знають, що ремонтують у школах.",
        "Батьківські комітети отримують доступ до актів і графіків робіт.",
        1,
    ),
    (
        "Звіти підрядників у відкритих даних",
        "Звіти підрядників публікують сканами.",
        "Машиночитані звіти за єдиним шаблоном.",
        0,
    ),
]


def _days_ago(days: float) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


def _talk(proposal, people, n_supports: int, comments: list[str]) -> None:
    supporters = [p for p in people if p.pk != proposal.author_id][:n_supports]
    for user in supporters:
        calls.proposal_support(actor=user, proposal=proposal)
    previous = None
    for i, text in enumerate(comments):
        author = supporters[i % len(supporters)] if supporters else people[0]
        parent = previous if i % 2 else None
        comment = comment_post(
            actor=author,
            proposal=proposal,
            text=text,
            parent_id=parent.pk if parent else None,
            origin="demo",
        )
        previous = comment if parent is None else previous


def _khmelnytskyi_call(plan, official, people) -> None:
    """Run on the demo clock (core.clock) at the end of the plan's co-creation: each step is
    dated by how many days before that it happened."""
    end = timezone.now()

    def ago(days: float) -> dt.datetime:
        return end - dt.timedelta(days=days)

    with clock.travel(ago(120)):
        call = calls.call_create(
            actor=official,
            plan=plan,
            title="Збір пропозицій до Плану дій 2025–2026",
            description="Хмельницька громада запрошує мешканців запропонувати зобов’язання до "
            "нового плану дій OGP Local. Кожна пропозиція отримає **обґрунтовану відповідь**.",
            rules="- Одна пропозиція — одна ідея.\n- Пропозиції розглядає робоча група "
            "координаційної ради.\n- Відповідь — протягом 30 днів після закриття збору.",
            categories=OGP_VALUES,
            opens_at=ago(120),
            closes_at=ago(80),
            origin="demo",
        )
    categories = list(call.categories.all())
    commitments = {c.title: c for c in plan.commitments.all()}
    proposals = []
    for i, (title, problem, solution, cat, *_rest) in enumerate(KHMELNYTSKYI_PROPOSALS):
        with clock.travel(ago(110 - i * 5)):
            proposal = calls.proposal_submit(
                actor=people[i % len(people)],
                call=call,
                title=title,
                problem=problem,
                solution=solution,
                category=categories[cat],
                origin="demo",
            )
            _talk(
                proposal, people, 4 - i % 4, ["Підтримую, це давно треба.", "Згоден, і ще б мапу."]
            )
        proposals.append(proposal)
    with clock.travel(ago(80)):
        windows.close_if_due(call)
    for i, (proposal, (*_p, response, reason, target)) in enumerate(
        zip(proposals, KHMELNYTSKYI_PROPOSALS, strict=True)
    ):
        with clock.travel(ago(70 - i * 2)):
            calls.proposal_respond(
                actor=official,
                proposal=proposal,
                response=response,
                reason=reason,
                commitments=[commitments[target]] if isinstance(target, str) else [],
                merged_into=proposals[target] if isinstance(target, int) else None,
            )


def _khmelnytskyi_consultation(plan, official, people) -> None:
    """On the demo clock, as the call above: opened 75 days before the end of co-creation."""
    end = timezone.now()

    def ago(days: float) -> dt.datetime:
        return end - dt.timedelta(days=days)

    with clock.travel(ago(76)):
        consultation = consultations.consultation_create(
            actor=official,
            hromada=plan.hromada,
            plan=plan,
            title="Громадське обговорення проєкту Плану дій 2025–2026",
            description="Проєкт плану дій, складений за пропозиціями мешканців.",
            opens_at=ago(75),
            closes_at=ago(45),
            origin="demo",
        )
        for commitment in plan.commitments.all():
            consultations.section_save(
                actor=official,
                consultation=consultation,
                title=f"Зобов’язання {commitment.number}. {commitment.title}",
                text=f"{commitment.problem}\n\n**Мета:** {commitment.objective}",
            )
        consultations.consultation_publish(actor=official, consultation=consultation)
    sections = list(consultation.sections.all())
    comments = [
        (0, "Додайте до переліку наборів даних укриття та пункти незламності."),
        (1, "Вік голосування — від 14 років, як у пропозиції."),
        (2, "Запис до ЦНАП має працювати й телефоном для літніх людей."),
    ]
    outcomes = [
        ("taken", "Укриття й пункти незламності додано до переліку наборів даних."),
        ("taken", "Вік 14 років закріплено в положенні."),
        ("partly", "Телефонний запис — через контакт-центр; окрему лінію не створюємо."),
    ]
    for (index, text), (outcome, reason) in zip(comments, outcomes, strict=True):
        with clock.travel(ago(70 - index * 6)):
            comment = comment_post(
                actor=people[index], section=sections[index], text=text, origin="demo"
            )
        with clock.travel(ago(50 - index)):
            consultations.comment_set_outcome(
                actor=official, comment=comment, outcome=outcome, reason=reason
            )
    with clock.travel(ago(45)):  # closed on its end date, as the task closes it
        windows.close_if_due(consultation)
    with clock.travel(ago(40)):
        consultations.report_publish(
            actor=official,
            consultation=consultation,
            report="Надійшло 3 коментарі; 2 враховано, 1 враховано частково. Проєкт плану "
            "доопрацьовано й подано на схвалення координаційній раді.",
        )


def _vinnytsia_call(plan, official, people) -> None:
    opens = _days_ago(10)
    with clock.travel(opens):  # the demo clock: opened ten days ago, open for another thirty
        call = calls.call_create(
            actor=official,
            plan=plan,
            title="Ваші ідеї до плану дій Вінницької громади",
            description="Пропонуйте, як зробити відбудову прозорою і підзвітною.",
            rules="Пропозиції приймаються до кінця збору; відповідь — протягом 30 днів.",
            categories=OGP_VALUES,
            opens_at=opens,
            closes_at=opens + dt.timedelta(days=40),
            origin="demo",
        )
    categories = list(call.categories.all())
    for i, (title, problem, solution, cat) in enumerate(VINNYTSIA_PROPOSALS):
        with clock.travel(_days_ago(9 - i * 2)):
            proposal = calls.proposal_submit(
                actor=people[(i + 2) % len(people)],
                call=call,
                title=title,
                problem=problem,
                solution=solution,
                category=categories[cat],
                origin="demo",
            )
            _talk(proposal, people, 3 - i, ["Дуже потрібно!", "А хто перевірятиме фото?"])
    first = call.proposals.get(number=1)
    # The demo resident's own part (their home lists it): a support and a follow of the first
    # proposal, answered below, and a comment on the second.
    resident = residents([DEMO_RESIDENT])[0]
    calls.proposal_support(actor=resident, proposal=first)
    follow(user=resident, obj=first)
    comment_post(
        actor=resident,
        proposal=call.proposals.get(number=2),
        text="Підтримую: хай і фото будуть із датами.",
        origin="demo",
    )
    calls.proposal_respond(
        actor=official,
        proposal=first,
        response=ResponseKind.PARTLY,
        reason="Мапу відбудови буде створено; фото «до і після» — для об’єктів понад 1 млн грн.",
        commitments=list(plan.commitments.all()[:1]),
    )
    spam = comment_post(
        actor=people[4], proposal=first, text="Купуйте будматеріали зі знижкою!", origin="demo"
    )
    moderation.content_hide(actor=official, obj=spam, rule="spam")


def _ternopil_consultation(hromada, official, people) -> None:
    consultation = consultations.consultation_create(
        actor=official,
        hromada=hromada,
        title="Проєкт Положення про громадський бюджет Тернополя",
        description="Обговорюємо нові правила громадського бюджету: хто подає проєкти, як "
        "голосуємо і як звітуємо.",
        opens_at=_days_ago(5),
        closes_at=timezone.now() + dt.timedelta(days=25),
        origin="demo",
    )
    for title, text in (
        (
            "Загальні положення",
            "Громадський бюджет — частина бюджету громади, якою розпоряджаються мешканці.",
        ),
        (
            "Подання проєктів",
            "Проєкт подає мешканець від **16 років** з підписами 15 прихильників.",
        ),
        ("Голосування", "Голосування — онлайн і в ЦНАП; кожен має 3 голоси."),
        ("Звітування", "Виконавці звітують щокварталу на платформі."),
    ):
        consultations.section_save(
            actor=official, consultation=consultation, title=title, text=text
        )
    questions = [
        ("Чи підтримуєте ви проєкт положення загалом?", "single", ["Так", "Ні", "Частково"]),
        ("Що для вас найважливіше?", "multiple", ["Прозорість", "Простота подання", "Звітність"]),
        ("Наскільки зрозумілі правила голосування?", "scale", []),
    ]
    for text, kind, options in questions:
        consultations.question_save(
            actor=official, consultation=consultation, text=text, kind=kind, options=options
        )
    consultation = consultations.consultation_publish(actor=official, consultation=consultation)
    single, multiple, scale = consultation.questions.order_by("number")
    for i, user in enumerate(people):
        consultations.survey_answer(
            actor=user,
            consultation=consultation,
            answers={
                single.pk: ["Так", "Так", "Частково", "Ні", "Так"][i],
                multiple.pk: [["Прозорість"], ["Прозорість", "Звітність"], ["Простота подання"]][
                    i % 3
                ],
                scale.pk: str(3 + i % 3),
            },
        )
    section = consultation.sections.get(number=2)
    top = comment_post(
        actor=people[0], section=section, text="Пропоную знизити вік до 14 років.", origin="demo"
    )
    comment_post(
        actor=people[1],
        section=section,
        parent_id=top.pk,
        text="Підтримую, як у Хмельницькому.",
        origin="demo",
    )


@transaction.atomic
def on_co_creation(plan, official) -> None:
    """Run by the plans demo while a demo plan is in co-creation."""
    if Call.objects.filter(plan=plan).exists():
        return
    people = residents(RESIDENTS)
    if plan.hromada.code == KHMELNYTSKYI and plan.start_date.year == 2025:
        _khmelnytskyi_call(plan, official, people)
        _khmelnytskyi_consultation(plan, official, people)
    elif plan.hromada.code == VINNYTSIA:
        _vinnytsia_call(plan, official, people)


@transaction.atomic
def load(*, officials: dict) -> None:
    """What does not hang on a plan's co-creation: Ternopil's open consultation (once)."""
    hromada = Hromada.objects.get(code=TERNOPIL)
    if Consultation.objects.filter(hromada=hromada, origin="demo").exists():
        return
    _ternopil_consultation(hromada, officials[TERNOPIL], residents(RESIDENTS))
