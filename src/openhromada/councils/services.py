"""Writes to coordination councils: each permission-checked, validated, atomic, in the history,
with followers notified after commit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from openhromada.core.errors import ServiceError
from openhromada.core.history import Change, public_value, record, record_many, snapshot
from openhromada.core.models import HistoryAction
from openhromada.core.services import create_recorded, require, save, update_recorded
from openhromada.core.uploads import check_uploads
from openhromada.plans.lifecycle import PlanStatus
from openhromada.plans.models import ActionPlan, Commitment

from .lifecycle import CAST_OPTIONS, CO_CHAIR_SIDES, Post, Result, VoteOption, side_of
from .models import AgendaItem, Attendance, Council, Meeting, Membership, Motion, Person, Vote
from .tasks import notify_meeting_event

COUNCIL_FIELDS = (*Council.HISTORY_FIELDS, "founding_document", "rules_file")


def _files(values: dict, names: Iterable[str]) -> None:
    """A new upload is checked; False (the form's "clear") removes the file; anything else (no
    upload, or the record's own file echoed back by a form) keeps what the record has."""
    for name in names:
        if name not in values:
            continue
        if values[name] is False:
            values[name] = ""
        elif isinstance(values[name], UploadedFile):
            check_uploads([values[name]], name)
        else:
            del values[name]


def _check_term(council: Council) -> None:
    if council.term_end and council.term_start and council.term_end <= council.term_start:
        raise ServiceError({"term_end": _("The term must end after it starts.")})


# --- the council ---------------------------------------------------------------------------


@transaction.atomic
def council_create(*, actor, hromada, origin: str = "real", **values) -> Council:
    """Set up the hromada's coordination council."""
    require(actor, "councils.add_council", hromada)  # once: a hromada has one council
    _files(values, ("founding_document", "rules_file"))
    council = Council(hromada=hromada, origin=origin, **values)
    _check_term(council)
    return create_recorded(actor=actor, obj=council, history_fields=COUNCIL_FIELDS)


@transaction.atomic
def council_update(*, actor, council: Council, **values) -> Council:
    require(actor, "councils.change_council", council)
    council = Council.objects.select_for_update().get(pk=council.pk)
    _files(values, ("founding_document", "rules_file"))
    update_recorded(
        actor=actor, obj=council, values=values, history_fields=COUNCIL_FIELDS, check=_check_term
    )
    return council


# --- members -------------------------------------------------------------------------------


def _overlapping(membership: Membership):
    """Other memberships of the same post on the council whose dates overlap this one's."""
    others = Membership.objects.filter(council_id=membership.council_id, post=membership.post)
    if membership.pk:
        others = others.exclude(pk=membership.pk)
    others = others.filter(Q(end_date__isnull=True) | Q(end_date__gte=membership.start_date))
    if membership.end_date:
        others = others.filter(start_date__lte=membership.end_date)
    return others


def _validate_membership(membership: Membership) -> None:
    if (
        membership.end_date
        and membership.start_date
        and membership.end_date < membership.start_date
    ):
        raise ServiceError({"end_date": _("A membership cannot end before it starts.")})
    if membership.post not in CO_CHAIR_SIDES:
        if membership.post == Post.SECRETARY and _overlapping(membership).exists():
            raise ServiceError({"post": _("The council already has a secretary for these dates.")})
        return
    side = CO_CHAIR_SIDES[membership.post]
    if side_of(membership.sector) != side:
        raise ServiceError(
            {
                "sector": _(
                    "The co-chair from the executive side must represent a government body."
                )
                if side == "government"
                else _("The co-chair from the public side must represent a non-government body.")
            }
        )
    motion = membership.elected_by
    if motion is None:
        raise ServiceError(
            {"elected_by": _("A co-chair is chosen by a recorded election: choose the vote.")}
        )
    if motion.council_id != membership.council_id or motion.result != Result.ADOPTED:
        raise ServiceError(
            {
                "elected_by": _(
                    "Choose an adopted decision of this council that elected the co-chair."
                )
            }
        )
    if clash := _overlapping(membership).select_related("person").first():
        raise ServiceError(
            {
                "post": _(
                    "%(name)s already holds this post from %(start)s; a council has one co-chair "
                    "from each side at a time. End that membership first."
                )
                % {"name": clash.person.name, "start": clash.start_date.isoformat()}
            }
        )


@transaction.atomic
def membership_create(
    *,
    actor,
    council: Council,
    person: Person | None = None,
    name: str = "",
    bio: str = "",
    **values,
) -> Membership:
    """Seat a person on the council (a new public profile unless `person` is given)."""
    require(actor, "councils.change_council", council)
    Council.objects.select_for_update().get(pk=council.pk)  # one co-chair check at a time
    if person is None:
        person = create_recorded(actor=actor, obj=Person(council=council, name=name, bio=bio))
    elif person.council_id != council.pk:
        raise ServiceError(_("This person is not on this council's list."))
    membership = Membership(council=council, person=person, **values)
    _validate_membership(membership)
    return create_recorded(actor=actor, obj=membership)


@transaction.atomic
def membership_update(
    *,
    actor,
    membership: Membership,
    name=None,
    bio=None,
    account_email: str | None = None,
    **values,
) -> Membership:
    """Change a membership and its person's profile; with `account_email` (empty unlinks) also
    the account acting for the person. One form, one transaction: a refused link keeps the
    membership as it was."""
    council = Council.objects.select_for_update().get(pk=membership.council_id)
    require(actor, "councils.change_council", council)
    membership = Membership.objects.select_related("person").get(pk=membership.pk)
    person = membership.person
    person_values = {k: v for k, v in (("name", name), ("bio", bio)) if v is not None}
    if person_values:
        update_recorded(actor=actor, obj=person, values=person_values, fields=("name", "bio"))
    update_recorded(actor=actor, obj=membership, values=values, check=_validate_membership)
    if account_email is not None:
        person_link_account(actor=actor, person=person, email=account_email)
    return membership


@transaction.atomic
def person_link_account(*, actor, person: Person, email: str) -> Person:
    """Let a platform account act for a person (their post's rights); empty e-mail unlinks.
    The link is private: it is not in the public history or open data."""
    require(actor, "councils.link_account", person.council)
    if not email:
        person.user = None
    else:
        user = get_user_model().objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise ServiceError({"account_email": _("No account has this e-mail address.")})
        person.user = user
    person.save(update_fields=["user", "updated_at"])
    return person


# --- meetings ------------------------------------------------------------------------------


MEETING_FIELDS = ("starts_at", "place", "online_url")


def _locked(pk: int) -> Meeting:
    """The meeting as stored, locked: what may be done is decided on its current record."""
    return Meeting.objects.select_for_update().select_related("council").get(pk=pk)


def _validate_meeting(meeting: Meeting) -> None:
    if not meeting.place and not meeting.online_url:
        raise ServiceError({"place": _("Give the place of the meeting or an online link.")})


@transaction.atomic
def meeting_create(*, actor, council: Council, origin: str = "real", **values) -> Meeting:
    """Schedule a meeting (a draft until its agenda is published)."""
    require(actor, "councils.change_council", council)
    council = Council.objects.select_for_update().get(pk=council.pk)
    number = (council.meetings.aggregate(n=Max("number"))["n"] or 0) + 1
    meeting = Meeting(council=council, number=number, origin=origin)
    for name in MEETING_FIELDS:
        setattr(meeting, name, values.get(name, getattr(meeting, name)))
    _validate_meeting(meeting)
    return create_recorded(actor=actor, obj=meeting)


@transaction.atomic
def meeting_update(*, actor, meeting: Meeting, **values) -> Meeting:
    meeting = _locked(meeting.pk)
    require(actor, "councils.change_meeting", meeting)
    update_recorded(
        actor=actor, obj=meeting, values=values, fields=MEETING_FIELDS, check=_validate_meeting
    )
    return meeting


def notice_shortfall(meeting: Meeting, published_at: dt.datetime | None = None) -> bool:
    """Was (or would be) the agenda published with less notice than the council's rules ask?"""
    published_at = published_at or meeting.agenda_published_at or timezone.now()
    notice = meeting.starts_at - published_at
    return notice < dt.timedelta(days=meeting.council.notice_days)


@transaction.atomic
def meeting_publish_agenda(*, actor, meeting: Meeting, now: dt.datetime | None = None) -> Meeting:
    """Make the meeting and its agenda public and tell the council's followers."""
    meeting = _locked(meeting.pk)
    require(actor, "councils.publish_agenda", meeting)  # once, with at least one item
    # a transition, not an edit: only the publication time is saved and recorded
    meeting.agenda_published_at = now or timezone.now()
    meeting.save(update_fields=["agenda_published_at", "updated_at"])
    record(
        actor=actor,
        obj=meeting,
        action=HistoryAction.UPDATE,
        changes={"agenda_published_at": [None, meeting.agenda_published_at.isoformat()]},
    )
    _notify(meeting, "agenda")
    return meeting


ITEM_FIELDS = ("title", "description", "document", "discussion")


@transaction.atomic
def agenda_item_create(*, actor, meeting: Meeting, **values) -> AgendaItem:
    meeting = _locked(meeting.pk)  # one new number at a time
    require(actor, "councils.change_agenda", meeting)
    _files(values, ("document",))
    number = (meeting.items.aggregate(n=Max("number"))["n"] or 0) + 1
    item = AgendaItem(meeting=meeting, number=number, **{k: v for k, v in values.items() if v})
    return create_recorded(actor=actor, obj=item)


@transaction.atomic
def agenda_item_update(*, actor, item: AgendaItem, **values) -> AgendaItem:
    require(actor, "councils.change_agenda", _locked(item.meeting_id))
    _files(values, ("document",))
    update_recorded(actor=actor, obj=item, values=values, fields=ITEM_FIELDS)
    return item


def members_on(meeting: Meeting):
    """Memberships active on the meeting's day, with their people."""
    return (
        Membership.objects.active_on(meeting.day)
        .filter(council_id=meeting.council_id)
        .select_related("person")
        .order_by("person__name", "pk")
    )


@transaction.atomic
def attendance_record(*, actor, meeting: Meeting, present: Iterable[int]) -> dict[str, int]:
    """Record who was present (every other member of the day is absent); returns the counts."""
    meeting = _locked(meeting.pk)
    require(actor, "councils.record_attendance", meeting)  # after it, until the minutes
    members = {m.pk: m for m in members_on(meeting)}
    present = set(present)
    if strangers := present - set(members):
        raise ServiceError(
            _("Only members of the council on the day of the meeting can attend (%(ids)s).")
            % {"ids": ", ".join(str(i) for i in sorted(strangers))}
        )
    before = {a.membership_id: a.present for a in meeting.attendance.all()}
    meeting.attendance.all().delete()
    Attendance.objects.bulk_create(
        [Attendance(meeting=meeting, membership_id=pk, present=pk in present) for pk in members]
    )
    counts = {"present": len(present), "members": len(members)}
    old = sorted(members[pk].person.name for pk, was in before.items() if was and pk in members)
    new = sorted(members[pk].person.name for pk in present)
    if old != new or not before:
        record(
            actor=actor,
            obj=meeting,
            action=HistoryAction.UPDATE,
            changes={"attendance": [", ".join(old) if before else None, ", ".join(new)]},
        )
    return counts


def _counts_from_votes(votes: dict[int, str]) -> dict[str, int]:
    counts = dict.fromkeys(Motion.COUNT_FIELDS, 0)
    for option in votes.values():
        counts[option] += 1
    return counts


def _check_votes(meeting: Meeting, votes: dict[int, str], present_ids: set[int]) -> None:
    members = {m.pk for m in members_on(meeting)}
    if set(votes) - members:
        raise ServiceError(
            {"votes": _("A vote was recorded for someone who is not a member of the council.")}
        )
    for pk, option in votes.items():
        if option not in VoteOption.values:
            raise ServiceError({"votes": _("Unknown vote option “%(o)s”.") % {"o": option}})
        if option in CAST_OPTIONS and present_ids and pk not in present_ids:
            raise ServiceError({"votes": _("A member recorded as absent cannot cast a vote.")})


def _check_counts(counts: dict[str, int], present: int, members: int) -> None:
    if any(value < 0 for value in counts.values()):
        raise ServiceError({"yes_count": _("Counts cannot be negative.")})
    cast = sum(counts[o] for o in CAST_OPTIONS)
    if cast > present:
        raise ServiceError(
            {
                "yes_count": _(
                    "%(cast)d votes are recorded but only %(present)d members were present."
                )
                % {"cast": cast, "present": present}
            }
        )
    if cast + counts[VoteOption.ABSENT] > members:
        raise ServiceError(
            {
                "absent_count": _("The counts add up to more than the council's %(n)d members.")
                % {"n": members}
            }
        )


@transaction.atomic
def motion_record(
    *,
    actor,
    item: AgendaItem,
    text: str,
    result: str,
    topic: str = "other",
    votes: dict[int, str] | None = None,
    counts: dict[str, int] | None = None,
    plan=None,
    commitments=(),
) -> Motion:
    """Record a motion on an agenda item, its result and the vote: per member or as counts."""
    meeting = _locked(item.meeting_id)
    require(actor, "councils.record_motion", meeting)  # after it, until the minutes
    attendance = list(meeting.attendance.all())
    present_ids = {a.membership_id for a in attendance if a.present}
    voting = result in (Result.ADOPTED, Result.NOT_ADOPTED)
    if voting and not attendance:
        raise ServiceError(_("Record the attendance before recording a vote."))
    votes = {int(k): v for k, v in (votes or {}).items() if v}
    if votes:
        _check_votes(meeting, votes, present_ids)
        counts = _counts_from_votes(votes)
    counts = {o: int((counts or {}).get(o) or 0) for o in Motion.COUNT_FIELDS}
    if voting:
        _check_counts(counts, len(present_ids), len(attendance))
    elif any(counts.values()):
        raise ServiceError({"result": _("A motion that was not voted on has no vote counts.")})
    hromada_id = meeting.council.hromada_id
    plan = None if plan is None else ActionPlan.objects.get(pk=plan.pk)
    if plan is not None and (plan.hromada_id != hromada_id or plan.status == PlanStatus.DRAFT):
        raise ServiceError({"plan": _("Choose a public action plan of this hromada.")})
    # re-read: the plans' *current* status decides, not a copy the caller holds
    commitments = list(
        Commitment.objects.filter(pk__in=[c.pk for c in commitments]).select_related("plan")
    )
    if any(
        c.plan.hromada_id != hromada_id or c.plan.status == PlanStatus.DRAFT for c in commitments
    ):
        raise ServiceError({"commitments": _("Choose commitments of this hromada's public plans.")})
    motion = Motion(
        item=item,
        council=meeting.council,
        text=text,
        topic=topic,
        result=result,
        decided_on=meeting.day,
        plan=plan,
        **{Motion.COUNT_FIELDS[o]: n for o, n in counts.items()},
    )
    motion.commitment_ids = sorted(c.pk for c in commitments)
    save(motion)
    motion.commitments.set(commitments)
    Vote.objects.bulk_create(
        [Vote(motion=motion, membership_id=pk, option=option) for pk, option in votes.items()]
    )
    changes = [Change(motion, HistoryAction.CREATE, _created(motion))]
    record_many(actor=actor, changes=changes)
    return motion


def _created(motion: Motion) -> dict:
    # not core.services.create_recorded: the entry also holds the linked commitments and the
    # number of roll-call votes, saved after the motion itself
    values = snapshot(motion, Motion.HISTORY_FIELDS)
    linked = sorted(motion.commitments.all(), key=lambda c: c.pk)
    values["commitments"] = [public_value(c) for c in linked] or None
    values["votes"] = motion.votes.count() or None
    return {k: [None, v] for k, v in values.items()}


@transaction.atomic
def minutes_publish(
    *, actor, meeting: Meeting, minutes_text: str = "", minutes_file=None
) -> Meeting:
    """Publish the minutes of a meeting that has happened; followers are told."""
    meeting = _locked(meeting.pk)
    require(actor, "councils.publish_minutes", meeting)  # once, after the meeting and its agenda
    if not minutes_text.strip() and not minutes_file:
        raise ServiceError({"minutes_text": _("Write the minutes or attach their file.")})
    if minutes_file:
        check_uploads([minutes_file], "minutes_file")
        meeting.minutes_file = minutes_file
    # a transition, not an edit: the minutes are recorded as published even when empty
    meeting.minutes_text = minutes_text
    meeting.minutes_published_at = timezone.now()
    meeting.clean_fields()  # validated and cleaned, as it goes into the history
    meeting.save(
        update_fields=["minutes_text", "minutes_file", "minutes_published_at", "updated_at"]
    )
    record(
        actor=actor,
        obj=meeting,
        action=HistoryAction.UPDATE,
        changes={
            "minutes_text": [None, meeting.minutes_text or None],
            "minutes_published_at": [None, meeting.minutes_published_at.isoformat()],
        },
    )
    _notify(meeting, "minutes")
    return meeting


def _notify(meeting: Meeting, event: str) -> None:
    transaction.on_commit(lambda: notify_meeting_event.enqueue(meeting.pk, event))
