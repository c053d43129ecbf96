"""Demonstration councils (labelled demo data), built through the services so that every step
is in the public history: Khmelnytskyi's coordination council with a year of meetings, and a
smaller council in Ternopil. Dates are relative to the day the demo is loaded."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from openhromada.core import clock
from openhromada.places.models import Hromada
from openhromada.plans.models import ActionPlan

from . import services
from .lifecycle import Post, Result, Sector, Topic, VoteOption
from .models import Council

KHMELNYTSKYI = "UA68040470000053519"
TERNOPIL = "UA61040490000035010"
SECRETARY_EMAIL = "council@demo.openhromada.org"

# (name, on behalf of, sector, post) — posts of co-chairs are given after their election.
KHMELNYTSKYI_MEMBERS = [
    ("Олена Коваль", "Виконавчий комітет Хмельницької міської ради", Sector.EXECUTIVE, "co_exec"),
    ("Андрій Мельник", "Управління цифрової трансформації", Sector.EXECUTIVE, Post.MEMBER),
    ("Ірина Бондар", "Департамент адміністративних послуг (ЦНАП)", Sector.EXECUTIVE, Post.MEMBER),
    ("Сергій Ткачук", "Фінансове управління", Sector.EXECUTIVE, Post.MEMBER),
    ("Віталій Гнатюк", "КП «Хмельницькінфоцентр»", Sector.MUNICIPAL_ENTERPRISE, Post.MEMBER),
    ("Наталія Лисенко", "Міська публічна бібліотека", Sector.INSTITUTION, Post.MEMBER),
    ("Марія Савчук", "ГО «Відкрите місто»", Sector.CIVIL_SOCIETY, "co_public"),
    ("Тарас Поліщук", "ГО «Агенція розвитку Поділля»", Sector.CIVIL_SOCIETY, Post.SECRETARY),
    ("Юлія Кравець", "ГО «Молодіжна рада Хмельницького»", Sector.CIVIL_SOCIETY, Post.MEMBER),
    ("Олег Романюк", "Благодійний фонд «Громада разом»", Sector.CIVIL_SOCIETY, Post.MEMBER),
    ("Оксана Левчук", "Спілка ветеранів і волонтерів", Sector.CIVIL_SOCIETY, Post.MEMBER),
    ("Дмитро Шевчук", "Хмельницька торгово-промислова палата", Sector.BUSINESS, Post.MEMBER),
    ("Людмила Гуменюк", "Хмельницький національний університет", Sector.ACADEMIA, Post.MEMBER),
]
TERNOPIL_MEMBERS = [
    ("Петро Возняк", "Тернопільська міська рада", Sector.EXECUTIVE, "co_exec"),
    ("Галина Стасюк", "Управління стратегічного розвитку", Sector.EXECUTIVE, Post.MEMBER),
    (
        "Роман Дячук",
        "ГО «Тернопільський центр громадянської освіти»",
        Sector.CIVIL_SOCIETY,
        "co_public",
    ),
    ("Софія Іванишин", "ГО «Прозорий Тернопіль»", Sector.CIVIL_SOCIETY, Post.SECRETARY),
    (
        "Богдан Мартинюк",
        "Західноукраїнський національний університет",
        Sector.ACADEMIA,
        Post.MEMBER,
    ),
    ("Христина Паламар", "Молодіжна рада міста", Sector.CIVIL_SOCIETY, Post.MEMBER),
]


KHMELNYTSKYI_RULES = (
    "Положення про координаційну раду (демонстраційний текст).\n\n"
    "Рада є консультативно-дорадчим органом. До її складу входять представники виконавчих "
    "органів, комунальних підприємств і установ та громадських організацій. Рада обирає двох "
    "співголів: одного від органів влади, одного від громадськості. Засідання правомочне, "
    "якщо на ньому присутні більше половини членів. Порядок денний оприлюднюється щонайменше "
    "за 5 днів, протокол — протягом 10 днів після засідання."
)


def _at(days_ago: int, hour: int = 15) -> dt.datetime:
    day = timezone.localdate() - dt.timedelta(days=days_ago)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _ago(day: dt.date) -> int:
    """Days from `day` to today: the story's meetings have dates (the council approved the
    2025–2026 plan on 12 February 2025, as the plans demo dates its approval)."""
    return max((timezone.localdate() - day).days, 1)


def _seat(actor, council, members, since: dt.date) -> dict:
    seats = {}
    for name, body, sector, post in members:
        seats[name] = services.membership_create(
            actor=actor,
            council=council,
            name=name,
            bio="Демонстраційний профіль.",
            on_behalf_of=body,
            sector=sector,
            post=post if post in Post.values else Post.MEMBER,
            start_date=since,
        )
    return seats


def _meeting(actor, council, days_ago, items, *, place, notice=10, minutes=True):
    """A meeting `days_ago` (negative: upcoming) with its agenda published `notice` days before."""
    starts_at, announced = _at(days_ago), _at(days_ago + notice, 10)  # from the real today
    with clock.travel(announced):  # on the demo clock: when it was announced
        meeting = services.meeting_create(
            actor=actor, council=council, starts_at=starts_at, place=place, origin="demo"
        )
        made = [
            services.agenda_item_create(actor=actor, meeting=meeting, title=title, description=text)
            for title, text in items
        ]
        services.meeting_publish_agenda(actor=actor, meeting=meeting, now=announced)
    return meeting, made


def _after(days_ago: int, days: int = 0):
    """The demo clock during the meeting `days_ago` (its record), or `days` after it."""
    return clock.travel(_at(days_ago - days, 17))


def _attend(actor, meeting, seats, absent=()):
    present = [m.pk for name, m in seats.items() if name not in absent]
    services.attendance_record(actor=actor, meeting=meeting, present=present)
    return present


def _roll_call(seats, absent=(), against=(), abstain=()):
    votes = {}
    for name, membership in seats.items():
        if name in absent:
            votes[membership.pk] = VoteOption.ABSENT
        elif name in against:
            votes[membership.pk] = VoteOption.NO
        elif name in abstain:
            votes[membership.pk] = VoteOption.ABSTAIN
        else:
            votes[membership.pk] = VoteOption.YES
    return votes


def _elect(actor, item, seats, absent, members):
    """Elect both co-chairs by roll call, then give them their posts."""
    for marker, post, wording in (
        ("co_exec", Post.CO_CHAIR_EXECUTIVE, "Обрати співголовою від органів влади"),
        ("co_public", Post.CO_CHAIR_PUBLIC, "Обрати співголовою від громадськості"),
    ):
        name = next(n for n, _b, _s, p in members if p == marker)
        motion = services.motion_record(
            actor=actor,
            item=item,
            text=f"{wording} {name}.",
            topic=Topic.COUNCIL,
            result=Result.ADOPTED,
            votes=_roll_call(seats, absent=absent),
        )
        services.membership_update(
            actor=actor, membership=seats[name], post=post, elected_by=motion
        )


def _khmelnytskyi(official, secretary_user) -> Council:
    hromada = Hromada.objects.get(code=KHMELNYTSKYI)
    since = dt.date(2024, 10, 1)
    with clock.travel(since):  # the council founded, its members seated
        council = services.council_create(
            actor=official,
            hromada=hromada,
            origin="demo",
            name="Координаційна рада з питань впровадження ініціативи «Партнерство "
            "«Відкритий Уряд»» у Хмельницькій міській територіальній громаді",
            founding_decision_number="412 (демо)",
            founding_decision_date=since,
            rules_text=KHMELNYTSKYI_RULES,
            term_start=since,
        )
        seats = _seat(official, council, KHMELNYTSKYI_MEMBERS, since)
        secretary = seats["Тарас Поліщук"].person
        services.person_link_account(actor=official, person=secretary, email=secretary_user.email)
        place = "Хмельницька міська рада, вул. Гагаріна, 3, зала засідань"
        plan = ActionPlan.objects.filter(hromada=hromada, slug="2025-2026").first()
        commitments = list(plan.commitments.order_by("number")) if plan else []

    first_day = _ago(dt.date(2024, 11, 14))
    first, items = _meeting(
        official,
        council,
        first_day,
        [
            ("Обрання співголів ради", "Вибори співголови від органів влади та від громадськості."),
            ("Затвердження регламенту ради", "Проєкт регламенту додано."),
        ],
        place=place,
    )
    absent = ("Оксана Левчук",)
    with _after(first_day):
        _attend(official, first, seats, absent=absent)
        _elect(official, items[0], seats, absent, KHMELNYTSKYI_MEMBERS)
        services.motion_record(
            actor=official,
            item=items[1],
            text="Затвердити регламент координаційної ради.",
            topic=Topic.COUNCIL,
            result=Result.ADOPTED,
            counts={VoteOption.YES: 11, VoteOption.ABSTAIN: 1, VoteOption.ABSENT: 1},
        )
    with _after(first_day, days=5):
        services.minutes_publish(
            actor=official,
            meeting=first,
            minutes_text="Обрано співголів ради, затверджено регламент. (Демонстраційний "
            "протокол.)",
        )
    schedule = [
        (
            _ago(dt.date(2025, 2, 12)),
            [("Схвалення плану дій на 2025–2026 роки", "Фінальна редакція після консультацій.")],
            lambda item: services.motion_record(
                actor=official,
                item=item,
                text="Схвалити план дій OGP Local на 2025–2026 роки та рекомендувати його до "
                "подання.",
                topic=Topic.ACTION_PLAN,
                result=Result.ADOPTED,
                votes=_roll_call(seats, absent=("Дмитро Шевчук",), abstain=("Олег Романюк",)),
                plan=plan,
            ),
            ("Дмитро Шевчук",),
        ),
        (
            _ago(dt.date(2025, 6, 18)),
            [("Хід виконання зобов'язань 1 і 2", "Звіти відповідальних виконавців.")],
            lambda item: services.motion_record(
                actor=official,
                item=item,
                text="Взяти до відома звіти; рекомендувати оприлюднити графік оновлення наборів "
                "даних.",
                topic=Topic.COMMITMENT,
                result=Result.ADOPTED,
                counts={VoteOption.YES: 12, VoteOption.ABSENT: 1},
                commitments=commitments[:2],
            ),
            ("Юлія Кравець",),
        ),
        (
            _ago(dt.date(2025, 12, 10)),
            [("Звіт незалежного моніторингу", "Звіт мережі моніторингу за перше півріччя.")],
            lambda item: services.motion_record(
                actor=official,
                item=item,
                text="Доручити виконавцям підготувати відповіді на рекомендації моніторів.",
                topic=Topic.MONITORING,
                result=Result.ADOPTED,
                counts={VoteOption.YES: 10, VoteOption.NO: 1, VoteOption.ABSENT: 2},
            ),
            ("Сергій Ткачук", "Людмила Гуменюк"),
        ),
        (
            _ago(dt.date(2026, 9, 16)),
            [("Перенесення строків етапу 1.3", "Пропозиція управління цифрової трансформації.")],
            lambda item: services.motion_record(
                actor=official,
                item=item,
                text="Погодити перенесення строку етапу «60 наборів і графік оновлення».",
                topic=Topic.COMMITMENT,
                result=Result.NOT_ADOPTED,
                votes=_roll_call(
                    seats,
                    against=(
                        "Марія Савчук",
                        "Юлія Кравець",
                        "Олег Романюк",
                        "Оксана Левчук",
                        "Тарас Поліщук",
                        "Людмила Гуменюк",
                        "Дмитро Шевчук",
                    ),
                ),
                commitments=commitments[:1],
            ),
            (),
        ),
    ]
    for days_ago, agenda, decide, away in schedule:
        meeting, items = _meeting(official, council, days_ago, agenda, place=place)
        with _after(days_ago):
            _attend(official, meeting, seats, absent=away)
            decide(items[0])
        with _after(days_ago, days=min(5, days_ago - 1)):
            services.minutes_publish(
                actor=official,
                meeting=meeting,
                minutes_text=f"{agenda[0][0]}: рішення ухвалено відповідно до голосування. "
                "(Демонстраційний протокол.)",
            )
    upcoming = services.meeting_create(
        actor=official, council=council, starts_at=_at(-12), place=place, origin="demo"
    )
    services.agenda_item_create(
        actor=official,
        meeting=upcoming,
        title="Підготовка звіту про виконання плану дій",
        description="Обговорення проєкту кінцевого звіту.",
    )
    services.meeting_publish_agenda(actor=official, meeting=upcoming)
    # What waits for the secretary (their home shows it): the minutes of a meeting held 16 days
    # ago, late by the council's 10 days; and the agenda of the next one, still a draft.
    late, _items = _meeting(
        official,
        council,
        16,
        [("Звіт про виконання етапів за жовтень", "Звіти відповідальних виконавців.")],
        place=place,
    )
    with _after(16):
        _attend(official, late, seats, absent=("Оксана Левчук",))
    draft = services.meeting_create(
        actor=official, council=council, starts_at=_at(-40), place=place, origin="demo"
    )
    services.agenda_item_create(
        actor=official,
        meeting=draft,
        title="Підсумки виконання плану дій 2025–2026",
        description="Проєкт кінцевого звіту.",
    )
    return council


def _ternopil(official) -> Council:
    hromada = Hromada.objects.get(code=TERNOPIL)
    since = dt.date(2025, 3, 3)
    with clock.travel(since):
        council = services.council_create(
            actor=official,
            hromada=hromada,
            origin="demo",
            name="Координаційна рада OGP Local Тернопільської міської громади",
            founding_decision_number="87 (демо)",
            founding_decision_date=since,
            term_start=since,
            rules_text="Положення про раду (демонстраційний текст).",
        )
        seats = _seat(official, council, TERNOPIL_MEMBERS, since)
    day = _ago(dt.date(2025, 4, 10))
    meeting, items = _meeting(
        official,
        council,
        day,
        [("Обрання співголів", "Вибори двох співголів ради.")],
        place="Тернопільська міська рада, вул. Листопадова, 5",
    )
    with _after(day):
        _attend(official, meeting, seats)
        _elect(official, items[0], seats, (), TERNOPIL_MEMBERS)
    with _after(day, days=4):
        services.minutes_publish(
            actor=official,
            meeting=meeting,
            minutes_text="Обрано співголів. (Демонстраційний протокол.)",
        )
    return council


def load(*, officials: dict, accounts: dict) -> list[Council]:
    """Create the demo councils once; `officials` maps a hromada code to its demo official."""
    councils = []
    for code, build in (
        (KHMELNYTSKYI, lambda: _khmelnytskyi(officials[KHMELNYTSKYI], accounts[SECRETARY_EMAIL])),
        (TERNOPIL, lambda: _ternopil(officials[TERNOPIL])),
    ):
        existing = Council.objects.filter(hromada=Hromada.objects.get(code=code)).first()
        councils.append(existing or build())
    return councils
