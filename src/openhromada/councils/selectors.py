"""Reads for council pages: each page's data in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, Max, Prefetch, Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from openhromada.accounts.models import Role, RoleAssignment
from openhromada.core import visibility
from openhromada.core.text import collation_key, one_line
from openhromada.plans.models import Commitment

from .lifecycle import CO_CHAIR_SIDES, Post, Result, Side, Topic
from .models import Attendance, Council, Meeting, Membership, Motion, Vote

MEETING_INTERVAL = dt.timedelta(days=183)  # OGP Local: the forum meets at least every 6 months
PAST_PER_PAGE = 20
REGISTER_PER_PAGE = 50
POST_ORDER = {
    Post.CO_CHAIR_EXECUTIVE: 0,
    Post.CO_CHAIR_PUBLIC: 1,
    Post.SECRETARY: 2,
    Post.MEMBER: 3,
}


def get_council(hromada_slug: str) -> Council:
    council = Council.objects.select_related("hromada").filter(hromada__slug=hromada_slug).first()
    if council is None:
        raise Http404
    return council


def visible_meetings(council: Council, can_see_drafts: bool):
    meetings = council.meetings.all()
    return meetings if can_see_drafts else meetings.published()


def get_meeting(council: Council, number: int, can_see_drafts: bool) -> Meeting:
    meeting = visible_meetings(council, can_see_drafts).filter(number=number).first()
    if meeting is None:
        raise Http404  # a draft agenda is not public: as if it did not exist
    meeting.council = council
    return meeting


@dataclass
class Balance:
    government: int = 0
    public: int = 0
    by_sector: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.government + self.public

    @property
    def public_short(self) -> bool:
        return self.public < self.government


def current_members(council: Council, day: dt.date | None = None) -> list[Membership]:
    members = list(
        Membership.objects.active_on(day or timezone.localdate())
        .filter(council=council)
        .select_related("person")
    )
    members.sort(key=lambda m: (POST_ORDER[m.post], collation_key(m.person.name)))
    return members


def balance(members: list[Membership]) -> Balance:
    result = Balance()
    for member in members:
        if member.side == Side.GOVERNMENT:
            result.government += 1
        else:
            result.public += 1
        result.by_sector[member.sector] = result.by_sector.get(member.sector, 0) + 1
    return result


def warnings(council: Council, members: list[Membership], now: dt.datetime | None = None):
    """What falls short of the council's rules and the OGP Local minimum requirements."""
    now = now or timezone.now()
    found = []
    held = balance(members)
    if held.public_short:
        found.append(
            _(
                "Non-government members (%(public)d) are fewer than government members "
                "(%(gov)d): the forum is not balanced."
            )
            % {"public": held.public, "gov": held.government}
        )
    posts = {m.post for m in members}
    for post in CO_CHAIR_SIDES:
        if post not in posts:
            found.append(_("The council has no %(post)s.") % {"post": Post(post).label})
    stats = council.meetings.published().aggregate(
        last=Max("starts_at", filter=Q(starts_at__lte=now)),
        late=Count(
            "pk",
            filter=Q(
                minutes_published_at__isnull=True,
                starts_at__lt=now - dt.timedelta(days=council.minutes_due_days),
            ),
        ),
    )
    if stats["last"] is None or stats["last"] < now - MEETING_INTERVAL:
        found.append(
            _(
                "The council has not met for 6 months (OGP Local asks for a meeting at least "
                "every 6 months)."
            )
        )
    if stats["late"]:
        found.append(
            ngettext(
                "Minutes of %(n)d meeting are not published within the days the rules allow "
                "(%(days)d).",
                "Minutes of %(n)d meetings are not published within the days the rules allow "
                "(%(days)d).",
                stats["late"],
            )
            % {"n": stats["late"], "days": council.minutes_due_days}
        )
    return found


def meetings_for_page(council: Council, can_see_drafts: bool, page_number, withheld, now=None):
    """Upcoming meetings (all) and one page of past meetings, newest first; withheld meetings
    left out."""
    now = now or timezone.now()
    meetings = (
        withheld.exclude(visible_meetings(council, can_see_drafts))
        .defer("minutes_text")  # minutes can be long; the list shows only whether they exist
        .annotate(item_count=Count("items"))
    )
    upcoming = [
        withheld.redact(m) for m in meetings.filter(starts_at__gt=now).order_by("starts_at")
    ]
    past = Paginator(meetings.filter(starts_at__lte=now).order_by("-starts_at"), PAST_PER_PAGE)
    page = past.get_page(page_number)
    page.object_list = [withheld.redact(m) for m in page.object_list]
    return upcoming, page


def meeting_detail(meeting: Meeting, withheld) -> dict:
    """A meeting with its agenda, decisions, votes and attendance (five queries); withheld
    items and decisions left out, withheld fields blanked."""
    votes = Vote.objects.select_related("membership__person").order_by("pk")
    items = list(
        meeting.items.prefetch_related(
            Prefetch("motions", queryset=Motion.objects.order_by("pk").select_related("plan")),
            Prefetch("motions__votes", queryset=votes),
            Prefetch("motions__commitments", queryset=_COMMITMENTS.queryset),
        )
    )
    items = withheld.published(items, "motions")
    for item in items:
        for motion in item.motions.all():
            _public_references(motion, withheld)
    attendance = sorted(
        Attendance.objects.filter(meeting=meeting).select_related("membership__person"),
        key=lambda a: collation_key(a.membership.person.name),
    )
    for item in items:
        for motion in item.motions.all():
            motion.roll_call = sorted(
                motion.votes.all(), key=lambda v: collation_key(v.membership.person.name)
            )
    present = sum(1 for a in attendance if a.present)
    members = len(attendance)
    return {
        "items": items,
        "attendance": attendance,
        "present": present,
        "members": members,
        "quorum": meeting.council.quorum_for(members),
        "quorate": bool(attendance) and present >= meeting.council.quorum_for(members),
    }


@dataclass
class RegisterFilter:
    q: str = ""
    topic: str = ""
    result: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    problems: list[str] = field(default_factory=list)


def _date(params, name, problems) -> dt.date | None:
    raw = (params.get(name) or "").strip()
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        problems.append(_("“%(value)s” is not a date (YYYY-MM-DD); ignored.") % {"value": raw[:20]})
        return None


def parse_register_filter(params) -> RegisterFilter:
    problems: list[str] = []
    flt = RegisterFilter(
        q=one_line(params.get("q") or "")[:200],  # no control characters (PostgreSQL: NUL)
        date_from=_date(params, "from", problems),
        date_to=_date(params, "to", problems),
        problems=problems,
    )
    for name, choices in (("topic", Topic), ("result", Result)):
        value = params.get(name) or ""
        if value in choices.values:
            setattr(flt, name, value)
        elif value:
            problems.append(_("Unknown filter value “%(value)s”; ignored.") % {"value": value[:40]})
    return flt


REGISTER_COLUMNS = (
    "text",
    "topic",
    "result",
    "decided_on",
    "yes_count",
    "no_count",
    "abstain_count",
    "plan__title",
    "item__number",
    "item__meeting__number",
)


def register(council: Council, flt: RegisterFilter, page_number, withheld):
    """The decisions register: motions of published meetings, newest first, filtered; withheld
    decisions (and those of withheld meetings) left out."""
    motions = (
        register_motions(council, flt, withheld)
        .select_related("item__meeting", "plan")
        .only(*REGISTER_COLUMNS)
        .order_by("-decided_on", "-pk")
    )
    page = Paginator(motions, REGISTER_PER_PAGE).get_page(page_number)
    page.object_list = [
        _public_references(withheld.redact(m), withheld)
        for m in page.object_list.prefetch_related(_COMMITMENTS)
    ]
    return page


def register_motions(council: Council, flt: RegisterFilter, withheld):
    """The motions the register lists for these filters (its page and its CSV)."""
    motions = withheld.exclude(
        Motion.objects.filter(council=council, item__meeting__agenda_published_at__isnull=False)
    )
    if flt.q:  # withheld text is never searched: a match would tell what it says
        motions = motions.filter(Q(text__icontains=flt.q) | Q(item__title__icontains=flt.q))
        motions = motions.exclude(pk__in=withheld.field_ids("councils.motion", "text"))
        motions = motions.exclude(item_id__in=withheld.field_ids("councils.agendaitem", "title"))
    if flt.topic:
        motions = motions.filter(topic=flt.topic)
    if flt.result:
        motions = motions.filter(result=flt.result)
    if flt.date_from:
        motions = motions.filter(decided_on__gte=flt.date_from)
    if flt.date_to:
        motions = motions.filter(decided_on__lte=flt.date_to)
    return motions


# the commitments a decision concerns, with their plans (to ask whether they are public)
_COMMITMENTS = Prefetch("commitments", queryset=Commitment.objects.select_related("plan"))


def _public_references(motion: Motion, withheld) -> Motion:
    """A decision shows the plan and commitments it concerns only while they are public."""
    motion.public_plan = visibility.shown(motion.plan, withheld) if motion.plan_id else None
    motion.public_commitments = [
        c for c in motion.commitments.all() if visibility.is_visible(c, withheld)
    ]
    return motion


def person_record(person, can_see_drafts: bool, withheld) -> dict:
    """A member's memberships, attendance and votes (public meetings only, withheld ones out,
    withheld decision texts blanked)."""
    published = Q() if can_see_drafts else Q(meeting__agenda_published_at__isnull=False)
    published &= ~Q(meeting_id__in=withheld.ids("councils.meeting"))
    memberships = list(person.memberships.order_by("-start_date"))
    attendance = list(
        Attendance.objects.filter(published, membership__person=person)
        .select_related("meeting")
        .order_by("-meeting__starts_at")
    )
    vote_filter = (
        Q() if can_see_drafts else Q(motion__item__meeting__agenda_published_at__isnull=False)
    )
    votes = list(
        withheld.exclude(Vote.objects.filter(vote_filter, membership__person=person))
        .select_related("motion__item__meeting")
        .order_by("-motion__decided_on", "-motion_id")
    )
    for vote in votes:
        withheld.redact(vote.motion)
    return {
        "memberships": memberships,
        "attendance": attendance,
        "present": sum(1 for a in attendance if a.present),
        "votes": votes,
    }


def elections(council: Council):
    """Adopted decisions a co-chair can be elected by (for the membership form)."""
    return Motion.objects.filter(council=council, result=Result.ADOPTED).select_related(
        "item__meeting"
    )


# --- the home of a council's secretary, members and the hromada's officials -----------------


def council_page(council: Council) -> str:
    return reverse("councils:council", args=[council.hromada.slug])


def councils_served_by(user, day: dt.date | None = None):
    """The councils the user serves: through a current membership linked to their account, as
    a council member by role, or as an official of the council's hromada."""
    roles = RoleAssignment.objects.filter(
        user=user, role__in=(Role.COUNCIL_MEMBER, Role.OFFICIAL)
    ).values("hromada_id")
    seats = (
        Membership.objects.active_on(day or timezone.localdate())
        .filter(person__user=user)
        .values("council_id")
    )
    return Council.objects.filter(Q(hromada__in=roles) | Q(pk__in=seats))


def meetings_without_agenda_for(user):
    """Meetings of the user's councils whose agenda is not published yet, the soonest first
    (`agenda_deadlines` gives each its deadline)."""
    return (
        Meeting.objects.filter(council__in=councils_served_by(user), agenda_published_at=None)
        .select_related("council__hromada")
        .defer("minutes_text")
        .order_by("starts_at", "pk")
    )


def meetings_without_minutes_for(user, now: dt.datetime | None = None):
    """Meetings of the user's councils that have happened (agenda published) without published
    minutes, the oldest first (`minutes_deadlines` gives each its deadline)."""
    return (
        Meeting.objects.filter(
            council__in=councils_served_by(user),
            agenda_published_at__isnull=False,
            starts_at__lte=now or timezone.now(),
            minutes_published_at=None,
        )
        .select_related("council__hromada")
        .defer("minutes_text")
        .order_by("starts_at", "pk")
    )


def agenda_deadlines(meetings) -> list[Meeting]:
    """The meetings, each with `due`: when its agenda must be out (the notice days before)."""
    meetings = list(meetings)
    for meeting in meetings:
        meeting.due = meeting.starts_at - dt.timedelta(days=meeting.council.notice_days)
    return meetings


def minutes_deadlines(meetings, now: dt.datetime | None = None) -> list[Meeting]:
    """The meetings, each with `due` (when its minutes must be out, by the council's rules) and
    `late` (that moment has passed)."""
    now = now or timezone.now()
    meetings = list(meetings)
    for meeting in meetings:
        meeting.due = meeting.starts_at + dt.timedelta(days=meeting.council.minutes_due_days)
        meeting.late = meeting.due < now
    return meetings
