"""Council fixtures shared by the council tests: a council, seated members, held meetings."""

import datetime as dt

import pytest
from django.utils import timezone

from openhromada.councils import services
from openhromada.councils.lifecycle import Post, Result, Sector, Topic, VoteOption

D = dt.date
SINCE = D(2025, 1, 1)


def ago(days: int, hour: int = 15) -> dt.datetime:
    day = timezone.localdate() - dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.fixture
def council(official, hromada):
    return services.council_create(
        actor=official,
        hromada=hromada,
        name="Координаційна рада",
        term_start=SINCE,
        rules_text="Положення",
    )


def seat(actor, council, name, sector=Sector.CIVIL_SOCIETY, post=Post.MEMBER, **extra):
    values = {"on_behalf_of": f"Організація {name}", "start_date": SINCE}
    values.update(extra)
    return services.membership_create(
        actor=actor, council=council, name=name, sector=sector, post=post, **values
    )


@pytest.fixture
def members(official, council):
    """Six members: three from government bodies, three from civil society."""
    return [
        seat(official, council, "Гов 1", Sector.EXECUTIVE),
        seat(official, council, "Гов 2", Sector.MUNICIPAL_ENTERPRISE),
        seat(official, council, "Гов 3", Sector.INSTITUTION),
        seat(official, council, "Гром 1", Sector.CIVIL_SOCIETY),
        seat(official, council, "Гром 2", Sector.BUSINESS),
        seat(official, council, "Гром 3", Sector.ACADEMIA),
    ]


def meeting(actor, council, days_ago=10, publish=True, items=("Питання",)):
    made = services.meeting_create(
        actor=actor, council=council, starts_at=ago(days_ago), place="Зала засідань"
    )
    for title in items:
        services.agenda_item_create(actor=actor, meeting=made, title=title)
    if publish:
        made = services.meeting_publish_agenda(actor=actor, meeting=made)
    return made


@pytest.fixture
def held(official, council, members):
    """A meeting 10 days ago with its agenda published and everyone present."""
    made = meeting(official, council)
    services.attendance_record(actor=official, meeting=made, present=[m.pk for m in members])
    return made


def elect(actor, held_meeting, members, text="Обрати співголову", result=Result.ADOPTED):
    return services.motion_record(
        actor=actor,
        item=held_meeting.items.first(),
        text=text,
        topic=Topic.COUNCIL,
        result=result,
        votes={m.pk: VoteOption.YES for m in members},
    )


@pytest.fixture
def decided(official, council, members, held):
    """At the held meeting: a co-chair elected by roll call, and a motion not adopted (counts
    only); and a draft meeting, not yet public."""
    motion = elect(official, held, members)
    services.membership_update(
        actor=official, membership=members[0], post=Post.CO_CHAIR_EXECUTIVE, elected_by=motion
    )
    services.motion_record(
        actor=official,
        item=held.items.first(),
        text="Порахували",
        result=Result.NOT_ADOPTED,
        counts={VoteOption.YES: 2, VoteOption.NO: 3, VoteOption.ABSENT: 0},
    )
    meeting(official, council, days_ago=-5, publish=False, items=("Чернетка",))
    return motion
