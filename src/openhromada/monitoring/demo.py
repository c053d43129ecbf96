"""Demonstration monitoring (labelled demo data): the e-democracy monitoring network of regional
organisations, written through the services as its story happened.

The network united 13 regions and, at the all-Ukrainian conference «E-democracy in Ukraine:
regional dimension» (Chernihiv, 23–24 May 2012), admitted members from four more oblasts
(DOMAIN.md). Its monitor assessed Khmelnytskyi's first action plan (2021–2022): the results
report is published with the city's replies. Its inception review of Khmelnytskyi's 2025–2026
plan is with the hromada now, in its reply period. Organisations, people and findings are
illustrative, not real ones.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from openhromada.core import clock
from openhromada.core.models import DataOrigin
from openhromada.places.models import Hromada, Oblast
from openhromada.plans.models import ActionPlan

from .lifecycle import ReportKind, Standard
from .models import (
    Assessment,
    Assignment,
    MemberOrganisation,
    MonitoringNetwork,
    Reply,
    Report,
    StandardFinding,
)
from .services import findings, networks, reports

D = dt.date
SLUG = "e-democracy-monitoring-network"
KHMELNYTSKA = "UA68040470000053519"

# The e-democracy network that united 13 regions (DOMAIN.md); membership here is illustrative.
DEMO_NETWORK_OBLASTS = [
    "UA05",
    "UA07",
    "UA18",
    "UA26",
    "UA32",
    "UA46",
    "UA53",
    "UA56",
    "UA59",
    "UA61",
    "UA68",
    "UA71",
    "UA74",
]
# Admitted at the conference in Chernihiv: Dnipropetrovsk, Odesa, Kharkiv, Chernivtsi oblasts.
CONFERENCE_OBLASTS = ["UA12", "UA51", "UA63", "UA73"]
FOUNDED = D(2011, 11, 15)
CONFERENCE = D(2012, 5, 24)
CONFERENCE_REASON = (
    "Прийнято рішенням учасників Всеукраїнської конференції «Електронна демократія в Україні: "
    "регіональний вимір» (Чернігів, 23–24 травня 2012 року) разом з ще трьома організаціями "
    "нових областей. Демонстраційні дані."
)
DESCRIPTION = (
    "Мережа громадських організацій з регіонів України, що незалежно оцінює плани дій громад "
    "у межах OGP Local: чи можна перевірити кожне зобов’язання, чи робить воно владу "
    "відкритішою, чи виконане і чи змінило воно практику влади. Громада має право відповісти "
    "на висновки до їх публікації.\n\n"
    "Мережа об’єднала організації з 13 областей, а на Всеукраїнській конференції «Електронна "
    "демократія в Україні: регіональний вимір» (Чернігів, 23–24 травня 2012 року) прийняла "
    "членів ще з чотирьох областей.\n\n"
    "*Демонстраційні дані: організації та висновки вигадані для показу платформи.*"
)
# What each member organisation is called (after its region), as a demo.
MEMBER_NAME = "ГО «Центр громадського моніторингу ({region})» (демо)"

# Khmelnytskyi 2021–2022, results: (commitment number, scales, narrative, evidence links).
RESULTS_2021 = {
    1: (
        {
            "verifiable": True,
            "lens_transparency": True,
            "lens_participation": False,
            "lens_accountability": True,
            "potential": "substantial",
            "completion": "complete",
            "opened_government": "major",
        },
        "Бюджет міста і звіти про його виконання публікуються у форматі CSV на порталі "
        "відкритих даних щоквартально; візуалізація бюджету працює на сайті міста. Журналісти "
        "й громадські організації використовують набори даних у своїх розслідуваннях.",
        ["https://data.gov.ua/", "https://openbudget.gov.ua/"],
    ),
    2: (
        {
            "verifiable": True,
            "lens_transparency": False,
            "lens_participation": True,
            "lens_accountability": True,
            "potential": "modest",
            "completion": "limited",
            "opened_government": "marginal",
        },
        "Платформа е-петицій запрацювала, але консультації на ній так і не проводилися, а "
        "навчання посадовців скасоване. Відповіді на петиції часто формальні. Місто оцінює "
        "виконання вище, ніж показують наші спостереження.",
        ["https://e-dem.ua/"],
    ),
}
CHECKLIST_2021 = {
    Standard.SPACE_FOR_DIALOGUE: "met",
    Standard.OPEN_INFORMATION: "partly",
    Standard.PARTICIPATION: "met",
    Standard.REASONED_RESPONSE: "partly",
    Standard.IMPLEMENTATION_DIALOGUE: "not_met",
    Standard.FORUM_MEETS: "partly",
    Standard.WEBSITE_UPDATED: "not_met",
    Standard.ENDORSED: "met",
    Standard.INFORMATION_BEFORE_MEETINGS: "partly",
}
VERDICT_TEXT = {
    "met": "Стандарт дотримано: це підтверджують опубліковані документи і відгуки учасників.",
    "partly": "Стандарт дотримано частково: практика була, але не послідовно.",
    "not_met": "Стандарт не дотримано: підтверджень ми не знайшли.",
}


def _oblasts(prefixes: list[str]) -> list[Oblast]:
    return sorted((o for o in Oblast.objects.all() if o.code[:4] in prefixes), key=lambda o: o.code)


def load() -> MonitoringNetwork:
    """The network itself (before the demo accounts, whose roles are scoped to it)."""
    network, _created = MonitoringNetwork.objects.get_or_create(
        slug=SLUG,
        defaults={
            "name_uk": "Мережа моніторингу електронної демократії",
            "name_en": "E-democracy monitoring network",
            "origin": DataOrigin.DEMO,
        },
    )
    if not network.oblasts.exists():
        network.oblasts.set(_oblasts(DEMO_NETWORK_OBLASTS))
    return network


def populate(*, coordinator, monitor, official, applicant) -> MonitoringNetwork:
    """Members, the conference's admissions, and the monitoring of Khmelnytskyi's plans; run
    again, it changes nothing."""
    network = load()
    _members(network, coordinator, applicant)
    hromada = Hromada.objects.get(code=KHMELNYTSKA)
    plans = {p.slug: p for p in ActionPlan.objects.filter(hromada=hromada, origin="demo")}
    if "2021-2022" in plans:
        _results_2021(network, coordinator, monitor, official, plans["2021-2022"])
    if "2025-2026" in plans:
        _inception_2025(network, coordinator, monitor, official, plans["2025-2026"])
    return network


# --- the network and its members -----------------------------------------------------------


def _edrpou(oblast: Oblast) -> str:
    """An EDRPOU-like 8-digit demo code, the same on every run."""
    return f"4{int(oblast.code[2:4]):02d}{int(oblast.code[-5:]) % 100000:05d}"


def _member_values(oblast: Oblast, n: int) -> dict:
    return {
        "name": MEMBER_NAME.format(region=oblast.name_uk),
        "edrpou": _edrpou(oblast),
        "oblast": oblast,
        "website": f"https://member{n:02d}.demo.openhromada.org/",
        "email": f"member{n:02d}@demo.openhromada.org",
        "phone": f"+380 44 000 {n:02d} {n:02d}",
    }


def _members(network, coordinator, applicant) -> None:
    if network.members.exists():
        return
    with clock.travel(FOUNDED):
        networks.network_update(
            actor=coordinator,
            network=network,
            description=DESCRIPTION,
            oblasts=_oblasts(DEMO_NETWORK_OBLASTS),
        )
        for n, oblast in enumerate(_oblasts(DEMO_NETWORK_OBLASTS), start=1):
            networks.member_create(
                actor=coordinator,
                network=network,
                joined_on=FOUNDED,
                **_member_values(oblast, n),
            )
    applications = []
    with clock.travel(CONFERENCE - dt.timedelta(days=20)):
        for n, oblast in enumerate(_oblasts(CONFERENCE_OBLASTS), start=20):
            applications.append(
                networks.application_submit(
                    actor=applicant,
                    network=network,
                    motivation="Організація моніторить місцеву владу свого регіону й хоче "
                    "оцінювати плани дій громад разом з мережею. Демонстраційні дані.",
                    **_member_values(oblast, n),
                )
            )
    with clock.travel(CONFERENCE, hour=16):
        for application in applications:
            networks.application_admit(
                actor=coordinator, application=application, reason=CONFERENCE_REASON
            )
    MemberOrganisation.objects.filter(network=network).update(origin=DataOrigin.DEMO)


# --- findings and reports ------------------------------------------------------------------


def _assignment(network, coordinator, monitor, plan) -> Assignment:
    existing = Assignment.objects.filter(plan=plan, monitor=monitor, ended_at=None).first()
    return existing or networks.monitor_assign(
        actor=coordinator,
        network=network,
        plan=plan,
        monitor=monitor,
        declaration="Не працюю і не працювала в органах місцевого самоврядування Хмельницької "
        "громади, не є членкинею її координаційної ради, родичів серед посадовців не маю.",
    )


def _checklist(monitor, assignment, kind, verdicts: dict, assessed_on: dt.date) -> None:
    rows = [
        {
            "standard": standard.value,
            "verdict": verdicts[standard],
            "narrative": VERDICT_TEXT[verdicts[standard]],
            "links": [] if verdicts[standard] == "not_met" else ["https://ogp.gov.ua/"],
            "assessed_on": assessed_on,
        }
        for standard in Standard
    ]
    findings.checklist_save(actor=monitor, assignment=assignment, kind=kind, rows=rows)
    findings.checklist_submit(actor=monitor, assignment=assignment, kind=kind)


def _assess(monitor, assignment, commitment, kind, values, narrative, links, assessed_on):
    draft = findings.assessment_save(
        actor=monitor,
        assignment=assignment,
        commitment=commitment,
        kind=kind,
        values={**values, "narrative": narrative, "assessed_on": assessed_on},
        links=links,
    )
    return findings.assessment_submit(actor=monitor, assessment=draft)


def _label_demo(report: Report) -> None:
    """Everything of the report, its findings and replies labelled demo data."""
    Report.objects.filter(pk=report.pk).update(origin=DataOrigin.DEMO)
    scope = {"assignment__network_id": report.network_id, "assignment__plan_id": report.plan_id}
    Assessment.objects.filter(**scope).update(origin=DataOrigin.DEMO)
    StandardFinding.objects.filter(**scope).update(origin=DataOrigin.DEMO)
    Reply.objects.filter(report=report).update(origin=DataOrigin.DEMO)


def _results_2021(network, coordinator, monitor, official, plan) -> None:
    """The results report on the first plan: assessed after the plan was completed, sent in
    March 2023, replied to by the city, published once the reply period was over."""
    if Report.objects.filter(network=network, plan=plan, kind=ReportKind.RESULTS).exists():
        return
    kind = ReportKind.RESULTS
    assessed_on = D(2023, 3, 1)
    with clock.travel(D(2023, 2, 15)):
        assignment = _assignment(network, coordinator, monitor, plan)
    commitments = {c.number: c for c in plan.commitments.all()}
    with clock.travel(assessed_on, hour=10):
        for number, (values, narrative, links) in RESULTS_2021.items():
            if number in commitments:
                _assess(
                    monitor,
                    assignment,
                    commitments[number],
                    kind,
                    values,
                    narrative,
                    links,
                    assessed_on,
                )
        _checklist(monitor, assignment, kind, CHECKLIST_2021, assessed_on)
    with clock.travel(D(2023, 3, 20)):
        report = reports.report_compile(
            actor=monitor, assignment=assignment, kind=kind, origin=DataOrigin.DEMO
        )
        report = reports.report_update(
            actor=monitor,
            report=report,
            summary="Із двох зобов’язань першого плану дій Хмельницького одне (відкриті дані "
            "про бюджет) виконане повністю і стало зірковим: воно помітно відкрило владу. "
            "Друге (е-петиції й консультації) виконане обмежено — тут наша оцінка нижча за "
            "звіт міста. Співтворення плану відповідало більшості стандартів участі, але діалог "
            "під час виконання не вівся. Демонстраційні дані.",
            recommendations="1. Провести консультації на платформі е-демократії й публікувати "
            "їхні підсумки.\n2. Відновити навчання посадовців.\n3. Збирати координаційну "
            "раду щонайменше раз на пів року й оновлювати сторінку OGP Local щонайменше раз "
            "на чотири місяці.",
        )
        report = reports.report_send(actor=monitor, report=report)
    with clock.travel(D(2023, 3, 28), hour=15):
        second = report.assessments.filter(commitment__number=2).first()
        if second is not None:
            reports.reply_save(
                actor=official,
                report=report,
                assessment=second,
                text="Платформа е-петицій працює з вересня 2021 року і нею користуються тисячі "
                "мешканців; консультації перенесли на 2023 рік через воєнний стан. Навчання "
                "посадовців проведемо в межах другого плану дій.",
            )
        reports.reply_save(
            actor=official,
            report=report,
            text="Дякуємо мережі за ретельну оцінку. Рекомендації враховано під час "
            "підготовки другого плану дій на 2025–2026 роки.",
        )
    with clock.travel(report.reply_due + dt.timedelta(days=2), hour=11):
        report = reports.report_publish(actor=monitor, report=report)
    _label_demo(report)


# Khmelnytskyi 2025–2026, inception: the scales of each commitment, in its order.
INCEPTION_2025 = [
    ("substantial", True, True, False),
    ("modest", True, False, True),
    ("substantial", False, True, True),
    ("modest", True, False, False),
    ("unclear", False, True, False),
]


def _inception_2025(network, coordinator, monitor, official, plan) -> None:
    """The inception review of the second plan, sent to the hromada: its reply period runs."""
    if Report.objects.filter(network=network, plan=plan, kind=ReportKind.INCEPTION).exists():
        return
    kind = ReportKind.INCEPTION
    today = timezone.localdate()
    assessed_on = today - dt.timedelta(days=7)
    with clock.travel(today - dt.timedelta(days=30)):
        assignment = _assignment(network, coordinator, monitor, plan)
    with clock.travel(assessed_on, hour=10):
        commitments = list(plan.commitments.order_by("number"))
        for commitment, scales in zip(commitments, INCEPTION_2025, strict=False):
            potential, transparency, participation, accountability = scales
            _assess(
                monitor,
                assignment,
                commitment,
                kind,
                {
                    "verifiable": True,
                    "lens_transparency": transparency,
                    "lens_participation": participation,
                    "lens_accountability": accountability,
                    "potential": potential,
                },
                "Зобов’язання має вимірювані етапи й відповідальних виконавців. Демонстраційна "
                "оцінка на початку виконання плану.",
                ["https://ogp.gov.ua/"],
                assessed_on,
            )
        _checklist(
            monitor,
            assignment,
            kind,
            dict.fromkeys(Standard, "met")
            | {
                Standard.WEBSITE_UPDATED: "partly",
                Standard.INFORMATION_BEFORE_MEETINGS: "partly",
            },
            assessed_on,
        )
    report = reports.report_compile(
        actor=monitor, assignment=assignment, kind=kind, origin=DataOrigin.DEMO
    )
    report = reports.report_update(
        actor=monitor,
        report=report,
        summary="Другий план дій Хмельницької громади амбітніший за перший: більшість "
        "зобов’язань перевірювані й стосуються прозорості або участі, два мають значний "
        "потенціал. Співтворення плану відповідало стандартам участі; сайт OGP Local варто "
        "оновлювати частіше. Демонстраційні дані.",
        recommendations="1. Публікувати матеріали до засідань координаційної ради заздалегідь."
        "\n2. Оновлювати сторінку плану щонайменше раз на чотири місяці.",
    )
    report = reports.report_send(actor=monitor, report=report)
    first = report.assessments.order_by("commitment__number").first()
    if first is not None:
        reports.reply_save(
            actor=official,
            report=report,
            assessment=first,
            text="Погоджуємося з оцінкою; графік етапів оновимо до кінця кварталу.",
        )
    _label_demo(report)
