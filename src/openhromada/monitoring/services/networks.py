"""Writes to monitoring networks: the network, its member organisations and the applications to
join, conflicts of interest, and the monitors' assignments to action plans.

Each write asks its permission first (monitoring.rules), runs in one transaction, validates the
whole record, and puts public records (networks, members, assignments) in the public history.
Applications and conflicts of interest are private paperwork: never in the public history."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from openhromada.accounts.models import Role
from openhromada.accounts.predicates import hromada_roles, is_monitor_in
from openhromada.core.errors import ServiceError
from openhromada.core.history import public_value
from openhromada.core.services import create_recorded, require, save, update_recorded
from openhromada.core.text import clean_text, one_line
from openhromada.councils.models import Membership
from openhromada.notifications.models import Notification
from openhromada.notifications.services import email_notifications
from openhromada.plans.models import ActionPlan

from ..lifecycle import ApplicationStatus
from ..models import (
    Assignment,
    ConflictDeclaration,
    MemberApplication,
    MemberOrganisation,
    MonitoringNetwork,
)
from ..rules import ASSESSABLE_PLAN_STATES, has_conflict, runs_network

NETWORK_FIELDS = ("name_uk", "name_en", "description", "accepts_applications")
MEMBER_FIELDS = ("name", "edrpou", "oblast", "website", "email", "phone", "joined_on")
APPLICATION_FIELDS = ("name", "edrpou", "oblast", "website", "email", "phone", "motivation")


def refusal(field: str, message: str, code: str) -> ServiceError:
    """A refusal about one field, keeping its code (for the API and the tests) beside it."""
    return ServiceError({field: ValidationError(message, code=code)})


def _locked(network: MonitoringNetwork) -> MonitoringNetwork:
    return MonitoringNetwork.objects.select_for_update().get(pk=network.pk)


def regions(network: MonitoringNetwork) -> list:
    """The network's regions as its history shows them (names in both languages)."""
    return [public_value(o) for o in network.oblasts.order_by("sort_key", "pk")]


def _cover(actor, network: MonitoringNetwork, oblast) -> None:
    """Add the member's oblast to the regions the network covers, when it is not yet there."""
    if oblast is None or network.oblasts.filter(pk=oblast.pk).exists():
        return
    update_recorded(
        actor=actor,
        obj=network,
        values={},
        then=lambda n: n.oblasts.add(oblast),
        related=lambda n: {"oblasts": regions(n)},
    )


# --- the network ---------------------------------------------------------------------------


@transaction.atomic
def network_create(*, actor, slug: str, oblasts=(), origin: str = "real", **values):
    """A new network, set up by an operator (coordinators are then given their role)."""
    require(actor, "monitoring.add_network")
    network = MonitoringNetwork(slug=slug, origin=origin)
    for name in NETWORK_FIELDS:
        if name in values:
            setattr(network, name, values[name])
    create_recorded(actor=actor, obj=network, history_fields=("slug", *NETWORK_FIELDS))
    if oblasts:
        network_update(actor=actor, network=network, oblasts=oblasts)
    return network


@transaction.atomic
def network_update(*, actor, network: MonitoringNetwork, oblasts=None, **values):
    """Change the network's names, description, regions and whether it takes applications."""
    require(actor, "monitoring.change_network", network)
    network = _locked(network)

    def set_regions(n):
        if oblasts is not None:
            n.oblasts.set(list(oblasts))

    update_recorded(
        actor=actor,
        obj=network,
        values=values,
        fields=NETWORK_FIELDS,
        then=set_regions,
        related=lambda n: {"oblasts": regions(n)},
    )
    return network


# --- member organisations ------------------------------------------------------------------


def _check_member(member: MemberOrganisation) -> None:
    if member.left_on and member.joined_on and member.left_on < member.joined_on:
        raise ServiceError({"left_on": _("The date of leaving is before the date of joining.")})
    if member.joined_on and member.joined_on > timezone.localdate():
        raise ServiceError({"joined_on": _("The date of joining cannot be in the future.")})
    duplicate = MemberOrganisation.objects.filter(
        network_id=member.network_id, edrpou=member.edrpou
    ).exclude(pk=member.pk)
    if member.edrpou and duplicate.exists():
        raise ServiceError(
            {"edrpou": _("An organisation with this EDRPOU code is already in the network.")}
        )


@transaction.atomic
def member_create(*, actor, network: MonitoringNetwork, **values) -> MemberOrganisation:
    """Add a member organisation (public); its oblast joins the network's regions."""
    require(actor, "monitoring.manage_members", network)
    network = _locked(network)
    member = MemberOrganisation(
        network=network, **{k: v for k, v in values.items() if k in MEMBER_FIELDS}
    )
    if member.joined_on is None:
        member.joined_on = timezone.localdate()
    _check_member(member)
    create_recorded(actor=actor, obj=member)
    _cover(actor, network, member.oblast)
    return member


@transaction.atomic
def member_update(*, actor, member: MemberOrganisation, **values) -> MemberOrganisation:
    require(actor, "monitoring.manage_members", member.network)
    network = _locked(member.network)
    member = MemberOrganisation.objects.select_for_update().get(pk=member.pk)
    update_recorded(
        actor=actor, obj=member, values=values, fields=MEMBER_FIELDS, check=_check_member
    )
    _cover(actor, network, member.oblast)
    return member


@transaction.atomic
def member_end(
    *, actor, member: MemberOrganisation, left_on: dt.date | None = None
) -> MemberOrganisation:
    """End a membership on `left_on` (today by default); the organisation stays in the record."""
    require(actor, "monitoring.manage_members", member.network)
    member = MemberOrganisation.objects.select_for_update().get(pk=member.pk)
    if member.left_on is not None:
        raise ServiceError(_("This membership has already ended."), code="ended")
    left_on = left_on or timezone.localdate()
    if left_on < member.joined_on:
        raise ServiceError({"left_on": _("The date of leaving is before the date of joining.")})
    if left_on > timezone.localdate():
        raise ServiceError({"left_on": _("The date of leaving cannot be in the future.")})
    update_recorded(actor=actor, obj=member, values={"left_on": left_on})
    return member


# --- applications to join ------------------------------------------------------------------


def _locked_application(application: MemberApplication) -> MemberApplication:
    return (
        MemberApplication.objects.select_for_update()
        .select_related("network", "oblast")
        .get(pk=application.pk)
    )


@transaction.atomic
def application_submit(*, actor, network: MonitoringNetwork, **values) -> MemberApplication:
    """An organisation applies to join, through a resident's account (private)."""
    require(actor, "monitoring.apply_to_network", network)
    application = MemberApplication(
        network=network,
        applicant=actor,
        **{k: v for k, v in values.items() if k in APPLICATION_FIELDS},
    )
    if application.edrpou:
        if network.members.filter(edrpou=application.edrpou, left_on=None).exists():
            raise ServiceError(
                {"edrpou": _("An organisation with this EDRPOU code is already a member.")}
            )
        pending = network.applications.filter(
            edrpou=application.edrpou, status=ApplicationStatus.PENDING
        )
        if pending.exists():
            raise ServiceError(
                {
                    "edrpou": _(
                        "An application for this organisation is already waiting for a decision."
                    )
                }
            )
    return save(application)


def _decide(actor, application: MemberApplication, status: str, reason: str) -> None:
    application.status = status
    application.reason = reason
    application.decided_by = actor
    application.decided_at = timezone.now()


@transaction.atomic
def application_admit(*, actor, application: MemberApplication, reason: str = ""):
    """Admit the organisation: it becomes a public member from the day of the decision, its
    oblast joins the network's regions, and the applicant is told."""
    application = _locked_application(application)
    require(actor, "monitoring.decide_application", application)
    network = _locked(application.network)
    existing = network.members.filter(edrpou=application.edrpou).first()
    if existing is not None:
        raise ServiceError(
            _("“%(name)s” (EDRPOU %(code)s) is already in the network's list of members.")
            % {"name": existing.name, "code": existing.edrpou}
        )
    member = MemberOrganisation(
        network=network,
        name=application.name,
        edrpou=application.edrpou,
        oblast=application.oblast,
        website=application.website,
        email=application.email,
        phone=application.phone,
        joined_on=timezone.localdate(),
    )
    create_recorded(actor=actor, obj=member)
    _cover(actor, network, member.oblast)
    _decide(actor, application, ApplicationStatus.ADMITTED, reason.strip())
    application.member = member
    save(application)
    _notify_applicant(application)
    return application


@transaction.atomic
def application_decline(*, actor, application: MemberApplication, reason: str):
    """Decline, saying why (the applicant reads the reason)."""
    application = _locked_application(application)
    require(actor, "monitoring.decide_application", application)
    reason = (reason or "").strip()
    if not reason:
        raise refusal("reason", _("Say why the application is declined."), "reason")
    _decide(actor, application, ApplicationStatus.DECLINED, reason)
    save(application)
    _notify_applicant(application)
    return application


@transaction.atomic
def application_withdraw(*, actor, application: MemberApplication) -> MemberApplication:
    """The applicant withdraws an application still waiting for a decision."""
    application = _locked_application(application)
    require(actor, "monitoring.withdraw_application", application)
    application.status = ApplicationStatus.WITHDRAWN
    save(application)
    return application


def _notify_applicant(application: MemberApplication) -> None:
    if application.applicant_id:
        pk = application.pk
        transaction.on_commit(lambda: notify_application_decided.enqueue(pk))


@task()
def notify_application_decided(application_id: int) -> int:
    """Tell the applicant how their application was decided (in the platform and by e-mail)."""
    application = (
        MemberApplication.objects.select_related("network", "applicant")
        .filter(pk=application_id)
        .first()
    )
    if application is None or application.applicant is None or not application.applicant.is_active:
        return 0
    user = application.applicant
    with translation.override(user.preferred_language):
        if application.status == ApplicationStatus.ADMITTED:
            title = _("“%(name)s” is admitted to %(network)s")
        else:
            title = _("The application of “%(name)s” to %(network)s is declined")
        title = title % {"name": application.name, "network": str(application.network)}
        body = application.reason
    notification = Notification.objects.create(
        user=user,
        title=one_line(title)[:300],
        body=clean_text(body),
        url=reverse("monitoring:application", args=[application.pk]),
    )
    return email_notifications([notification])


# --- conflicts of interest -----------------------------------------------------------------


def _monitor_of(network: MonitoringNetwork, user):
    """The account afresh (its roles as they are now), refused unless a monitor of `network`."""
    fresh = get_user_model().objects.filter(pk=getattr(user, "pk", None)).first()
    if fresh is None or not is_monitor_in(fresh, network):
        raise refusal(
            "monitor",
            _("Choose a monitor of this network (someone with its monitor role)."),
            "not_monitor",
        )
    return fresh


@transaction.atomic
def conflict_declare(
    *, actor, network: MonitoringNetwork, hromada, description: str, monitor=None
) -> ConflictDeclaration:
    """Record a monitor's conflict of interest with a hromada: a monitor their own, a
    coordinator or operator anyone's in the network. Private to them."""
    require(actor, "monitoring.declare_conflict", network)
    monitor = actor if monitor is None else monitor
    if monitor.pk != actor.pk and not runs_network.test(actor, network):
        raise PermissionDenied  # a monitor declares only their own conflicts
    monitor = _monitor_of(network, monitor)
    if ConflictDeclaration.objects.filter(monitor=monitor, hromada=hromada).exists():
        raise refusal("hromada", _("This conflict of interest is already recorded."), "duplicate")
    conflict = ConflictDeclaration(
        network=network,
        monitor=monitor,
        hromada=hromada,
        description=description,
        declared_by=actor,
    )
    return save(conflict)


# --- monitors' assignments -----------------------------------------------------------------


def conflict_reason(monitor, hromada) -> str:
    """Why `monitor` may not assess `hromada`'s plans ("" when they may)."""
    if not has_conflict(monitor, hromada):
        return ""
    name = {"name": hromada.name}
    if hromada_roles(monitor, hromada.pk):
        return (
            _(
                "The monitor holds an official's or council member's role in %(name)s: they cannot "
                "assess its plans."
            )
            % name
        )
    on_council = (
        Membership.objects.active_on(timezone.localdate())
        .filter(council__hromada=hromada, person__user=monitor)
        .exists()
    )
    if on_council:
        return (
            _(
                "The monitor sits on the coordination council of %(name)s: they cannot assess its "
                "plans."
            )
            % name
        )
    return (
        _(
            "The monitor declared a conflict of interest with %(name)s: they cannot assess its "
            "plans."
        )
        % name
    )


@transaction.atomic
def monitor_assign(*, actor, network, plan, monitor, declaration="") -> Assignment:
    """Assign a monitor of the network to a hromada's public action plan (submitted or later),
    unless they hold a role in the hromada, sit on its council or declared a conflict."""
    require(actor, "monitoring.assign_monitor", network)
    monitor = _monitor_of(network, monitor)
    plan = ActionPlan.objects.select_related("hromada").get(pk=plan.pk)  # its status now
    if plan.status not in ASSESSABLE_PLAN_STATES:
        raise refusal(
            "plan",
            _(
                "Only a public plan that has been submitted (or is being carried out, or is "
                "completed) can be assessed."
            ),
            "not_submitted",
        )
    if reason := conflict_reason(monitor, plan.hromada):
        raise refusal("monitor", reason, "conflict")
    if Assignment.objects.filter(plan=plan, monitor=monitor, ended_at=None).exists():
        raise refusal("monitor", _("This monitor is already assigned to the plan."), "duplicate")
    assignment = Assignment(
        network=network,
        plan=plan,
        monitor=monitor,
        monitor_label=monitor.public_name,
        declaration=declaration,
        assigned_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    return create_recorded(actor=actor, obj=assignment)


@transaction.atomic
def assignment_end(*, actor, assignment: Assignment) -> Assignment:
    """End an assignment: the monitor no longer assesses the plan; their findings stay."""
    assignment = (
        Assignment.objects.select_for_update().select_related("network").get(pk=assignment.pk)
    )
    require(actor, "monitoring.end_assignment", assignment)
    update_recorded(actor=actor, obj=assignment, values={"ended_at": timezone.now()})
    return assignment


def monitors_of(network: MonitoringNetwork):
    """The accounts holding the monitor role in the network, by public name."""
    return (
        get_user_model()
        .objects.filter(roles__role=Role.MONITOR, roles__network=network, is_active=True)
        .distinct()
        .order_by("display_name", "pk")
    )
