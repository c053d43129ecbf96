"""Monitoring networks (Popolo Organizations), their member organisations and the applications of
new ones, the monitors' assignments to action plans and their declared conflicts of interest."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from openhromada.core.field_docs import CREATED, UPDATED
from openhromada.core.fields import LineField, LinkField, ProseField
from openhromada.core.models import data_origin_field, public_slug_field
from openhromada.core.records import PublicRecord

from ..lifecycle import ApplicationStatus

EDRPOU = RegexValidator(r"^\d{8}$", _("An EDRPOU code is 8 digits."))


def network_page(network) -> str:
    return reverse("monitoring:network", args=[network.slug])


def member_page(member) -> str:
    return f"{reverse('monitoring:network', args=[member.network.slug])}#member-{member.pk}"


class MonitoringNetwork(models.Model):
    """A network of civil-society organisations spanning regions (Popolo: an Organization)."""

    slug = public_slug_field(80)
    name_uk = LineField(
        _("name (Ukrainian)"), max_length=200, help_text=_("The network's name in Ukrainian.")
    )
    name_en = LineField(
        _("name (English)"), max_length=200, help_text=_("The network's name in English.")
    )
    description = ProseField(
        _("description"),
        blank=True,
        max_length=5000,
        help_text=_("What the network does and how it works (Markdown)."),
    )
    oblasts = models.ManyToManyField(
        "places.Oblast",
        blank=True,
        related_name="monitoring_networks",
        verbose_name=_("regions covered"),
        help_text=_("Oblasts where the network has members."),
    )
    accepts_applications = models.BooleanField(
        _("accepts applications"),
        default=True,
        help_text=_("Whether organisations may apply to join the network."),
    )
    origin = data_origin_field()
    created_at = models.DateTimeField(auto_now_add=True, help_text=CREATED)
    updated_at = models.DateTimeField(auto_now=True, help_text=UPDATED)

    HISTORY_FIELDS = ("slug", "name_uk", "name_en", "description", "accepts_applications")
    RECORD = PublicRecord(container=True, page=network_page)

    class Meta:
        ordering = ["name_uk"]
        verbose_name = _("monitoring network")
        verbose_name_plural = _("monitoring networks")

    def __str__(self) -> str:
        return self.name_en if translation.get_language() == "en" else self.name_uk

    @property
    def history_container(self) -> tuple[str, int]:
        return ("monitoring.monitoringnetwork", self.pk)


class MemberOrganisation(models.Model):
    """A civil-society organisation in a network (Popolo: a Membership of an Organization)."""

    network = models.ForeignKey(
        MonitoringNetwork,
        on_delete=models.PROTECT,  # public records are never cascaded away
        related_name="members",
        verbose_name=_("network"),
        help_text=_("The network the organisation belongs to."),
    )
    name = LineField(_("name"), max_length=300, help_text=_("The organisation's name."))
    edrpou = models.CharField(
        _("EDRPOU code"),
        max_length=8,
        validators=[EDRPOU],
        help_text=_("The organisation's code in the state register (ЄДРПОУ): 8 digits."),
    )
    oblast = models.ForeignKey(
        "places.Oblast",
        on_delete=models.PROTECT,
        related_name="monitoring_members",
        verbose_name=_("region"),
        help_text=_("The oblast where the organisation works."),
    )
    website = LinkField(
        _("website"), blank=True, max_length=500, help_text=_("The organisation's website.")
    )
    email = models.EmailField(
        _("public e-mail"),
        blank=True,
        help_text=_("The organisation's public contact address (never a person's private one)."),
    )
    phone = LineField(
        _("public phone"), blank=True, max_length=40, help_text=_("The organisation's phone.")
    )
    joined_on = models.DateField(_("joined on"), help_text=_("When it was admitted."))
    left_on = models.DateField(
        _("left on"), null=True, blank=True, help_text=_("When it left; empty while a member.")
    )
    origin = data_origin_field()
    created_at = models.DateTimeField(auto_now_add=True, help_text=CREATED)
    updated_at = models.DateTimeField(auto_now=True, help_text=UPDATED)

    HISTORY_FIELDS = (
        "name",
        "edrpou",
        "oblast",
        "website",
        "email",
        "phone",
        "joined_on",
        "left_on",
    )
    RECORD = PublicRecord(parents=("network",), page=member_page, page_related=("network",))

    class Meta:
        ordering = ["oblast__code", "name"]
        verbose_name = _("member organisation")
        verbose_name_plural = _("member organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "edrpou"],
                name="member_edrpou_per_network",
                violation_error_message=_("This organisation is already a member of the network."),
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                name="member_leaves_after_joining",
                violation_error_message=_("The date of leaving is before the date of joining."),
            ),
        ]
        indexes = [models.Index(fields=["updated_at"], name="member_updated")]

    def __str__(self) -> str:
        return self.name

    @property
    def history_container(self) -> tuple[str, int]:
        return ("monitoring.monitoringnetwork", self.network_id)


class MemberApplication(models.Model):
    """An organisation's request to join a network; private to the applicant and the network's
    coordinators until it is admitted (then the member is public, the application is not)."""

    network = models.ForeignKey(
        MonitoringNetwork,
        on_delete=models.CASCADE,  # private paperwork of the network
        related_name="applications",
        verbose_name=_("network"),
        help_text=_("The network applied to."),
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("applicant"),
        help_text=_("The account that applied on the organisation's behalf."),
    )
    name = LineField(_("organisation"), max_length=300, help_text=_("The organisation's name."))
    edrpou = models.CharField(
        _("EDRPOU code"), max_length=8, validators=[EDRPOU], help_text=_("Eight digits (ЄДРПОУ).")
    )
    oblast = models.ForeignKey(
        "places.Oblast",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("region"),
        help_text=_("The oblast where the organisation works."),
    )
    website = LinkField(_("website"), blank=True, max_length=500, help_text=_("Its website."))
    email = models.EmailField(
        _("public e-mail"), blank=True, help_text=_("The organisation's public contact address.")
    )
    phone = LineField(_("public phone"), blank=True, max_length=40, help_text=_("Its phone."))
    motivation = ProseField(
        _("why it wants to join"),
        max_length=5000,
        help_text=_("Its experience of monitoring and what it would do in the network."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.PENDING,
        help_text=_("Where the application stands."),
    )
    reason = ProseField(
        _("reason"),
        blank=True,
        max_length=3000,
        help_text=_("The coordinators' reason for their decision, shown to the applicant."),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
        help_text=_("The coordinator who decided."),
    )
    decided_at = models.DateTimeField(
        _("decided at"), null=True, blank=True, help_text=_("When it was decided.")
    )
    member = models.OneToOneField(
        MemberOrganisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="application",
        verbose_name=_("member"),
        help_text=_("The member organisation its admission created."),
    )
    created_at = models.DateTimeField(auto_now_add=True, help_text=CREATED)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        indexes = [models.Index(fields=["network", "status"], name="application_queue")]

    def __str__(self) -> str:
        return self.name


class ConflictDeclaration(models.Model):
    """A monitor's declared conflict of interest with a hromada: they may not be assigned to its
    plans nor assess them. Seen by the monitor, the network's coordinators and operators."""

    network = models.ForeignKey(
        MonitoringNetwork,
        on_delete=models.CASCADE,
        related_name="conflicts",
        verbose_name=_("network"),
        help_text=_("The network the monitor works in."),
    )
    monitor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="monitoring_conflicts",
        verbose_name=_("monitor"),
        help_text=_("The monitor with the conflict."),
    )
    hromada = models.ForeignKey(
        "places.Hromada",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("hromada"),
        help_text=_("The hromada the monitor may not assess."),
    )
    description = ProseField(
        _("nature of the conflict"),
        max_length=2000,
        help_text=_("E.g. employed by the city council; a relative is the deputy mayor."),
    )
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
        help_text=_("Who recorded the declaration: the monitor or a coordinator."),
    )
    declared_at = models.DateTimeField(
        _("declared at"), auto_now_add=True, help_text=_("When it was recorded.")
    )

    class Meta:
        ordering = ["-declared_at"]
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(
                fields=["monitor", "hromada"],
                name="one_conflict_per_monitor_hromada",
                violation_error_message=_("This conflict is already recorded."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.monitor_id} × {self.hromada_id}"


class Assignment(models.Model):
    """A monitor of a network assigned to assess a hromada's action plan. Public: who monitors a
    plan is part of the plan's record (by the monitor's public name, never an e-mail)."""

    network = models.ForeignKey(
        MonitoringNetwork,
        on_delete=models.PROTECT,
        related_name="assignments",
        verbose_name=_("network"),
        help_text=_("The network the monitor assesses for."),
    )
    plan = models.ForeignKey(
        "plans.ActionPlan",
        on_delete=models.PROTECT,  # public records
        related_name="monitor_assignments",
        verbose_name=_("action plan"),
        help_text=_("The action plan to assess."),
    )
    monitor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,  # their findings name them
        related_name="monitoring_assignments",
        verbose_name=_("monitor"),
        help_text=_("The account of the monitor (holding the monitor role in the network)."),
    )
    monitor_label = LineField(
        _("monitor"), max_length=200, help_text=_("The monitor's public name.")
    )
    declaration = ProseField(
        _("declaration of no conflict"),
        blank=True,
        max_length=2000,
        help_text=_("What the monitor declared about their independence from the hromada."),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("assigned by"),
        help_text=_("The coordinator or operator who assigned the monitor."),
    )
    assigned_at = models.DateTimeField(
        _("assigned at"), auto_now_add=True, help_text=_("When the monitor was assigned.")
    )
    ended_at = models.DateTimeField(
        _("ended at"), null=True, blank=True, help_text=_("When the assignment ended.")
    )

    HISTORY_FIELDS = ("monitor_label", "declaration", "ended_at")
    # its rows leave the outputs with a withheld plan (nothing of its own is withholdable)
    RECORD = PublicRecord(parents=("plan",), hromada="plan__hromada", leaves_with_parent=True)

    class Meta:
        ordering = ["-assigned_at"]
        verbose_name = _("monitor's assignment")
        verbose_name_plural = _("monitors' assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "monitor"],
                condition=Q(ended_at__isnull=True),
                name="one_open_assignment_per_plan_monitor",
                violation_error_message=_("This monitor is already assigned to the plan."),
            )
        ]
        indexes = [
            models.Index(fields=["monitor", "ended_at"], name="assignment_by_monitor"),
            models.Index(fields=["network", "ended_at"], name="assignment_by_network"),
        ]

    def __str__(self) -> str:
        return f"{self.monitor_label}: {self.plan}"

    @property
    def history_container(self) -> tuple[str, int]:
        return ("plans.actionplan", self.plan_id)
