"""Coordination councils in Popolo's shapes: the council (an Organization), people, their
memberships with posts, meetings (Events) with agenda items, attendance, motions (the decisions,
each with its VoteEvent's counts) and individual votes."""

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from openhromada.core.field_docs import CREATED, UPDATED
from openhromada.core.fields import LineField, LinkField, ProseField
from openhromada.core.models import data_origin_field
from openhromada.core.records import PublicRecord, public_once_set

from .lifecycle import CO_CHAIR_SIDES, Post, Result, Sector, Topic, VoteOption, side_of


class Council(models.Model):
    """A hromada's coordination council for OGP Local (a multi-stakeholder forum)."""

    hromada = models.OneToOneField(
        "places.Hromada",
        on_delete=models.PROTECT,  # a public body's record is never cascaded away
        related_name="council",
        verbose_name=_("hromada"),
        help_text=_("The hromada whose council it is."),
    )
    name = LineField(_("name"), max_length=300, help_text=_("Name of the council."))
    founding_decision_number = LineField(
        _("founding decision number"),
        max_length=100,
        blank=True,
        help_text=_("Number of the founding decision."),
    )
    founding_decision_date = models.DateField(
        _("founding decision date"),
        null=True,
        blank=True,
        help_text=_("Date of the founding decision."),
    )
    founding_document = models.FileField(
        _("founding decision (file)"),
        max_length=255,
        upload_to="councils/founding/",
        blank=True,
        help_text=_("The founding decision, as a file."),
    )
    rules_text = ProseField(
        _("rules of procedure"), blank=True, help_text=_("The council's rules, as adopted.")
    )
    rules_file = models.FileField(
        _("rules of procedure (file)"),
        max_length=255,
        upload_to="councils/rules/",
        blank=True,
        help_text=_("The rules of procedure, as a file."),
    )
    term_start = models.DateField(_("term starts"), help_text=_("Start of the council's term."))
    term_end = models.DateField(
        _("term ends"),
        null=True,
        blank=True,
        help_text=_("End of the council's term; empty if not set."),
    )
    quorum_percent = models.PositiveSmallIntegerField(
        # xgettext:no-python-format
        _("quorum, % of members"),
        default=50,
        validators=[MinValueValidator(1), MaxValueValidator(99)],
        help_text=_("The meeting is quorate when more than this share of members is present."),
    )
    notice_days = models.PositiveSmallIntegerField(
        _("minimum notice, days"),
        default=5,
        validators=[MaxValueValidator(60)],
        help_text=_("How many days before a meeting its agenda must be published."),
    )
    minutes_due_days = models.PositiveSmallIntegerField(
        _("minutes due within, days"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_("How many days after a meeting its minutes must be published."),
    )
    origin = data_origin_field()
    created_at = models.DateTimeField(auto_now_add=True, help_text=CREATED)
    updated_at = models.DateTimeField(auto_now=True, help_text=UPDATED)

    HISTORY_FIELDS = (
        "name",
        "founding_decision_number",
        "founding_decision_date",
        "rules_text",
        "term_start",
        "term_end",
        "quorum_percent",
        "notice_days",
        "minutes_due_days",
    )
    # Always public; its history holds what it contains (its people and memberships) and its
    # meetings with what is inside them (core.history_pages).
    RECORD = PublicRecord(hromada="hromada", history_with=(("councils.meeting", "council"),))

    class Meta:
        verbose_name = _("coordination council")
        verbose_name_plural = _("coordination councils")
        indexes = [models.Index(fields=["updated_at"], name="council_updated")]

    def __str__(self) -> str:
        return self.name

    @property
    def history_container(self) -> tuple[str, int]:
        return ("councils.council", self.pk)

    def quorum_for(self, members: int) -> int:
        """Members who must be present: more than `quorum_percent` % of them."""
        return members * self.quorum_percent // 100 + 1 if members else 0


class Person(models.Model):
    """A member's public profile (Popolo Person): a name and a short note, never an e-mail."""

    council = models.ForeignKey(
        Council,
        on_delete=models.PROTECT,
        related_name="people",
        verbose_name=_("council"),
        help_text=_("The council whose records name the person."),
    )  # PROTECT: public records
    name = LineField(_("name"), max_length=200, help_text=_("The person's public name."))
    bio = ProseField(
        _("public profile"),
        blank=True,
        max_length=2000,
        help_text=_("A short public note about the person; never contact details."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,  # the public record outlives the account
        null=True,
        blank=True,
        related_name="council_people",
        verbose_name=_("account"),
        help_text=_("Private: the platform account that acts for this person."),
    )
    created_at = models.DateTimeField(auto_now_add=True, help_text=CREATED)
    updated_at = models.DateTimeField(auto_now=True, help_text=UPDATED)

    HISTORY_FIELDS = ("name", "bio")

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.name

    @property
    def history_container(self) -> tuple[str, int]:
        return ("councils.council", self.council_id)


class MembershipQuerySet(models.QuerySet):
    def active_on(self, day: dt.date):
        return self.filter(start_date__lte=day).filter(
            models.Q(end_date__isnull=True) | models.Q(end_date__gte=day)
        )


class Membership(models.Model):
    """A person's seat on the council (Popolo Membership), on behalf of an organisation."""

    council = models.ForeignKey(
        Council,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("council"),
        help_text=_("The council the seat is on."),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("person"),
        help_text=_("The person holding the seat."),
    )
    on_behalf_of = LineField(
        _("on behalf of"), max_length=300, help_text=_("The body or organisation represented.")
    )
    sector = models.CharField(
        _("sector"),
        max_length=30,
        choices=Sector.choices,
        help_text=_(
            "Sector of the body represented: executive bodies, municipal enterprises and "
            "institutions are the government side, the others the public side."
        ),
    )
    post = models.CharField(
        _("post"),
        max_length=30,
        choices=Post.choices,
        default=Post.MEMBER,
        help_text=_("The member's post on the council."),
    )
    start_date = models.DateField(_("start date"), help_text=_("Start of the membership."))
    end_date = models.DateField(
        _("end date"),
        null=True,
        blank=True,
        help_text=_("End of the membership; empty while it lasts."),
    )
    elected_by = models.ForeignKey(
        "Motion",
        on_delete=models.PROTECT,  # the election stays on record while the post does
        null=True,
        blank=True,
        related_name="elected",
        verbose_name=_("elected by"),
        help_text=_("For co-chairs: the recorded vote that elected them."),
    )
    created_at = models.DateTimeField(auto_now_add=True, help_text=CREATED)
    updated_at = models.DateTimeField(auto_now=True, help_text=UPDATED)

    objects = MembershipQuerySet.as_manager()

    HISTORY_FIELDS = ("person", "on_behalf_of", "sector", "post", "start_date", "end_date")

    class Meta:
        ordering = ["start_date", "pk"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        indexes = [
            models.Index(fields=["council", "post", "start_date"]),
            models.Index(fields=["updated_at"], name="membership_updated"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="membership_ends_after_start",
                violation_error_message=_("A membership cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_post_display()}"

    @property
    def history_container(self) -> tuple[str, int]:
        return ("councils.council", self.council_id)

    @property
    def side(self) -> str:
        return side_of(self.sector)

    @property
    def is_co_chair(self) -> bool:
        return self.post in CO_CHAIR_SIDES

    def is_active_on(self, day: dt.date) -> bool:
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)


def meeting_page(meeting) -> str:
    return reverse("councils:meeting", args=[meeting.council.hromada.slug, meeting.number])


class MeetingQuerySet(models.QuerySet):
    def published(self):
        return self.filter(agenda_published_at__isnull=False)


class Meeting(models.Model):
    """A council meeting (Popolo Event): agenda in advance, attendance, decisions, minutes."""

    council = models.ForeignKey(
        Council,
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("council"),
        help_text=_("The council that meets."),
    )
    number = models.PositiveIntegerField(
        _("number"), help_text=_("Number of the meeting within its council.")
    )
    starts_at = models.DateTimeField(_("date and time"), help_text=_("When the meeting starts."))
    place = LineField(
        _("place"), max_length=300, blank=True, help_text=_("Where the meeting is held.")
    )
    online_url = LinkField(
        _("online link"), blank=True, help_text=_("Address for joining online, if any.")
    )
    agenda_published_at = models.DateTimeField(
        _("agenda published"),
        null=True,
        blank=True,
        help_text=_("When the agenda was published; until then the meeting is not public."),
    )
    minutes_text = ProseField(
        _("minutes"), blank=True, help_text=_("The minutes (Markdown); public once published.")
    )
    minutes_file = models.FileField(
        _("minutes (file)"),
        max_length=255,
        upload_to="councils/minutes/",
        blank=True,
        help_text=_("The minutes, as a file."),
    )
    minutes_published_at = models.DateTimeField(
        _("minutes published"),
        null=True,
        blank=True,
        help_text=_("When the minutes were published."),
    )
    origin = data_origin_field()
    created_at = models.DateTimeField(auto_now_add=True, help_text=CREATED)
    updated_at = models.DateTimeField(auto_now=True, help_text=UPDATED)

    objects = MeetingQuerySet.as_manager()

    HISTORY_FIELDS = ("number", "starts_at", "place", "online_url", "agenda_published_at")
    RECORD = PublicRecord(  # nothing of a meeting is public before its agenda
        state=public_once_set("agenda_published_at"),
        container=True,
        hromada="council__hromada",
        withholdable=("place", "online_url", "minutes_text"),
        withhold_record=True,  # and with it everything decided at it
        page=meeting_page,
        page_related=("council__hromada",),
    )

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(fields=["council", "number"], name="meeting_number_once")
        ]
        indexes = [
            models.Index(fields=["council", "-starts_at"], name="meeting_by_date"),
            models.Index(fields=["agenda_published_at", "id"], name="meeting_published_id"),
            models.Index(fields=["updated_at"], name="meeting_updated"),
        ]

    def __str__(self) -> str:
        return str(_("Meeting no. %(n)s") % {"n": self.number})

    @property
    def history_container(self) -> tuple[str, int]:
        return ("councils.meeting", self.pk)

    @property
    def is_published(self) -> bool:
        return self.agenda_published_at is not None

    @property
    def has_happened(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def day(self) -> dt.date:
        return timezone.localtime(self.starts_at).date()


class AgendaItem(models.Model):
    """One item on a meeting's agenda, with its documents and the record of its discussion."""

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name=_("meeting"),
        help_text=_("The meeting whose agenda the item is on."),
    )  # an item exists only on its meeting's agenda
    number = models.PositiveSmallIntegerField(
        _("number"), help_text=_("Number of the agenda item.")
    )
    title = LineField(_("title"), max_length=500, help_text=_("Title of the agenda item."))
    description = ProseField(
        _("description"), blank=True, help_text=_("What the item is about (Markdown).")
    )
    document = models.FileField(
        _("document"),
        max_length=255,
        upload_to="councils/agenda/",
        blank=True,
        help_text=_("A document for the item, as a file."),
    )
    discussion = ProseField(
        _("discussion"), blank=True, help_text=_("Who spoke and what was said, in brief.")
    )
    created_at = models.DateTimeField(auto_now_add=True, help_text=CREATED)
    updated_at = models.DateTimeField(auto_now=True, help_text=UPDATED)

    HISTORY_FIELDS = ("number", "title", "description", "discussion")
    RECORD = PublicRecord(
        parents=("meeting",),
        hromada="meeting__council__hromada",
        withholdable=("title", "description", "discussion"),
        withhold_record=True,
    )

    class Meta:
        ordering = ["number", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="agenda_item_number_once")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"[:300]

    @property
    def history_container(self) -> tuple[str, int]:
        return ("councils.meeting", self.meeting_id)


class Attendance(models.Model):
    """Whether a member was at a meeting (recorded only once the meeting has happened)."""

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="attendance",
        verbose_name=_("meeting"),
        help_text=_("The meeting."),
    )  # part of the meeting's record
    membership = models.ForeignKey(
        Membership,
        on_delete=models.PROTECT,
        related_name="attendance",
        verbose_name=_("member"),
        help_text=_("The member's seat on the council."),
    )
    present = models.BooleanField(_("present"), help_text=_("Whether the member was present."))

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "membership"], name="attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}:{self.membership_id}={self.present}"


class Motion(models.Model):
    """A motion put to the council and its outcome — an entry of the decisions register.

    Popolo's Motion and VoteEvent are one-to-one here (one vote per motion), so the vote
    event's counts live on the motion; the Popolo export splits them again.
    """

    item = models.ForeignKey(
        AgendaItem,
        on_delete=models.PROTECT,
        related_name="motions",
        verbose_name=_("agenda item"),
        help_text=_("The agenda item the motion was put under."),
    )
    council = models.ForeignKey(
        Council,
        on_delete=models.PROTECT,
        related_name="motions",
        verbose_name=_("council"),
        help_text=_("The council that decided."),
    )  # denormalised from item.meeting.council: the register filters on it with one index
    text = ProseField(_("motion"), help_text=_("What was put to the vote, as worded."))
    topic = models.CharField(
        _("topic"),
        max_length=30,
        choices=Topic.choices,
        default=Topic.OTHER,
        help_text=_("What the decision is about."),
    )
    result = models.CharField(
        _("result"), max_length=20, choices=Result.choices, help_text=_("Outcome of the motion.")
    )
    # the meeting's day, denormalised for the register
    decided_on = models.DateField(_("date"), help_text=_("Date of the meeting."))
    yes_count = models.PositiveIntegerField(_("yes"), default=0, help_text=_("Votes for."))
    no_count = models.PositiveIntegerField(_("no"), default=0, help_text=_("Votes against."))
    abstain_count = models.PositiveIntegerField(
        _("abstain"), default=0, help_text=_("Abstentions.")
    )
    absent_count = models.PositiveIntegerField(
        _("absent"), default=0, help_text=_("Members absent.")
    )
    not_voting_count = models.PositiveIntegerField(
        _("not voting"), default=0, help_text=_("Members present and not voting.")
    )
    plan = models.ForeignKey(
        "plans.ActionPlan",
        on_delete=models.PROTECT,  # a decision about a plan keeps the plan on record
        null=True,
        blank=True,
        related_name="council_decisions",
        verbose_name=_("action plan concerned"),
        help_text=_("The action plan the decision concerns."),
    )
    commitments = models.ManyToManyField(
        "plans.Commitment",
        blank=True,
        related_name="council_decisions",
        verbose_name=_("commitments concerned"),
        help_text=_("The commitments the decision concerns."),
    )
    # Derived from `commitments` by the service: open-data lists read it without a join per row.
    commitment_ids = models.JSONField(
        default=list, editable=False, help_text=_("The commitments the decision concerns.")
    )
    created_at = models.DateTimeField(auto_now_add=True, help_text=CREATED)
    updated_at = models.DateTimeField(auto_now=True, help_text=UPDATED)

    HISTORY_FIELDS = (
        "text",
        "topic",
        "result",
        "decided_on",
        "yes_count",
        "no_count",
        "abstain_count",
        "absent_count",
        "not_voting_count",
        "plan",
    )
    RECORD = PublicRecord(
        parents=("item",),
        hromada="item__meeting__council__hromada",
        withholdable=("text",),
        withhold_record=True,
    )
    COUNT_FIELDS = {
        VoteOption.YES: "yes_count",
        VoteOption.NO: "no_count",
        VoteOption.ABSTAIN: "abstain_count",
        VoteOption.ABSENT: "absent_count",
        VoteOption.NOT_VOTING: "not_voting_count",
    }

    class Meta:
        ordering = ["-decided_on", "-pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        indexes = [
            models.Index(fields=["council", "-decided_on", "-id"], name="motion_register"),
            models.Index(fields=["council", "topic", "-decided_on"], name="motion_topic"),
            models.Index(fields=["decided_on"], name="motion_date"),
            models.Index(fields=["updated_at"], name="motion_updated"),
        ]

    def __str__(self) -> str:
        return self.text[:200]

    @property
    def history_container(self) -> tuple[str, int]:
        return ("councils.meeting", self.item.meeting_id)

    @property
    def counts(self) -> dict[str, int]:
        return {option: getattr(self, name) for option, name in self.COUNT_FIELDS.items()}


class Vote(models.Model):
    """One member's vote on a motion (Popolo Vote)."""

    motion = models.ForeignKey(
        Motion,
        on_delete=models.CASCADE,
        related_name="votes",
        verbose_name=_("motion"),
        help_text=_("The decision voted on."),
    )  # part of the motion's record
    membership = models.ForeignKey(
        Membership,
        on_delete=models.PROTECT,
        related_name="votes",
        verbose_name=_("member"),
        help_text=_("The member's seat on the council."),
    )
    option = models.CharField(
        _("vote"), max_length=20, choices=VoteOption.choices, help_text=_("How the member voted.")
    )

    RECORD = PublicRecord(
        parents=("motion",),
        hromada="motion__item__meeting__council__hromada",
        leaves_with_parent=True,  # part of the motion's record
    )

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [models.UniqueConstraint(fields=["motion", "membership"], name="vote_once")]

    def __str__(self) -> str:
        return f"{self.motion_id}:{self.membership_id}={self.option}"
