"""Synthetic coordination councils for benchmarks: one per OGP Local hromada, 15–30 members and
two years of monthly meetings with agendas, attendance, decisions and roll-call votes.
Deterministic for a seed, marked synthetic, written in bulk; one history entry per council."""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from openhromada.core.history import Change, record_many
from openhromada.core.models import HistoryAction
from openhromada.places.models import Hromada

from .lifecycle import GOVERNMENT_SECTORS, Result, Sector, Topic, VoteOption
from .models import AgendaItem, Attendance, Council, Meeting, Membership, Motion, Person, Vote

PUBLIC_SECTORS = [s for s in Sector if s not in GOVERNMENT_SECTORS]
MONTHS = 24
FIRST = ["Олена", "Андрій", "Ірина", "Сергій", "Марія", "Тарас", "Юлія", "Олег", "Оксана", "Дмитро"]
LAST = ["Коваль", "Мельник", "Бондар", "Ткачук", "Савчук", "Поліщук", "Кравець", "Романюк"]


def _people(rng, council, count):
    people = [
        Person(council=council, name=f"{rng.choice(FIRST)} {rng.choice(LAST)} ({n + 1})")
        for n in range(count)
    ]
    Person.objects.bulk_create(people)
    return people


def _members(rng, council, people, since):
    government = len(people) // 2 - 1  # the public side keeps the majority
    memberships = []
    for n, person in enumerate(people):
        sector = rng.choice(GOVERNMENT_SECTORS) if n < government else rng.choice(PUBLIC_SECTORS)
        post = "member"
        if n == 0:
            post = "co_chair_executive"
        elif n == government:
            post = "co_chair_public"
        elif n == government + 1:
            post = "secretary"
        memberships.append(
            Membership(
                council=council,
                person=person,
                on_behalf_of=f"Організація {n + 1} (синтетична)",
                sector=sector,
                post=post,
                start_date=since,
            )
        )
    Membership.objects.bulk_create(memberships)
    return memberships


def _meetings(rng, council, members, since):
    meetings, items, attendance, motions = [], [], [], []
    for month in range(MONTHS):
        starts = timezone.make_aware(
            dt.datetime.combine(since + dt.timedelta(days=30 * month + 14), dt.time(15))
        )
        meeting = Meeting(
            council=council,
            number=month + 1,
            starts_at=starts,
            place="Зала засідань",
            agenda_published_at=starts - dt.timedelta(days=7),
            minutes_text="Протокол (синтетичний).",
            minutes_published_at=starts + dt.timedelta(days=5),
            origin="synthetic",
        )
        meetings.append(meeting)
    Meeting.objects.bulk_create(meetings)
    for meeting in meetings:
        present = [m for m in members if rng.random() < 0.85]
        attendance += [
            Attendance(meeting=meeting, membership=m, present=m in present) for m in members
        ]
        for n in range(rng.randint(2, 4)):
            item = AgendaItem(meeting=meeting, number=n + 1, title=f"Питання {n + 1}")
            items.append(item)
    AgendaItem.objects.bulk_create(items)
    Attendance.objects.bulk_create(attendance, batch_size=2000)
    for item in items:
        meeting = item.meeting
        adopted = rng.random() < 0.8
        motion = Motion(
            item=item,
            council=council,
            text=f"Рішення з питання {item.number} засідання {meeting.number} (синтетичне)",
            topic=rng.choice(Topic.values),
            result=Result.ADOPTED if adopted else Result.NOT_ADOPTED,
            decided_on=timezone.localtime(meeting.starts_at).date(),
        )
        motion.roll_call = rng.random() < 0.5
        motions.append(motion)
    Motion.objects.bulk_create(motions)
    votes = _vote(rng, motions, attendance)
    return len(meetings), len(motions), len(votes)


def _vote(rng, motions, attendance) -> list[Vote]:
    """Counts for every motion from the day's attendance; roll calls for half of them."""
    present_by_meeting = {}
    for a in attendance:
        present_by_meeting.setdefault(a.meeting_id, []).append(a)
    changed, votes = [], []
    for motion in motions:
        rows = present_by_meeting[motion.item.meeting_id]
        options = {}
        for a in rows:
            if not a.present:
                options[a.membership_id] = VoteOption.ABSENT
            else:
                options[a.membership_id] = rng.choices(
                    [VoteOption.YES, VoteOption.NO, VoteOption.ABSTAIN], [8, 1, 1]
                )[0]
        for option, field in Motion.COUNT_FIELDS.items():
            setattr(motion, field, sum(1 for o in options.values() if o == option))
        changed.append(motion)
        if motion.roll_call:
            votes += [Vote(motion=motion, membership_id=m, option=o) for m, o in options.items()]
    Motion.objects.bulk_update(changed, list(Motion.COUNT_FIELDS.values()), batch_size=1000)
    Vote.objects.bulk_create(votes, batch_size=2000)
    return votes


def generate(*, hromadas=None, seed: int, progress=None) -> dict:
    """A council for every OGP Local member hromada without one (or the given hromadas)."""
    rng = random.Random(seed * 104729)
    pool = (
        hromadas if hromadas is not None else Hromada.objects.filter(ogp_member_since__isnull=False)
    )
    todo = [h for h in pool if not Council.objects.filter(hromada=h).exists()]
    since = timezone.localdate() - dt.timedelta(days=30 * MONTHS + 30)
    totals = {"councils": 0, "members": 0, "meetings": 0, "decisions": 0, "votes": 0}
    for index, hromada in enumerate(todo, start=1):
        with transaction.atomic():
            council = Council.objects.create(
                hromada=hromada,
                name=f"Координаційна рада {hromada.name_uk} (синтетична)",
                term_start=since,
                origin="synthetic",
            )
            people = _people(rng, council, rng.randint(15, 30))
            members = _members(rng, council, people, since)
            meetings, motions, votes = _meetings(rng, council, members, since)
            record_many(
                actor=None,
                changes=[Change(council, HistoryAction.CREATE, {"name": [None, council.name]})],
            )
        for key, n in (
            ("councils", 1),
            ("members", len(members)),
            ("meetings", meetings),
            ("decisions", motions),
            ("votes", votes),
        ):
            totals[key] += n
        if progress and (index % 10 == 0 or index == len(todo)):
            progress("councils", index, len(todo))
    return totals
