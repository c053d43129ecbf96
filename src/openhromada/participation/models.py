"""Co-creation and consultations: calls for proposals on an action plan, proposals with their
reasoned responses, supports and comments; public consultations on draft documents in sections
with comments, optional survey questions and a summary report; moderation in the open."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from openhromada.core.field_docs import CREATED, UPDATED
from openhromada.core.fields import LineField, LinesField, ProseField
from openhromada.core.models import data_origin_field
from openhromada.core.records import (
    PublicRecord,
    public_once_set,
    public_while_empty,
)

from .lifecycle import (
    CommentOutcome,
    ModerationAction,
    ModerationRule,
    QuestionKind,
    ResponseKind,
)


def call_page(call) -> str:
    return reverse("participation:call", args=[call.pk])


def proposal_page(proposal) -> str:
    return reverse("participation:proposal", args=[proposal.pk])


def consultation_page(consultation) -> str:
    return reverse("participation:consultation", args=[consultation.pk])


def comment_page(comment) -> str:
    """A comment's place: its proposal's page, or its consultation's, at the comment."""
    if comment.proposal_id:
        page = reverse("participation:proposal", args=[comment.proposal_id])
    else:
        page = reverse("participation:consultation", args=[comment.section.consultation_id])
    return f"{page}#comment-{comment.pk}"


# Moderators hide content: it is public while it is not hidden.
NOT_HIDDEN = public_while_empty("hidden_at")


class Window(models.Model):
    """An open period: contributions are accepted from `opens_at` until `closes_at` or an early
    close, whichever comes first. A background task records the close on the end date."""

    opens_at = models.DateTimeField(
        _("opens"), help_text=_("When the period for proposals or comments opens.")
    )
    closes_at = models.DateTimeField(
        _("closes"), help_text=_("When the period is planned to close.")
    )
    closed_at = models.DateTimeField(
        _("closed"),
        null=True,
        blank=True,
        help_text=_("When the period closed: early, or on its end date."),
    )
    closed_reason = ProseField(
        _("reason for closing early"),
        blank=True,
        help_text=_("Why it closed early, if it did."),
    )

    class Meta:
        abstract = True

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.closed_at is None and self.opens_at <= now < self.closes_at

    @property
    def has_ended(self) -> bool:
        return self.closed_at is not None or timezone.now() >= self.closes_at

    @property
    def has_started(self) -> bool:
        return timezone.now() >= self.opens_at


class Call(Window):
    """A call for proposals for an action plan in its co-creation phase."""

    plan = models.ForeignKey(
        "plans.ActionPlan",
        on_delete=models.PROTECT,  # a public call and its proposals outlive nothing they belong to
        related_name="calls",
        verbose_name=_("action plan"),
        help_text=_("The action plan the call is for."),
    )
    hromada = models.ForeignKey(
        "places.Hromada",
        on_delete=models.PROTECT,
        related_name="calls",
        verbose_name=_("hromada"),
        help_text=_("The plan's hromada, kept here for filtering."),
    )
    title = LineField(_("title"), max_length=300, help_text=_("Title of the call."))
    description = ProseField(
        _("description"), help_text=_("What the hromada asks residents for (Markdown).")
    )
    rules = ProseField(
        _("rules"),
        blank=True,
        help_text=_("Who may take part, what makes a proposal admissible, how it is answered."),
    )
    category_names = models.JSONField(
        _("categories"),
        default=list,
        editable=False,
        help_text=_("Names of the categories the call offers."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, help_text=CREATED)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, help_text=UPDATED)
    origin = data_origin_field()

    HISTORY_FIELDS = ("title", "description", "rules", "opens_at", "closes_at", "closed_at")
    RECORD = PublicRecord(parents=("plan",), container=True, hromada="hromada", page=call_page)

    class Meta:
        ordering = ["-opens_at", "-pk"]
        verbose_name = _("call for proposals")
        verbose_name_plural = _("calls for proposals")
        indexes = [
            models.Index(fields=["hromada", "opens_at"]),
            models.Index(fields=["closes_at"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def history_container(self) -> tuple[str, int]:
        return ("participation.call", self.pk)


class Category(models.Model):
    """A category a call offers: an OGP value or a topic."""

    call = models.ForeignKey(
        Call,
        on_delete=models.CASCADE,
        related_name="categories",
        verbose_name=_("call"),
        help_text=_("The call that offers the category."),
    )
    name = LineField(
        _("name"), max_length=150, help_text=_("Name of the category: an OGP value or a topic.")
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Order among the call's categories, from 0.")
    )

    class Meta:
        ordering = ["call", "position", "pk"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [
            models.UniqueConstraint(fields=["call", "name"], name="category_name_per_call"),
        ]

    def __str__(self) -> str:
        return self.name


class Hideable(models.Model):
    """Content a moderator can hide: the page then shows a notice with the public reason."""

    hidden_at = models.DateTimeField(
        _("hidden"),
        null=True,
        blank=True,
        help_text=_("When a moderator hid it; empty while it is shown."),
    )
    hidden_reason = models.CharField(
        _("reason for hiding"),
        max_length=20,
        choices=ModerationRule.choices,
        blank=True,
        help_text=_(
            "Empty, or the moderation rule under which the content was hidden (its text is "
            "left out)."
        ),
    )

    class Meta:
        abstract = True

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class Proposal(Hideable):
    """A resident's proposal to a call, and the hromada's reasoned response to it."""

    call = models.ForeignKey(
        Call,
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("call"),
        help_text=_("The call it was submitted to."),
    )
    number = models.PositiveIntegerField(_("number"), help_text=_("Number within the call."))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,  # public input is never cascaded away with an account
        related_name="proposals",
        verbose_name=_("author"),
        help_text=_("The resident who submitted it; shown only by their public name."),
    )
    title = LineField(_("title"), max_length=200, help_text=_("Title of the proposal."))
    problem = ProseField(
        _("problem"), max_length=10_000, help_text=_("What is wrong today, and for whom.")
    )
    solution = ProseField(
        _("suggested solution"),
        max_length=10_000,
        help_text=_("The suggested solution (Markdown)."),
    )
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("category"),
        help_text=_("Category, if chosen."),
    )
    created_at = models.DateTimeField(
        _("submitted"), default=timezone.now, help_text=_("When the proposal was submitted.")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True, help_text=UPDATED)
    withdrawn_at = models.DateTimeField(
        _("withdrawn"),
        null=True,
        blank=True,
        help_text=_("When the author withdrew it; empty unless they did."),
    )
    support_count = models.PositiveIntegerField(
        _("supports"), default=0, help_text=_("How many residents support it.")
    )
    comment_count = models.PositiveIntegerField(
        _("comments"), default=0, help_text=_("How many comments it has.")
    )
    response = models.CharField(
        _("response"),
        max_length=10,
        choices=ResponseKind.choices,
        blank=True,
        help_text=_("The hromada's response; empty until it answers."),
    )
    response_reason = ProseField(
        _("reason"), blank=True, help_text=_("The reason given with the response.")
    )
    responded_at = models.DateTimeField(
        _("responded"), null=True, blank=True, help_text=_("When it was answered.")
    )
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,  # the response stays; only the link to the account goes
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responded by"),
        help_text=_("The official's account that gave the response; not public."),
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged",
        verbose_name=_("merged into"),
        help_text=_("The proposal it was merged into."),
    )
    commitments = models.ManyToManyField(
        "plans.Commitment",
        blank=True,
        related_name="proposals",
        verbose_name=_("commitments"),
        help_text=_("The commitments it became."),
    )
    commitment_ids = models.JSONField(
        default=list, editable=False, help_text=_("The commitments it became.")
    )  # for the open data
    origin = data_origin_field()

    HISTORY_FIELDS = ("title", "problem", "solution", "category", "withdrawn_at")
    RECORD = PublicRecord(
        state=NOT_HIDDEN,
        parents=("call",),
        container=True,
        hromada="call__hromada",
        page=proposal_page,
    )
    RESPONSE_FIELDS = ("response", "response_reason", "merged_into", "commitments")

    class Meta:
        ordering = ["call", "number"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        constraints = [
            models.UniqueConstraint(fields=["call", "number"], name="proposal_number_per_call"),
        ]
        indexes = [
            models.Index(fields=["call", "-created_at"], name="proposal_newest"),
            models.Index(fields=["call", "-support_count"], name="proposal_supported"),
            models.Index(fields=["call", "response", "created_at"], name="proposal_response"),
            models.Index(fields=["call", "category"], name="proposal_category"),
            models.Index(fields=["author"], name="proposal_author"),
            models.Index(fields=["updated_at"], name="proposal_updated"),
            # the few hidden ones, found without a scan (public lists leave them out)
            models.Index(
                fields=["hidden_at"], name="proposal_hidden", condition=Q(hidden_at__isnull=False)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def history_container(self) -> tuple[str, int]:
        return ("participation.proposal", self.pk)

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class Attachment(models.Model):
    proposal = models.ForeignKey(
        Proposal,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("proposal"),
        help_text=_("The proposal the file is attached to."),
    )
    file = models.FileField(
        _("file"),
        max_length=255,
        upload_to="participation/attachments/",
        help_text=_("The uploaded file."),
    )
    name = LineField(_("name"), max_length=200, help_text=_("The file's name as uploaded."))

    class Meta:
        ordering = ["proposal", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name


class Support(models.Model):
    """A resident's support of a proposal: once per person, and it can be taken back."""

    proposal = models.ForeignKey(
        Proposal,
        on_delete=models.CASCADE,
        related_name="supports",
        verbose_name=_("proposal"),
        help_text=_("The proposal supported."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="supports",
        verbose_name=_("user"),
        help_text=_("The resident who supports it; not public (only the count is)."),
    )
    created_at = models.DateTimeField(
        _("supported"), default=timezone.now, help_text=_("When the support was given.")
    )

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "user"], name="support_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.proposal_id}"


class Consultation(Window):
    """A public consultation on a draft document, in sections, with a comment period."""

    hromada = models.ForeignKey(
        "places.Hromada",
        on_delete=models.PROTECT,
        related_name="consultations",
        verbose_name=_("hromada"),
        help_text=_("The hromada holding the consultation."),
    )
    plan = models.ForeignKey(
        "plans.ActionPlan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("action plan"),
        help_text=_("The action plan, when the draft is one."),
    )
    title = LineField(_("title"), max_length=300, help_text=_("Title of the consultation."))
    description = ProseField(_("description"), help_text=_("What the draft is and why (Markdown)."))
    document = models.FileField(
        _("draft document (file)"),
        max_length=255,
        upload_to="participation/drafts/",
        blank=True,
        help_text=_("The draft, as a file."),
    )
    published_at = models.DateTimeField(
        _("published"),
        null=True,
        blank=True,
        help_text=_("When the consultation was announced; until then it is not public."),
    )
    report = ProseField(
        _("summary report"), blank=True, help_text=_("What the consultation showed (Markdown).")
    )
    report_published_at = models.DateTimeField(
        _("report published"),
        null=True,
        blank=True,
        help_text=_("When the summary report was published."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, help_text=CREATED)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, help_text=UPDATED)
    origin = data_origin_field()

    HISTORY_FIELDS = (
        "title",
        "description",
        "opens_at",
        "closes_at",
        "closed_at",
        "published_at",
        "report",
        "report_published_at",
    )
    RECORD = PublicRecord(  # not public until it is announced
        state=public_once_set("published_at"),
        container=True,
        hromada="hromada",
        page=consultation_page,
    )

    class Meta:
        ordering = ["-opens_at", "-pk"]
        verbose_name = _("public consultation")
        verbose_name_plural = _("public consultations")
        indexes = [
            models.Index(fields=["hromada", "opens_at"]),
            models.Index(fields=["published_at"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def history_container(self) -> tuple[str, int]:
        return ("participation.consultation", self.pk)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Section(models.Model):
    """One section of the draft, commented on separately."""

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="sections",
        help_text=_("The consultation whose draft the section is part of."),
    )
    number = models.PositiveSmallIntegerField(
        _("number"), help_text=_("Number of the section in the draft.")
    )
    title = LineField(_("title"), max_length=300, help_text=_("Title of the section."))
    text = ProseField(_("text"), help_text=_("The section's text (Markdown)."))

    HISTORY_FIELDS = ("number", "title", "text")
    RECORD = PublicRecord(parents=("consultation",), hromada="consultation__hromada")

    class Meta:
        ordering = ["consultation", "number"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "number"], name="section_number_per_consultation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def history_container(self) -> tuple[str, int]:
        return ("participation.consultation", self.consultation_id)


class Comment(Hideable):
    """A comment on a proposal or on a consultation section; replies go one level deep."""

    proposal = models.ForeignKey(
        Proposal,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("proposal"),
        help_text=_("The proposal commented on."),
    )
    section = models.ForeignKey(
        Section,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("section"),
        help_text=_("The section of a consultation's draft commented on."),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("reply to"),
        help_text=_("The comment this replies to."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="participation_comments",
        verbose_name=_("author"),
        help_text=_("The resident who wrote it; shown only by their public name."),
    )
    text = ProseField(_("comment"), max_length=5_000, help_text=_("The comment (Markdown)."))
    created_at = models.DateTimeField(
        _("posted"), default=timezone.now, help_text=_("When the comment was posted.")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True, help_text=UPDATED)
    outcome = models.CharField(
        _("outcome"),
        max_length=10,
        choices=CommentOutcome.choices,
        blank=True,
        help_text=_("Whether a consultation comment was taken into account; empty until decided."),
    )
    outcome_reason = ProseField(
        _("reason"), blank=True, help_text=_("The reason given with the outcome.")
    )
    origin = data_origin_field()

    HISTORY_FIELDS = ("text", "parent")
    RECORD = PublicRecord(
        state=NOT_HIDDEN,
        parents=("proposal", "section"),
        container=True,
        hromada=("proposal__call__hromada", "section__consultation__hromada"),
        page=comment_page,
        page_related=("section",),
    )
    OUTCOME_FIELDS = ("outcome", "outcome_reason")

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [
            models.CheckConstraint(
                condition=Q(proposal__isnull=False, section__isnull=True)
                | Q(proposal__isnull=True, section__isnull=False),
                name="comment_on_one_thing",
            ),
        ]
        indexes = [
            models.Index(fields=["proposal", "parent", "created_at"], name="comment_on_proposal"),
            models.Index(fields=["section", "parent", "created_at"], name="comment_on_section"),
            models.Index(fields=["author", "created_at"], name="comment_author"),
            models.Index(fields=["updated_at"], name="comment_updated"),
            models.Index(
                fields=["hidden_at"], name="comment_hidden", condition=Q(hidden_at__isnull=False)
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def history_container(self) -> tuple[str, int]:
        return ("participation.comment", self.pk)


class Question(models.Model):
    """An optional survey question on a consultation."""

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="questions",
        help_text=_("The consultation that asks it."),
    )
    number = models.PositiveSmallIntegerField(
        _("number"), help_text=_("Number of the question in the survey.")
    )
    text = LineField(_("question"), max_length=500, help_text=_("The question as asked."))
    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=QuestionKind.choices,
        help_text=_("How residents answer it."),
    )
    options = LinesField(
        _("options"), default=list, blank=True, help_text=_("The choices offered, in order.")
    )

    HISTORY_FIELDS = ("number", "text", "kind", "options")
    RECORD = PublicRecord(parents=("consultation",), hromada="consultation__hromada")

    class Meta:
        ordering = ["consultation", "number"]
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "number"], name="question_number_per_consultation"
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def history_container(self) -> tuple[str, int]:
        return ("participation.consultation", self.consultation_id)


class Answer(models.Model):
    """One resident's answer to one question (anonymous in the results and the open data)."""

    question = models.ForeignKey(
        Question,
        on_delete=models.CASCADE,
        related_name="answers",
        help_text=_("The question answered."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="survey_answers",
        help_text=_("Who answered; never public (the results are anonymous)."),
    )
    choices = models.JSONField(
        _("choices"),
        default=list,
        blank=True,
        help_text=_("The options chosen, for a choice question."),
    )
    value = models.PositiveSmallIntegerField(
        _("value"),
        null=True,
        blank=True,
        help_text=_("The point chosen on a scale question, from 1 to 5."),
    )
    text = ProseField(_("text"), blank=True, help_text=_("The answer to a free-text question."))
    created_at = models.DateTimeField(
        _("answered"), default=timezone.now, help_text=_("When it was answered.")
    )

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["question", "user"], name="answer_once"),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.user_id}"


class AbuseReport(models.Model):
    """A report that a proposal or comment breaks the rules; moderators see the open ones."""

    proposal = models.ForeignKey(
        Proposal,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="abuse_reports",
        help_text=_("The proposal reported, if it is one."),
    )
    comment = models.ForeignKey(
        Comment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="abuse_reports",
        help_text=_("The comment reported, if it is one."),
    )
    hromada = models.ForeignKey(
        "places.Hromada",
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The hromada whose moderators deal with the report."),
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="abuse_reports",
        help_text=_("Who reported it; not public."),
    )
    rule = models.CharField(
        _("rule broken"),
        max_length=20,
        choices=ModerationRule.choices,
        help_text=_("The rule the content is said to break."),
    )
    reason = ProseField(
        _("what is wrong"),
        max_length=2000,
        help_text=_("What the reporter says is wrong; seen by moderators only."),
    )
    created_at = models.DateTimeField(
        _("reported"), default=timezone.now, help_text=_("When it was reported.")
    )
    resolved_at = models.DateTimeField(
        _("resolved"),
        null=True,
        blank=True,
        help_text=_("When a moderator dealt with it; empty while it is open."),
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("abuse report")
        verbose_name_plural = _("abuse reports")
        indexes = [models.Index(fields=["hromada", "resolved_at"], name="abuse_open")]

    def __str__(self) -> str:
        return f"{self.get_rule_display()}: {self.reason[:60]}"


class Block(models.Model):
    """A user barred from contributing, in one hromada or (without a hromada) everywhere."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="participation_blocks",
        help_text=_("The blocked account."),
    )
    hromada = models.ForeignKey(
        "places.Hromada",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Where they may not contribute; empty for everywhere."),
    )
    rule = models.CharField(
        _("rule broken"),
        max_length=20,
        choices=ModerationRule.choices,
        help_text=_("The rule they broke."),
    )
    created_at = models.DateTimeField(
        _("blocked"), default=timezone.now, help_text=_("When the block began.")
    )
    lifted_at = models.DateTimeField(
        _("lifted"),
        null=True,
        blank=True,
        help_text=_("When the block was lifted; empty while it lasts."),
    )

    class Meta:
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        indexes = [models.Index(fields=["user", "lifted_at"], name="block_active")]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.get_rule_display()}"


class ModerationEntry(models.Model):
    """The public moderation log: what was hidden or who was blocked, when and why. The moderator
    is kept for accountability and shown only where settings.MODERATION_SHOW_MODERATOR says so."""

    hromada = models.ForeignKey(
        "places.Hromada",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The hromada where it happened; empty for a block everywhere."),
    )
    action = models.CharField(
        _("action"),
        max_length=10,
        choices=ModerationAction.choices,
        help_text=_("What the moderator did."),
    )
    rule = models.CharField(
        _("rule"),
        max_length=20,
        choices=ModerationRule.choices,
        help_text=_("The rule the content or its author broke."),
    )
    proposal = models.ForeignKey(
        Proposal,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The proposal concerned, if any."),
    )
    comment = models.ForeignKey(
        Comment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The comment concerned, if any."),
    )
    subject_name = LineField(
        _("whose content"), max_length=100, help_text=_("The author's public display name.")
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,  # the log entry stays when the moderator's account goes
        null=True,
        related_name="+",
        help_text=_("The moderator; shown publicly only where the platform's settings say so."),
    )
    created_at = models.DateTimeField(
        _("when"), default=timezone.now, help_text=_("When it happened.")
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("moderation log entry")
        verbose_name_plural = _("moderation log")
        indexes = [models.Index(fields=["hromada", "-created_at"], name="moderation_by_hromada")]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.subject_name}"
