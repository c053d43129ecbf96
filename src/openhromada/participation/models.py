"""Co-creation and consultations: calls for proposals on an action plan, proposals with their
reasoned responses, supports and comments; public consultations on draft documents in sections
with comments, optional survey questions and a summary report; moderation in the open."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from openhromada.core.fields import LineField, LinesField, ProseField
from openhromada.core.models import data_origin_field

from .lifecycle import (
    CommentOutcome,
    ModerationAction,
    ModerationRule,
    QuestionKind,
    ResponseKind,
)


class Window(models.Model):
    """An open period: contributions are accepted from `opens_at` until `closes_at` or an early
    close, whichever comes first. A background task records the close on the end date."""

    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    closed_at = models.DateTimeField(
        _("closed"),
        null=True,
        blank=True,
        help_text=_("When the period closed: early, or on its end date."),
    )
    closed_reason = ProseField(_("reason for closing early"), blank=True)

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
    )
    hromada = models.ForeignKey(
        "places.Hromada",
        on_delete=models.PROTECT,
        related_name="calls",
        verbose_name=_("hromada"),
        help_text=_("The plan's hromada, kept here for filtering."),
    )
    title = LineField(_("title"), max_length=300)
    description = ProseField(
        _("description"), help_text=_("What the hromada asks residents for (Markdown).")
    )
    rules = ProseField(
        _("rules"),
        blank=True,
        help_text=_("Who may take part, what makes a proposal admissible, how it is answered."),
    )
    category_names = models.JSONField(
        _("categories"), default=list, editable=False, help_text=_("Kept for the open data.")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    origin = data_origin_field()

    HISTORY_FIELDS = ("title", "description", "rules", "opens_at", "closes_at", "closed_at")

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
        Call, on_delete=models.CASCADE, related_name="categories", verbose_name=_("call")
    )
    name = LineField(_("name"), max_length=150)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

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

    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_reason = models.CharField(
        _("reason for hiding"), max_length=20, choices=ModerationRule.choices, blank=True
    )

    class Meta:
        abstract = True

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class Proposal(Hideable):
    """A resident's proposal to a call, and the hromada's reasoned response to it."""

    call = models.ForeignKey(
        Call, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("call")
    )
    number = models.PositiveIntegerField(_("number"), help_text=_("Its number within the call."))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,  # public input is never cascaded away with an account
        related_name="proposals",
        verbose_name=_("author"),
    )
    title = LineField(_("title"), max_length=200)
    problem = ProseField(_("problem"), help_text=_("What is wrong today, and for whom."))
    solution = ProseField(_("suggested solution"))
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("category"),
    )
    created_at = models.DateTimeField(_("submitted"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    support_count = models.PositiveIntegerField(_("supports"), default=0)
    comment_count = models.PositiveIntegerField(_("comments"), default=0)
    response = models.CharField(
        _("response"), max_length=10, choices=ResponseKind.choices, blank=True
    )
    response_reason = ProseField(_("reason"), blank=True)
    responded_at = models.DateTimeField(_("responded"), null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,  # the response stays; only the link to the account goes
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responded by"),
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged",
        verbose_name=_("merged into"),
    )
    commitments = models.ManyToManyField(
        "plans.Commitment",
        blank=True,
        related_name="proposals",
        verbose_name=_("commitments"),
        help_text=_("The commitment(s) the proposal became."),
    )
    commitment_ids = models.JSONField(default=list, editable=False)  # for the open data
    origin = data_origin_field()

    HISTORY_FIELDS = ("title", "problem", "solution", "category", "withdrawn_at")
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
        Proposal, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("proposal")
    )
    file = models.FileField(_("file"), upload_to="participation/attachments/")
    name = LineField(_("name"), max_length=200)

    class Meta:
        ordering = ["proposal", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name


class Support(models.Model):
    """A resident's support of a proposal: once per person, and it can be taken back."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="supports", verbose_name=_("proposal")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="supports",
        verbose_name=_("user"),
    )
    created_at = models.DateTimeField(_("supported"), default=timezone.now)

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
    )
    plan = models.ForeignKey(
        "plans.ActionPlan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("action plan"),
        help_text=_("When the draft is an action plan."),
    )
    title = LineField(_("title"), max_length=300)
    description = ProseField(_("description"), help_text=_("What the draft is and why."))
    document = models.FileField(
        _("draft document (file)"), upload_to="participation/drafts/", blank=True
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    report = ProseField(
        _("summary report"), blank=True, help_text=_("What the consultation showed (Markdown).")
    )
    report_published_at = models.DateTimeField(_("report published"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
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
        Consultation, on_delete=models.CASCADE, related_name="sections"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = LineField(_("title"), max_length=300)
    text = ProseField(_("text"), help_text=_("The section's text (Markdown)."))

    HISTORY_FIELDS = ("number", "title", "text")

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
    )
    section = models.ForeignKey(
        Section,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("section"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("reply to"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="participation_comments",
        verbose_name=_("author"),
    )
    text = ProseField(_("comment"), help_text=_("Markdown: links, lists, emphasis."))
    created_at = models.DateTimeField(_("posted"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=CommentOutcome.choices, blank=True
    )
    outcome_reason = ProseField(_("reason"), blank=True)
    origin = data_origin_field()

    HISTORY_FIELDS = ("text", "parent")
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
        Consultation, on_delete=models.CASCADE, related_name="questions"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = LineField(_("question"), max_length=500)
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    options = LinesField(
        _("options"), default=list, blank=True, help_text=_("The choices offered, in order.")
    )

    HISTORY_FIELDS = ("number", "text", "kind", "options")

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

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_answers"
    )
    choices = models.JSONField(_("choices"), default=list, blank=True)
    value = models.PositiveSmallIntegerField(_("value"), null=True, blank=True)
    text = ProseField(_("text"), blank=True)
    created_at = models.DateTimeField(_("answered"), default=timezone.now)

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
        Proposal, on_delete=models.CASCADE, null=True, blank=True, related_name="abuse_reports"
    )
    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, null=True, blank=True, related_name="abuse_reports"
    )
    hromada = models.ForeignKey("places.Hromada", on_delete=models.CASCADE, related_name="+")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="abuse_reports"
    )
    rule = models.CharField(_("rule broken"), max_length=20, choices=ModerationRule.choices)
    reason = ProseField(_("what is wrong"), max_length=2000)
    created_at = models.DateTimeField(_("reported"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)

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
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="participation_blocks"
    )
    hromada = models.ForeignKey(
        "places.Hromada", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    rule = models.CharField(_("rule broken"), max_length=20, choices=ModerationRule.choices)
    created_at = models.DateTimeField(_("blocked"), default=timezone.now)
    lifted_at = models.DateTimeField(_("lifted"), null=True, blank=True)

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
        "places.Hromada", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=10, choices=ModerationAction.choices)
    rule = models.CharField(_("rule"), max_length=20, choices=ModerationRule.choices)
    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    subject_name = LineField(
        _("whose content"), max_length=100, help_text=_("The author's public display name.")
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,  # the log entry stays when the moderator's account goes
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("moderation log entry")
        verbose_name_plural = _("moderation log")
        indexes = [models.Index(fields=["hromada", "-created_at"], name="moderation_by_hromada")]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.subject_name}"
