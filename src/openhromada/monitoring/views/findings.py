"""The monitor's workspace and findings pages: an assignment's commitments and checklists,
assessing a commitment, the co-creation checklist, submitting (after a confirmation page),
corrections as new versions, and the evidence files.

The workspace and every draft are seen only by the assigned monitor, the network's coordinators
and operators (404 for everyone else); a finding is public once published (with its report, or
as a correction of a published one), unless an operator withheld it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from openhromada.core.errors import ServiceError
from openhromada.core.forms import add_service_errors, run_service
from openhromada.core.permissions import why_not
from openhromada.core.services import require
from openhromada.core.views import confirm, form_page, refused, withheld_page
from openhromada.core.withholding import active
from openhromada.plans.models import Commitment

from ..forms.findings import AssessmentForm, ChecklistDateForm, CorrectionForm, StandardForm
from ..lifecycle import FindingStatus, ReportKind, Standard
from ..models import Assessment, FindingFile, StandardFinding
from ..selectors import findings as selectors
from ..services import findings as services

BREADCRUMBS = "monitoring/finding_breadcrumbs.html"


def _workspace_url(assignment) -> str:
    return reverse("monitoring:assignment", args=[assignment.pk])


def _assess_url(assignment, commitment, kind) -> str:
    url = reverse("monitoring:assess", kwargs={"pk": assignment.pk, "kind": kind})
    return f"{url}?commitment={commitment.number}"


def _checklist_url(assignment, kind) -> str:
    return reverse("monitoring:checklist", kwargs={"pk": assignment.pk, "kind": kind})


def _context(assignment, **extra) -> dict:
    plan = assignment.plan
    return {"assignment": assignment, "plan": plan, "hromada": plan.hromada, **extra}


def _finding(model, user, pk: int):
    """A finding its workspace's people may see (drafts too), else 404."""
    finding = get_object_or_404(
        model.objects.select_related("assignment__network", "assignment__plan__hromada"), pk=pk
    )
    if not selectors.can_see_workspace(user, finding.assignment):
        raise Http404
    return finding


# --- the workspace ---------------------------------------------------------------------------


def assignment_detail(request, pk):
    assignment = selectors.visible_assignment(request.user, pk)
    can_assess = request.user.has_perm("monitoring.assess", assignment)
    return render(
        request,
        "monitoring/assignment_detail.html",
        _context(
            assignment,
            can_assess=can_assess,
            why_not=why_not(request.user, "monitoring.assess", assignment),
            is_monitor=assignment.monitor_id == request.user.pk,
            **selectors.workspace(assignment),
        ),
    )


# --- assessing a commitment ------------------------------------------------------------------


def _states(assignment, commitment, kind):
    versions = list(
        Assessment.objects.filter(assignment=assignment, commitment=commitment, kind=kind)
        .order_by("version")
        .prefetch_related("files")
    )
    for finding in versions:
        finding.assignment = assignment
    draft = next((f for f in versions if f.status == FindingStatus.DRAFT), None)
    current = next((f for f in versions if f.is_current), None)
    return draft, current


@login_required
def assess(request, pk, kind):
    """The assessment form of the commitment `?commitment=<number>`: save a draft, or save and
    go on to submit it."""
    assignment = selectors.visible_assignment(request.user, pk)
    kind = selectors.kind_or_404(kind)
    number = request.GET.get("commitment", "")
    if not number.isdigit():
        raise Http404
    commitment = get_object_or_404(Commitment, plan=assignment.plan, number=int(number))
    commitment.plan = assignment.plan
    require(request.user, "monitoring.assess", assignment)
    draft, current = _states(assignment, commitment, kind)
    if draft is None and current is not None:
        return redirect("monitoring:assessment", current.pk)
    if draft is not None:
        require(request.user, "monitoring.edit_finding", draft)
    if draft is None or draft.supersedes_id is None:
        reason = services.kind_refusal(assignment.plan, kind)
        if reason:
            return refused(request, ServiceError(reason), _workspace_url(assignment))
    files = list(draft.files.all()) if draft else []
    initial = AssessmentForm.initial_from(draft) or {"assessed_on": timezone.localdate()}
    form = AssessmentForm(
        request.POST or None,
        request.FILES or None,
        kind=kind,
        existing_files=files,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            form,
            lambda: services.assessment_save(
                actor=request.user,
                assignment=assignment,
                commitment=commitment,
                kind=kind,
                values=form.values(),
                links=form.cleaned_data["links"],
                files=form.cleaned_data["files"],
                remove_files=form.cleaned_data.get("remove_files") or (),
            ),
        )
        if saved is not None:
            if request.POST.get("action") == "submit":
                return redirect("monitoring:assessment_submit", saved.pk)
            messages.success(request, _("The draft assessment is saved."))
            return redirect(_workspace_url(assignment))
    return form_page(
        request,
        "monitoring/finding_form.html",
        _context(
            assignment,
            form=form,
            commitment=commitment,
            kind=kind,
            kind_label=ReportKind(kind).label,
            draft=draft,
            current=current,
            files=files,
            title=_("Assess commitment %(number)s") % {"number": commitment.number},
        ),
    )


@login_required
def assessment_submit(request, pk):
    """Submitting cannot be undone: the page says so and asks; only the POST submits."""
    assessment = _finding(Assessment, request.user, pk)
    assignment = assessment.assignment
    require(request.user, "monitoring.edit_finding", assessment)
    commitment = assessment.commitment
    back = _assess_url(assignment, commitment, assessment.kind)
    if request.method != "POST":
        return confirm(
            request,
            title=_("Submit the assessment?"),
            subject=f"{commitment.number}. {commitment.title}",
            explanation=_(
                "A submitted assessment cannot be changed: a later correction is a new version "
                "with its reason. It becomes public with the monitoring report (the hromada may "
                "reply to it first)."
            ),
            button=_("Submit the assessment"),
            back=back,
            breadcrumbs=BREADCRUMBS,
            context=_context(assignment),
        )
    try:
        services.assessment_submit(actor=request.user, assessment=assessment)
    except ValidationError as error:
        return refused(request, error, back)
    messages.success(request, _("The assessment is submitted."))
    return redirect(_workspace_url(assignment))


def assessment_detail(request, pk):
    """One assessment with its versions: drafts to its workspace's people, a published one to
    everyone (unless withheld)."""
    assessment = get_object_or_404(
        Assessment.objects.select_related(
            "assignment__network", "assignment__plan__hromada", "commitment"
        ),
        pk=pk,
    )
    visibility = selectors.finding_visible(request.user, assessment)
    if not visibility:
        raise Http404
    if visibility == "withheld":
        return withheld_page(request)
    withheld = active()
    if visibility == "public":
        if withheld.hides(assessment):
            return withheld_page(request)
        withheld.redact(assessment)
    versions = Assessment.objects.filter(
        assignment=assessment.assignment, commitment=assessment.commitment, kind=assessment.kind
    ).order_by("-version")
    if visibility == "public":
        versions = versions.exclude(published_at=None)
    hide_files = "links" in getattr(assessment, "withheld_fields", ())
    return render(
        request,
        "monitoring/finding_detail.html",
        _context(
            assessment.assignment,
            finding=assessment,
            commitment=assessment.commitment,
            versions=list(versions),
            files=[] if hide_files else list(assessment.files.order_by("pk")),
            private=visibility == "private",
            can_edit=request.user.has_perm("monitoring.edit_finding", assessment),
            can_correct=request.user.has_perm("monitoring.correct_finding", assessment),
            title=_("Assessment of commitment %(number)s")
            % {"number": assessment.commitment.number},
        ),
    )


def _correct_page(request, finding, subject, call, done_url):
    require(request.user, "monitoring.correct_finding", finding)
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        new = run_service(form, lambda: call(form.cleaned_data["correction_reason"]))
        if new is not None:
            messages.success(
                request,
                _("A correction is in draft as version %(version)d: change it, then submit it.")
                % {"version": new.version},
            )
            return redirect(done_url(new))
    return form_page(
        request,
        "monitoring/finding_correct.html",
        _context(
            finding.assignment,
            form=form,
            finding=finding,
            next_version=finding.version + 1,
            subject=subject,
            submit=_("Start the correction"),
            back=_workspace_url(finding.assignment),
            title=_("Correct a submitted finding"),
        ),
    )


@login_required
def assessment_correct(request, pk):
    assessment = _finding(Assessment, request.user, pk)
    commitment = assessment.commitment
    return _correct_page(
        request,
        assessment,
        f"{commitment.number}. {commitment.title} — {ReportKind(assessment.kind).label}",
        lambda reason: services.assessment_correct(
            actor=request.user, assessment=assessment, reason=reason
        ),
        lambda new: _assess_url(assessment.assignment, commitment, new.kind),
    )


# --- the co-creation checklist ---------------------------------------------------------------


def _standard_forms(request, checklist, editable: bool):
    """(standard, state, form or None): a form for each standard the monitor may still write
    (no finding yet, or a draft); none for those submitted without a correction in draft."""
    rows = []
    for standard, state in checklist.rows:
        form = None
        if editable and (state.is_empty or state.draft is not None):
            files = list(state.draft.files.all()) if state.draft else []
            form = StandardForm(
                request.POST or None,
                request.FILES or None,
                prefix=standard.value,
                existing_files=files,
                initial=StandardForm.initial_from(state.draft),
            )
        rows.append((standard, state, form))
    return rows


def _checklist_date(checklist):
    for _standard, state in checklist.rows:
        if state.latest is not None and state.latest.assessed_on:
            return state.latest.assessed_on
    return timezone.localdate()


def _row_errors(rows, error: ValidationError) -> None:
    """Put each standard's messages on its form (the service names the standard)."""
    by_prefix = {standard.value: form for standard, _state, form in rows if form is not None}
    for key, messages_ in error.message_dict.items():
        form = by_prefix.get(key)
        if form is None:
            form = next(iter(by_prefix.values()))
            key = None
        for message in messages_:
            form.add_error(None if key is None or key not in form.fields else key, message)


@login_required
def checklist(request, pk, kind):
    """Every participation standard with its verdict, note and evidence: save drafts, or save
    and go on to submit the checklist."""
    assignment = selectors.visible_assignment(request.user, pk)
    kind = selectors.kind_or_404(kind)
    state = selectors.checklist(assignment, kind)
    editable = request.user.has_perm("monitoring.assess", assignment) and (
        not state.refusal or state.drafts > 0
    )
    rows = _standard_forms(request, state, editable)
    date_form = ChecklistDateForm(
        request.POST or None, prefix="checklist", initial={"assessed_on": _checklist_date(state)}
    )
    forms_ = [form for _s, _st, form in rows if form is not None]
    if request.method == "POST":
        require(request.user, "monitoring.assess", assignment)
        if not forms_:
            reason = state.refusal or _(
                "Every standard is submitted: correct one with a new version."
            )
            return refused(request, ServiceError(reason), _checklist_url(assignment, kind))
        if date_form.is_valid() and all(form.is_valid() for form in forms_):
            assessed_on = date_form.cleaned_data["assessed_on"]
            payload = [
                {
                    "standard": standard.value,
                    "verdict": form.cleaned_data["verdict"],
                    "narrative": form.cleaned_data["narrative"],
                    "assessed_on": assessed_on,
                    "links": form.cleaned_data["links"],
                    "files": form.cleaned_data["files"],
                    "remove_files": form.cleaned_data.get("remove_files") or (),
                }
                for standard, _state, form in rows
                if form is not None
            ]
            try:
                services.checklist_save(
                    actor=request.user, assignment=assignment, kind=kind, rows=payload
                )
            except ValidationError as error:
                if "assessed_on" in getattr(error, "error_dict", {}):
                    add_service_errors(date_form, error)
                else:
                    _row_errors(rows, error)
            else:
                if request.POST.get("action") == "submit":
                    return redirect("monitoring:checklist_submit", pk=assignment.pk, kind=kind)
                messages.success(request, _("The checklist's drafts are saved."))
                return redirect(_checklist_url(assignment, kind))
    return form_page(
        request,
        "monitoring/finding_checklist.html",
        _context(
            assignment,
            rows=rows,
            checklist=state,
            date_form=date_form,
            editable=bool(forms_),
            can_correct=request.user.has_perm("monitoring.assess", assignment),
            kind=kind,
            title=_("Co-creation checklist: %(kind)s") % {"kind": ReportKind(kind).label},
        ),
    )


@login_required
def checklist_submit(request, pk, kind):
    assignment = selectors.visible_assignment(request.user, pk)
    kind = selectors.kind_or_404(kind)
    require(request.user, "monitoring.assess", assignment)
    back = _checklist_url(assignment, kind)
    if request.method != "POST":
        return confirm(
            request,
            title=_("Submit the co-creation checklist?"),
            subject=ReportKind(kind).label,
            explanation=_(
                "Every draft of the checklist is submitted at once and cannot be changed "
                "afterwards: a later correction is a new version with its reason. The findings "
                "become public with the monitoring report."
            ),
            button=_("Submit the checklist"),
            back=back,
            breadcrumbs=BREADCRUMBS,
            context=_context(assignment),
        )
    try:
        services.checklist_submit(actor=request.user, assignment=assignment, kind=kind)
    except ValidationError as error:
        return refused(request, error, back)
    messages.success(request, _("The co-creation checklist is submitted."))
    return redirect(_workspace_url(assignment))


@login_required
def standard_correct(request, pk):
    finding = _finding(StandardFinding, request.user, pk)
    return _correct_page(
        request,
        finding,
        f"{Standard(finding.standard).label} — {ReportKind(finding.kind).label}",
        lambda reason: services.standard_correct(
            actor=request.user, finding=finding, reason=reason
        ),
        lambda new: _checklist_url(finding.assignment, new.kind) + f"#{new.standard}",
    )


# --- evidence files --------------------------------------------------------------------------


def finding_file(request, pk):
    """A finding's evidence file: a draft's or an unpublished one's only to its workspace's
    people; a published one to everyone, unless an operator withheld the finding or its
    evidence."""
    row = get_object_or_404(
        FindingFile.objects.select_related(
            "assessment__assignment__network",
            "assessment__commitment__plan",
            "standard_finding__assignment__network",
            "standard_finding__plan",
        ),
        pk=pk,
    )
    finding = row.assessment or row.standard_finding
    visibility = selectors.finding_visible(request.user, finding)
    if not visibility:
        raise Http404
    if visibility == "withheld":
        return withheld_page(request)
    if visibility == "public":
        withheld = active()
        if withheld.hides(finding) or "links" in withheld.fields(finding, finding.pk):
            return withheld_page(request)
    try:
        handle = row.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle, as_attachment=True, filename=row.name, content_type=row.content_type
    )


def _by_kind(route: str, view, name: str) -> list:
    """One address per kind (`…/inception/…`, `…/results/…`), the kind passed to the view."""
    return [path(route.format(kind=k), view, {"kind": k}, name=name) for k in ReportKind.values]


urlpatterns = [
    path("assignments/<int:pk>/", assignment_detail, name="assignment"),
    *_by_kind("assignments/<int:pk>/{kind}/", assess, "assess"),
    *_by_kind("assignments/<int:pk>/checklist/{kind}/", checklist, "checklist"),
    *_by_kind(
        "assignments/<int:pk>/checklist/{kind}/submit/", checklist_submit, "checklist_submit"
    ),
    path("findings/assessments/<int:pk>/", assessment_detail, name="assessment"),
    path("findings/assessments/<int:pk>/submit/", assessment_submit, name="assessment_submit"),
    path("findings/assessments/<int:pk>/correct/", assessment_correct, name="assessment_correct"),
    path("findings/standardfindings/<int:pk>/correct/", standard_correct, name="standard_correct"),
    path("findings/findingfiles/<int:pk>/", finding_file, name="finding_file"),
]
