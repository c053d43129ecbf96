"""Networks' pages: the public list and each network's page (members by region, coordinators,
the plans its monitors assess, its history); the forms its coordinators use (the network,
members, applications, conflicts of interest, assignments); applying to join, for residents;
declaring a conflict, for monitors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from openhromada.core.errors import ServiceError
from openhromada.core.forms import run_service
from openhromada.core.history_pages import history_page, recent
from openhromada.core.pagecache import public_page_cache
from openhromada.core.services import require
from openhromada.core.views import act, confirm, form_page
from openhromada.core.withholding import for_request
from openhromada.places.models import Oblast

from ..forms.networks import (
    ApplicationForm,
    AssignmentForm,
    ConflictForm,
    MemberEndForm,
    MemberForm,
    NetworkForm,
)
from ..lifecycle import ApplicationStatus
from ..models import Assignment, MemberApplication
from ..selectors import networks as selectors
from ..services import networks as services

BREADCRUMBS = "monitoring/_network_breadcrumbs.html"


def network_url(network) -> str:
    return reverse("monitoring:network", args=[network.slug])


def _crumbs(network, **extra) -> dict:
    return {"network": network, "breadcrumbs": BREADCRUMBS, **extra}


# --- public pages --------------------------------------------------------------------------


@public_page_cache
def networks(request):
    return render(
        request,
        "monitoring/networks.html",
        {
            "networks": list(selectors.networks_list()),
            "reports": selectors.latest_reports(for_request(request)),
        },
    )


@public_page_cache
def network_detail(request, slug):
    network = selectors.get_network(slug)
    user = request.user
    withheld = for_request(request)
    regions, former = selectors.members_by_region(network)
    can_view_applications = user.has_perm("monitoring.view_applications", network)
    return render(
        request,
        "monitoring/network_detail.html",
        {
            "network": network,
            "regions": regions,
            "former": former,
            "members_count": sum(len(r.members) for r in regions),
            "coordinators": selectors.coordinators(network),
            "assignments": selectors.open_assignments(network, withheld),
            "reports": selectors.latest_reports(withheld, network),
            "can_edit": user.has_perm("monitoring.change_network", network),
            "can_manage": user.has_perm("monitoring.manage_members", network),
            "can_assign": user.has_perm("monitoring.assign_monitor", network),
            "can_view_conflicts": user.has_perm("monitoring.view_conflicts", network),
            "can_declare": user.has_perm("monitoring.declare_conflict", network),
            "can_view_applications": can_view_applications,
            "pending_count": (
                network.applications.filter(status=ApplicationStatus.PENDING).count()
                if can_view_applications
                else 0
            ),
            "recent": recent(
                network, withheld, reverse("monitoring:network_history", args=[network.slug])
            ),
        },
    )


@public_page_cache
def network_history(request, slug):
    network = selectors.get_network(slug)
    return history_page(
        request,
        network,
        title=str(network),
        back=network_url(network),
        breadcrumbs=BREADCRUMBS,
        context={"network": network},
    )


# --- running the network -------------------------------------------------------------------


@login_required
def network_edit(request, slug):
    network = selectors.get_network(slug)
    require(request.user, "monitoring.change_network", network)
    form = NetworkForm(request.POST or None, instance=network)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        call = lambda: services.network_update(actor=request.user, network=network, **data)  # noqa: E731
        if run_service(form, call) is not None:
            messages.success(request, _("The network's details were saved."))
            return redirect(network_url(network))
    return form_page(
        request,
        "monitoring/network_form.html",
        _crumbs(network, form=form, title=_("Edit the network"), back=network_url(network)),
    )


@login_required
def member_edit(request, slug, pk=None):
    network = selectors.get_network(slug)
    require(request.user, "monitoring.manage_members", network)
    member = None if pk is None else selectors.get_member(network, pk)
    form = MemberForm(
        request.POST or None,
        instance=member,
        initial={} if member else {"joined_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if member is None:
            call = lambda: services.member_create(actor=request.user, network=network, **data)  # noqa: E731
        else:
            call = lambda: services.member_update(actor=request.user, member=member, **data)  # noqa: E731
        if (saved := run_service(form, call)) is not None:
            messages.success(request, _("The member organisation was saved."))
            return redirect(f"{network_url(network)}#member-{saved.pk}")
    return form_page(
        request,
        "monitoring/member_form.html",
        _crumbs(
            network,
            form=form,
            member=member,
            title=_("Edit the member organisation") if member else _("Add a member organisation"),
            back=network_url(network) + "#members",
        ),
    )


@login_required
def member_end(request, slug, pk):
    network = selectors.get_network(slug)
    require(request.user, "monitoring.manage_members", network)
    member = selectors.get_member(network, pk)
    if member.left_on is not None:
        raise ServiceError(_("This membership has already ended."))
    form = MemberEndForm(request.POST or None, initial={"left_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        left_on = form.cleaned_data["left_on"]
        call = lambda: services.member_end(actor=request.user, member=member, left_on=left_on)  # noqa: E731
        if run_service(form, call) is not None:
            messages.success(request, _("The membership has ended."))
            return redirect(f"{network_url(network)}#members")
    return form_page(
        request,
        "monitoring/member_end.html",
        _crumbs(
            network,
            form=form,
            member=member,
            title=_("End the membership of “%(name)s”") % {"name": member.name},
            submit=_("End the membership"),
            back=network_url(network) + f"#member-{member.pk}",
            irreversible=_(
                "The organisation moves to the network's former members, with the dates of its "
                "membership; the change stays in the public history."
            ),
        ),
    )


# --- applications to join ------------------------------------------------------------------


@login_required
def apply(request, slug):
    network = selectors.get_network(slug)
    require(request.user, "monitoring.apply_to_network", network)
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        call = lambda: services.application_submit(actor=request.user, network=network, **data)  # noqa: E731
        if (saved := run_service(form, call)) is not None:
            messages.success(
                request,
                _("The application was sent. The network's coordinators will decide on it."),
            )
            return redirect("monitoring:application", saved.pk)
    return form_page(
        request,
        "monitoring/application_form.html",
        _crumbs(
            network,
            form=form,
            title=_("Apply to join %(network)s") % {"network": network},
            submit=_("Send the application"),
            back=network_url(network),
        ),
    )


@login_required
def applications(request, slug):
    network = selectors.get_network(slug)
    require(request.user, "monitoring.view_applications", network)
    pending, decided = selectors.applications_queue(network)
    return render(
        request,
        "monitoring/application_queue.html",
        _crumbs(network, pending=pending, decided=decided, title=_("Applications to join")),
    )


def _application(request, pk) -> MemberApplication:
    """An application its applicant or the network's coordinators may read; 404 for others
    (that it exists is private too)."""
    application = get_object_or_404(
        MemberApplication.objects.select_related("network", "oblast", "member"), pk=pk
    )
    user = request.user
    mine = application.applicant_id is not None and application.applicant_id == user.pk
    if not mine and not user.has_perm("monitoring.view_applications", application.network):
        raise Http404
    return application


@login_required
def application_detail(request, pk):
    application = _application(request, pk)
    user = request.user
    return render(
        request,
        "monitoring/application_detail.html",
        _crumbs(
            application.network,
            application=application,
            title=application.name,
            can_decide=user.has_perm("monitoring.decide_application", application),
            can_withdraw=user.has_perm("monitoring.withdraw_application", application),
            can_view_queue=user.has_perm("monitoring.view_applications", application.network),
        ),
    )


def _application_url(application) -> str:
    return reverse("monitoring:application", args=[application.pk])


@login_required
def application_admit(request, pk):
    application = _application(request, pk)
    back = _application_url(application)
    if request.method != "POST":
        require(request.user, "monitoring.decide_application", application)  # says why not
        return confirm(
            request,
            title=_("Admit the organisation?"),
            subject=f"{application.name} (ЄДРПОУ {application.edrpou})",
            explanation=_(
                "Admitting cannot be undone here: the organisation becomes a public member of "
                "the network from today, with its name, code, region and public contacts, its "
                "region joins the network's regions, and the applicant is told."
            ),
            button=_("Admit"),
            back=back,
            breadcrumbs=BREADCRUMBS,
            texts=(("reason", _("Note to the applicant (optional)"), ""),),
            context={"network": application.network},
        )
    return act(
        request,
        lambda: services.application_admit(
            actor=request.user, application=application, reason=request.POST.get("reason", "")
        ),
        back,
        _("The organisation is admitted to the network."),
    )


@login_required
def application_decline(request, pk):
    application = _application(request, pk)
    back = _application_url(application)
    require(request.user, "monitoring.decide_application", application)  # says why not
    reason = request.POST.get("reason", "") if request.method == "POST" else ""
    if request.method == "POST":
        try:
            services.application_decline(actor=request.user, application=application, reason=reason)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The application is declined; the applicant is told."))
            return redirect(back)
    response = confirm(
        request,
        title=_("Decline the application?"),
        subject=f"{application.name} (ЄДРПОУ {application.edrpou})",
        explanation=_(
            "Declining cannot be undone: the applicant is told, with the reason you give here. "
            "The organisation may apply again later."
        ),
        button=_("Decline"),
        back=back,
        breadcrumbs=BREADCRUMBS,
        texts=(("reason", _("Reason (required, the applicant reads it)"), reason),),
        context={"network": application.network},
    )
    if request.method == "POST":
        response.status_code = 400
    return response


@login_required
def application_withdraw(request, pk):
    application = _application(request, pk)
    back = _application_url(application)
    if request.method != "POST":
        require(request.user, "monitoring.withdraw_application", application)
        return confirm(
            request,
            title=_("Withdraw the application?"),
            subject=application.name,
            explanation=_(
                "Withdrawing cannot be undone: the coordinators will not decide on this "
                "application. The organisation may apply again later."
            ),
            button=_("Withdraw the application"),
            back=back,
            breadcrumbs=BREADCRUMBS,
            context={"network": application.network},
        )
    return act(
        request,
        lambda: services.application_withdraw(actor=request.user, application=application),
        back,
        _("The application is withdrawn."),
    )


@login_required
def my_applications(request):
    return render(
        request,
        "monitoring/application_list.html",
        {"applications": selectors.applications_of(request.user)},
    )


# --- conflicts of interest -----------------------------------------------------------------


@login_required
def conflicts(request, slug):
    network = selectors.get_network(slug)
    require(request.user, "monitoring.view_conflicts", network)
    return render(
        request,
        "monitoring/conflict_list.html",
        _crumbs(network, conflicts=selectors.conflicts(network), title=_("Conflicts of interest")),
    )


@login_required
def conflict_declare(request, slug):
    network = selectors.get_network(slug)
    user = request.user
    require(user, "monitoring.declare_conflict", network)
    runs = user.has_perm("monitoring.view_conflicts", network)
    form = ConflictForm(
        request.POST or None, monitors=services.monitors_of(network) if runs else None
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        call = lambda: services.conflict_declare(  # noqa: E731
            actor=user,
            network=network,
            monitor=data.get("monitor") or user,
            hromada=data["hromada"],
            description=data["description"],
        )
        if run_service(form, call) is not None:
            messages.success(request, _("The conflict of interest is recorded."))
            if runs:
                return redirect("monitoring:conflicts", network.slug)
            return redirect("monitoring:conflict_declare", network.slug)
    return form_page(
        request,
        "monitoring/conflict_form.html",
        _crumbs(
            network,
            form=form,
            runs=runs,
            own=[] if runs else selectors.conflicts(network, monitor=user),
            title=_("Record a conflict of interest")
            if runs
            else _("Declare a conflict of interest"),
            back=network_url(network),
        ),
    )


# --- monitors' assignments -----------------------------------------------------------------


def _oblast_filter(request, network):
    """The region whose plans the form offers: ?oblast=<code>, "all", or the first region the
    network covers."""
    code = request.GET.get("oblast", "")
    if code == "all":
        return None, "all"
    oblast = Oblast.objects.filter(code=code).first() if code else None
    if oblast is None:
        oblast = network.oblasts.order_by("sort_key").first()
    return oblast, oblast.code if oblast else "all"


@login_required
def assignment_create(request, slug):
    network = selectors.get_network(slug)
    require(request.user, "monitoring.assign_monitor", network)
    oblast, chosen = _oblast_filter(request, network)
    if request.method == "POST":
        oblast, chosen = None, "all"  # the plan chosen may be from any region
    form = AssignmentForm(
        request.POST or None, monitors=services.monitors_of(network), oblast=oblast
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        call = lambda: services.monitor_assign(  # noqa: E731
            actor=request.user,
            network=network,
            plan=data["plan"],
            monitor=data["monitor"],
            declaration=data["declaration"],
        )
        if run_service(form, call) is not None:
            messages.success(request, _("The monitor is assigned to the plan."))
            return redirect(network_url(network) + "#assignments")
    return form_page(
        request,
        "monitoring/assignment_form.html",
        _crumbs(
            network,
            form=form,
            oblasts=Oblast.objects.order_by("sort_key"),
            chosen=chosen,
            title=_("Assign a monitor to an action plan"),
            submit=_("Assign"),
            back=network_url(network) + "#assignments",
        ),
    )


@login_required
def assignment_end(request, slug, pk):
    network = selectors.get_network(slug)
    assignment = get_object_or_404(
        Assignment.objects.select_related("plan__hromada", "network"), pk=pk, network=network
    )
    back = network_url(network) + "#assignments"
    if request.method != "POST":
        require(request.user, "monitoring.end_assignment", assignment)
        return confirm(
            request,
            title=_("End the assignment?"),
            subject=_("%(monitor)s: %(plan)s — %(hromada)s")
            % {
                "monitor": assignment.monitor_label,
                "plan": assignment.plan,
                "hromada": assignment.plan.hromada.name,
            },
            explanation=_(
                "Ending cannot be undone: the monitor no longer assesses this plan for the "
                "network (their submitted findings stay). To continue, assign them again."
            ),
            button=_("End the assignment"),
            back=back,
            breadcrumbs=BREADCRUMBS,
            context={"network": network},
        )
    return act(
        request,
        lambda: services.assignment_end(actor=request.user, assignment=assignment),
        back,
        _("The assignment has ended."),
    )


NETWORK = "networks/<slug:slug>/"
urlpatterns = [
    path("", networks, name="networks"),
    path("my-applications/", my_applications, name="my_applications"),
    path("applications/<int:pk>/", application_detail, name="application"),
    path("applications/<int:pk>/admit/", application_admit, name="application_admit"),
    path("applications/<int:pk>/decline/", application_decline, name="application_decline"),
    path("applications/<int:pk>/withdraw/", application_withdraw, name="application_withdraw"),
    path(NETWORK, network_detail, name="network"),
    path(NETWORK + "history/", network_history, name="network_history"),
    path(NETWORK + "edit/", network_edit, name="network_edit"),
    path(NETWORK + "members/new/", member_edit, name="member_create"),
    path(NETWORK + "members/<int:pk>/edit/", member_edit, name="member_edit"),
    path(NETWORK + "members/<int:pk>/end/", member_end, name="member_end"),
    path(NETWORK + "apply/", apply, name="apply"),
    path(NETWORK + "applications/", applications, name="applications"),
    path(NETWORK + "conflicts/", conflicts, name="conflicts"),
    path(NETWORK + "conflicts/new/", conflict_declare, name="conflict_declare"),
    path(NETWORK + "assignments/new/", assignment_create, name="assignment_create"),
    path(NETWORK + "assignments/<int:pk>/end/", assignment_end, name="assignment_end"),
]
