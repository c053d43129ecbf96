"""Council rules: bad input gets a clear error and saves nothing; every change is in history."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from openhromada.core.history import history_for
from openhromada.core.models import HistoryEntry
from openhromada.councils import selectors, services
from openhromada.councils.lifecycle import Post, Result, Sector, Topic, VoteOption
from openhromada.councils.models import Attendance, Meeting, Membership, Motion, Vote
from tests.councils.fixtures import D, elect, meeting, seat
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    """Messages are matched in English here; the pages' tests read them in Ukrainian."""
    from django.utils import translation

    with translation.override("en"):
        yield


def test_official_sets_up_a_council_and_it_is_in_the_history(council, official):
    entry = history_for(council).get()
    assert entry.action == "create" and entry.actor_label == official.public_name
    assert entry.changes["name"] == [None, "Координаційна рада"]


def test_a_hromada_has_one_council(council, official, hromada):
    with pytest.raises(ValidationError, match="already has a coordination council"):
        services.council_create(
            actor=official, hromada=hromada, name="Друга", term_start=D(2025, 1, 1)
        )


def test_a_term_ending_before_it_starts_is_refused(council, official):
    with pytest.raises(ValidationError) as error:
        services.council_update(actor=official, council=council, term_end=D(2024, 1, 1))
    assert "term_end" in error.value.message_dict
    council.refresh_from_db()
    assert council.term_end is None


def test_a_membership_ending_before_it_starts_is_refused_and_nothing_saved(council, official):
    with pytest.raises(ValidationError) as error:
        seat(official, council, "Хтось", start_date=D(2025, 5, 1), end_date=D(2025, 4, 1))
    assert "end_date" in error.value.message_dict
    assert not council.people.exists() and not council.memberships.exists()


def test_a_co_chair_needs_a_recorded_election(council, official):
    with pytest.raises(ValidationError) as error:
        seat(official, council, "Голова", Sector.EXECUTIVE, Post.CO_CHAIR_EXECUTIVE)
    assert "elected_by" in error.value.message_dict


def test_a_co_chair_is_elected_by_an_adopted_vote(council, official, members, held):
    motion = elect(official, held, members)
    chair = services.membership_update(
        actor=official, membership=members[0], post=Post.CO_CHAIR_EXECUTIVE, elected_by=motion
    )
    assert chair.post == Post.CO_CHAIR_EXECUTIVE
    failed = elect(official, held, members, text="Невдалі вибори", result=Result.NOT_ADOPTED)
    with pytest.raises(ValidationError, match="adopted decision"):
        services.membership_update(
            actor=official, membership=members[3], post=Post.CO_CHAIR_PUBLIC, elected_by=failed
        )


def test_two_executive_co_chairs_at_once_are_refused(council, official, members, held):
    motion = elect(official, held, members)
    services.membership_update(
        actor=official, membership=members[0], post=Post.CO_CHAIR_EXECUTIVE, elected_by=motion
    )
    with pytest.raises(ValidationError, match="one co-chair from each side"):
        services.membership_update(
            actor=official, membership=members[1], post=Post.CO_CHAIR_EXECUTIVE, elected_by=motion
        )
    assert Membership.objects.get(pk=members[1].pk).post == Post.MEMBER
    # once the first co-chair's membership ends, a successor can take the post
    services.membership_update(actor=official, membership=members[0], end_date=D(2025, 6, 30))
    services.membership_update(
        actor=official,
        membership=members[1],
        post=Post.CO_CHAIR_EXECUTIVE,
        elected_by=motion,
        start_date=D(2025, 7, 1),
    )


def test_a_public_co_chair_must_come_from_outside_government(council, official, members, held):
    motion = elect(official, held, members)
    with pytest.raises(ValidationError) as error:
        services.membership_update(
            actor=official, membership=members[0], post=Post.CO_CHAIR_PUBLIC, elected_by=motion
        )
    assert "sector" in error.value.message_dict


def test_attendance_for_a_meeting_that_has_not_happened_is_refused(council, official, members):
    upcoming = meeting(official, council, days_ago=-5)
    with pytest.raises(ValidationError, match="has not happened"):
        services.attendance_record(actor=official, meeting=upcoming, present=[members[0].pk])
    assert not Attendance.objects.exists()


def test_attendance_of_a_stranger_is_refused(council, official, members, held, hromada):
    other = seat(official, council, "Пізніше", start_date=timezone.localdate())
    with pytest.raises(ValidationError, match="Only members"):
        services.attendance_record(actor=official, meeting=held, present=[other.pk])
    assert held.attendance.filter(present=True).count() == len(members)


def test_a_vote_for_a_non_member_is_refused_and_nothing_saved(council, official, members, held):
    later = seat(official, council, "Новий член", start_date=timezone.localdate())
    votes = {m.pk: VoteOption.YES for m in members} | {later.pk: VoteOption.YES}
    with pytest.raises(ValidationError, match="not a member"):
        services.motion_record(
            actor=official, item=held.items.first(), text="x", result=Result.ADOPTED, votes=votes
        )
    assert not Motion.objects.exists() and not Vote.objects.exists()


def test_a_vote_count_exceeding_members_present_is_refused(council, official, members):
    made = meeting(official, council)
    services.attendance_record(actor=official, meeting=made, present=[m.pk for m in members[:3]])
    with pytest.raises(ValidationError, match="only 3 members were present"):
        services.motion_record(
            actor=official,
            item=made.items.first(),
            text="x",
            result=Result.ADOPTED,
            counts={VoteOption.YES: 3, VoteOption.NO: 1},
        )
    assert not Motion.objects.exists()


def test_an_absent_member_cannot_cast_a_vote(council, official, members):
    made = meeting(official, council)
    services.attendance_record(actor=official, meeting=made, present=[m.pk for m in members[:5]])
    with pytest.raises(ValidationError, match="absent cannot cast"):
        services.motion_record(
            actor=official,
            item=made.items.first(),
            text="x",
            result=Result.ADOPTED,
            votes={members[5].pk: VoteOption.YES},
        )


def test_a_vote_needs_attendance_first(council, official, members):
    made = meeting(official, council)
    with pytest.raises(ValidationError, match="Record the attendance"):
        services.motion_record(
            actor=official, item=made.items.first(), text="x", result=Result.ADOPTED, counts={}
        )


def test_a_draft_plan_cannot_be_linked_to_a_public_decision(council, official, members, held, plan):
    with pytest.raises(ValidationError) as error:
        services.motion_record(
            actor=official,
            item=held.items.first(),
            text="x",
            result=Result.NOT_CONSIDERED,
            plan=plan,
        )
    assert "public action plan" in error.value.message_dict["plan"][0]


def test_roll_call_gives_the_counts_and_links_the_plan(council, official, members, held, plan):
    from tests.plans.fixtures import move

    plan = move(plan, official, "co_creation")
    votes = {m.pk: VoteOption.YES for m in members[:4]} | {members[4].pk: VoteOption.NO}
    votes[members[5].pk] = VoteOption.ABSTAIN
    motion = services.motion_record(
        actor=official,
        item=held.items.first(),
        text="Схвалити план дій",
        topic=Topic.ACTION_PLAN,
        result=Result.ADOPTED,
        votes=votes,
        plan=plan,
    )
    assert (motion.yes_count, motion.no_count, motion.abstain_count) == (4, 1, 1)
    assert motion.plan == plan and motion.decided_on == held.day
    assert history_for(motion).get().changes["votes"] == [None, 6]


def test_a_plan_of_another_hromada_is_refused(council, official, members, held):
    from openhromada.places.models import Hromada
    from openhromada.plans.services import plan_create
    from tests.factories import with_role

    elsewhere = Hromada.objects.get(slug="lutska")
    other_official = with_role(UserFactory(), "official", hromada=elsewhere)
    other = plan_create(
        actor=other_official,
        hromada=elsewhere,
        title="x",
        start_date=D(2025, 1, 1),
        end_date=D(2026, 1, 1),
    )
    with pytest.raises(ValidationError) as error:
        services.motion_record(
            actor=official,
            item=held.items.first(),
            text="x",
            result=Result.NOT_CONSIDERED,
            plan=other,
        )
    assert "plan" in error.value.message_dict


def test_minutes_need_a_held_meeting_and_text_or_a_file(council, official, members, held):
    upcoming = meeting(official, council, days_ago=-3)
    with pytest.raises(ValidationError, match="has not happened"):
        services.minutes_publish(actor=official, meeting=upcoming, minutes_text="x")
    with pytest.raises(ValidationError) as error:
        services.minutes_publish(actor=official, meeting=held, minutes_text="  ")
    assert "minutes_text" in error.value.message_dict
    services.minutes_publish(actor=official, meeting=held, minutes_text="Протокол")
    with pytest.raises(ValidationError, match="closed"):
        services.agenda_item_create(
            actor=official, meeting=Meeting.objects.get(pk=held.pk), title="x"
        )


def test_an_agenda_needs_an_item_before_it_is_published(council, official):
    empty = services.meeting_create(
        actor=official, council=council, starts_at=timezone.now(), place="Зала"
    )
    with pytest.raises(ValidationError, match="at least one agenda item"):
        services.meeting_publish_agenda(actor=official, meeting=empty)


def test_a_meeting_needs_a_place_or_a_link(council, official):
    with pytest.raises(ValidationError) as error:
        services.meeting_create(actor=official, council=council, starts_at=timezone.now())
    assert "place" in error.value.message_dict
    assert not council.meetings.exists()


def test_quorum_is_more_than_the_share_in_the_rules(council):
    assert [council.quorum_for(n) for n in (0, 6, 7, 20)] == [0, 4, 4, 11]
    council.quorum_percent = 66
    assert council.quorum_for(21) == 14


def test_warnings_balance_co_chairs_meetings_and_minutes(council, official, members):
    found = " ".join(selectors.warnings(council, selectors.current_members(council)))
    assert "co-chair from the executive side" in found and "not met for 6 months" in found
    assert "fewer than government" not in found  # 3 and 3: balanced
    seat(official, council, "Ще один", Sector.EXECUTIVE)
    meeting(official, council, days_ago=30)
    found = " ".join(selectors.warnings(council, selectors.current_members(council)))
    assert "fewer than government members (3)" not in found
    assert "Non-government members (3) are fewer than government members (4)" in found
    assert "Minutes of 1 meeting are not published within the days the rules allow (10)" in found
    assert "not met for 6 months" not in found


def test_every_step_is_in_the_public_history(council, official, members, held):
    elect(official, held, members)
    services.minutes_publish(actor=official, meeting=held, minutes_text="Протокол")
    types = set(HistoryEntry.objects.values_list("object_type", flat=True))
    assert {
        "councils.council",
        "councils.person",
        "councils.membership",
        "councils.meeting",
        "councils.agendaitem",
        "councils.motion",
    } <= types
    meeting_entries = history_for(held)
    assert next(e.changes.get("minutes_text") for e in meeting_entries) == [None, "Протокол"]
    assert any("attendance" in e.changes for e in meeting_entries)


def test_followers_are_told_of_agendas_and_minutes(
    council, official, members, mailoutbox, django_capture_on_commit_callbacks
):
    from openhromada.notifications.services import follow

    resident = UserFactory()
    follow(user=resident, obj=council)
    with django_capture_on_commit_callbacks(execute=True):
        made = meeting(official, council)
    services.attendance_record(actor=official, meeting=made, present=[members[0].pk])
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_publish(actor=official, meeting=made, minutes_text="Протокол")
    titles = sorted(resident.notifications.values_list("title", flat=True))
    assert len(titles) == 2
    assert titles[0].startswith("Порядок денний оприлюднено")
    assert titles[1].startswith("Протокол оприлюднено")
    assert len(mailoutbox) == 2 and mailoutbox[0].to == [resident.email]
