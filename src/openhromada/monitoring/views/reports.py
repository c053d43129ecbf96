"""Monitoring report pages: the report (a draft for its writers, in its reply period also for
the hromada's officials, public once published), its forms — compile, edit, send, reply,
publish — its history, and the published report as a printable page, PDF, JSON and CSV."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openhromada.core import visibility
from openhromada.core.forms import run_service
from openhromada.core.history_pages import history_page, recent
from openhromada.core.pagecache import public_page_cache
from openhromada.core.permissions import why_not
from openhromada.core.services import require
from openhromada.core.views import confirm, form_page, refused
from openhromada.core.withholding import for_request

from .. import exports
from ..forms.reports import CompileForm, ReplyForm, ReportForm
from ..lifecycle import ReportStatus
from ..models import Assignment, Report
from ..selectors import reports as selectors
from ..services import reports as services


def report_url(report) -> str:
    return reverse("monitoring:report", args=[report.pk])


def _readable(request, pk: int) -> tuple[Report, bool]:
    """The report for a page about it, and whether the reader reads it before it is public (its
    writers; in the reply period also the hromada's officials). 404 for anyone else until it is
    published; the withheld notice for a withheld one (or one in a withheld plan)."""
    report = selectors.get_report(pk)
    private = report.status != ReportStatus.PUBLISHED
    editor = private and request.user.has_perm("monitoring.view_unpublished_report", report)
    if private and not editor:
        raise Http404
    visibility.require_readable(report, for_request(request), editor=editor)
    return report, editor


def _published(request, pk: int) -> Report:
    """A published report for its outputs: 404 until it is published, whoever asks."""
    report = selectors.get_report(pk)
    if report.status != ReportStatus.PUBLISHED:
        raise Http404
    visibility.require_readable(report, for_request(request))
    return report


def _crumbs(report) -> dict:
    return {"report": report, "plan": report.plan, "hromada": report.plan.hromada}


@public_page_cache
def report_detail(request, pk):
    report, private = _readable(request, pk)
    withheld = for_request(request)
    withheld.redact(report)
    user = request.user
    contents = selectors.report_contents(report, withheld)
    can_edit = user.has_perm("monitoring.edit_report", report)
    can_reply = user.has_perm("monitoring.reply_to_report", report)
    reply_refused = ""
    if report.status == ReportStatus.REPLY and not can_reply:
        reply_refused = why_not(user, "monitoring.reply_to_report", report)
    can_publish = user.has_perm("monitoring.publish_report", report)
    publish_refused = ""
    if report.status == ReportStatus.REPLY and not can_publish:
        publish_refused = why_not(user, "monitoring.publish_report", report)
    return render(
        request,
        "monitoring/report_detail.html",
        {
            **_crumbs(report),
            "contents": contents,
            "private": private,
            "form": ReportForm(instance=report) if can_edit else None,
            "can_edit": can_edit,
            "can_send": user.has_perm("monitoring.send_report", report),
            "can_reply": can_reply,
            "reply_refused": reply_refused,
            "can_publish": can_publish,
            "publish_refused": publish_refused,
            "recent": None
            if private
            else recent(report, withheld, reverse("monitoring:report_history", args=[report.pk])),
        },
    )


@public_page_cache
def report_history(request, pk):
    report = selectors.get_report(pk)
    if report.status != ReportStatus.PUBLISHED:
        raise Http404  # nothing of it is public until it is published
    return history_page(
        request,
        report,
        title=str(report),
        back=report_url(report),
        breadcrumbs="monitoring/report_breadcrumbs.html",
        context=_crumbs(report),
    )


@login_required
@require_POST
def report_compile(request, assignment_pk):
    assignment = get_object_or_404(
        Assignment.objects.select_related("plan__hromada", "network"), pk=assignment_pk
    )
    back = reverse("monitoring:assignment", args=[assignment.pk])
    require(request.user, "monitoring.compile_report", assignment)
    form = CompileForm(request.POST)
    if not form.is_valid():
        return refused(request, ValidationError(_("Choose the kind of report.")), back)
    try:
        report = services.report_compile(
            actor=request.user, assignment=assignment, kind=form.cleaned_data["kind"]
        )
    except ValidationError as error:
        return refused(request, error, back)
    return redirect(report_url(report))


@login_required
def report_edit(request, pk):
    report = selectors.get_report(pk)
    if not request.user.has_perm("monitoring.view_unpublished_report", report):
        raise Http404
    require(request.user, "monitoring.edit_report", report)
    form = ReportForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in ReportForm.Meta.fields}
        call = lambda: services.report_update(actor=request.user, report=report, **values)  # noqa: E731
        if run_service(form, call) is not None:
            messages.success(request, _("The report was saved."))
            return redirect(report_url(report))
    return form_page(
        request,
        "monitoring/report_form.html",
        {
            **_crumbs(report),
            "form": form,
            "title": _("Summary and recommendations"),
            "back": report_url(report),
        },
    )


@login_required
def report_send(request, pk):
    report = selectors.get_report(pk)
    if not request.user.has_perm("monitoring.view_unpublished_report", report):
        raise Http404
    back = report_url(report)
    if request.method != "POST":
        require(request.user, "monitoring.send_report", report)  # says why not
        return confirm(
            request,
            title=_("Send the report to the hromada?"),
            subject=str(report),
            explanation=_(
                "Sending cannot be undone: the findings submitted now are fixed in the report, "
                "its summary and recommendations can no longer be changed, and the hromada's "
                "officials are told they may reply to each finding within %(days)d days. "
                "The report is published with their replies afterwards."
            )
            % {"days": report.reply_days},
            button=_("Send for the reply"),
            back=back,
            breadcrumbs="monitoring/report_breadcrumbs.html",
            context=_crumbs(report),
        )
    try:
        services.report_send(actor=request.user, report=report)
    except ValidationError as error:
        return refused(request, error, back)
    messages.success(request, _("The report was sent to the hromada for its reply."))
    return redirect(back)


@login_required
def report_publish(request, pk):
    report = selectors.get_report(pk)
    if not request.user.has_perm("monitoring.view_unpublished_report", report):
        raise Http404
    back = report_url(report)
    if request.method != "POST":
        require(request.user, "monitoring.publish_report", report)  # says why not
        return confirm(
            request,
            title=_("Publish the report?"),
            subject=str(report),
            explanation=_(
                "Publishing cannot be undone: the report, its findings and the hromada's "
                "replies become public, go into the public history and the open data, and the "
                "plan's followers are told."
            ),
            button=_("Publish the report"),
            back=back,
            breadcrumbs="monitoring/report_breadcrumbs.html",
            context=_crumbs(report),
        )
    try:
        services.report_publish(actor=request.user, report=report)
    except ValidationError as error:
        return refused(request, error, back)
    messages.success(request, _("The report is published."))
    return redirect(back)


@login_required
def reply(request, pk, target, finding_pk=0):
    """The hromada's reply to one finding of the report (or, for `target` "report", to the
    report as a whole): a page of its own, which the report page's forms post to as well."""
    report = selectors.get_report(pk)
    if not request.user.has_perm("monitoring.view_unpublished_report", report):
        raise Http404
    finding = selectors.finding_for_reply(report, target, finding_pk)
    back = report_url(report)
    try:
        require(request.user, "monitoring.reply_to_report", report)
    except ValidationError as error:
        return refused(request, error, back)
    existing = selectors.reply_of(report, finding)
    form = ReplyForm(request.POST or None, instance=existing)
    if request.method == "POST" and form.is_valid():
        call = lambda: services.reply_save(  # noqa: E731
            actor=request.user,
            report=report,
            text=form.cleaned_data["text"],
            assessment=finding if target == "assessment" else None,
            standard_finding=finding if target == "standard" else None,
        )
        if run_service(form, call) is not None:
            messages.success(request, _("Your reply was saved."))
            anchor = f"#{target}-{finding.pk}" if finding is not None else "#reply-report"
            return redirect(back + anchor)
    return form_page(
        request,
        "monitoring/report_reply.html",
        {
            **_crumbs(report),
            "form": form,
            "finding": finding,
            "target": target,
            "title": _("Reply to the finding") if finding else _("Reply to the report"),
            "submit": _("Save the reply"),
            "back": back,
        },
    )


def _download(body, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Link"] = f'<{settings.OPENDATA_LICENCE["url"]}>; rel="license"'
    return response


def _filename(report, ext: str) -> str:
    return f"{report.plan.hromada.slug}-{report.plan.slug}-{report.kind}-report-{report.pk}.{ext}"


def report_pdf(request, pk):
    report = _published(request, pk)
    body = exports.as_pdf(report, for_request(request))
    return _download(body, "application/pdf", _filename(report, "pdf"))


def report_json(request, pk):
    report = _published(request, pk)
    body = exports.as_json(report, for_request(request))
    return _download(body, "application/json; charset=utf-8", _filename(report, "json"))


def findings_csv(request, pk):
    report = _published(request, pk)
    body = exports.as_csv(report, for_request(request))
    return _download(body, "text/csv; charset=utf-8", _filename(report, "csv"))


def report_print(request, pk):
    report = _published(request, pk)
    return HttpResponse(exports.print_html(report, for_request(request), request))


urlpatterns = [
    path("reports/<int:pk>/", report_detail, name="report"),
    path("reports/<int:pk>/history/", report_history, name="report_history"),
    path("reports/<int:pk>/edit/", report_edit, name="report_edit"),
    path("reports/<int:pk>/send/", report_send, name="report_send"),
    path("reports/<int:pk>/publish/", report_publish, name="report_publish"),
    path("reports/<int:pk>/reply/", reply, {"target": "report"}, name="report_reply"),
    path("reports/<int:pk>/reply/<str:target>/<int:finding_pk>/", reply, name="finding_reply"),
    path("reports/<int:pk>/print/", report_print, name="report_print"),
    path("reports/<int:pk>/report.pdf", report_pdf, name="report_pdf"),
    path("reports/<int:pk>/report.json", report_json, name="report_json"),
    path("reports/<int:pk>/findings.csv", findings_csv, name="report_csv"),
    path("reports/compile/<int:assignment_pk>/", report_compile, name="report_compile"),
]
