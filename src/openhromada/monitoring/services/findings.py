"""A monitor's findings: assessments of each commitment on the IRM-style scales and the
co-creation checklist against the participation standards.

Every write asks its permission first (monitoring.assess on the assignment for a new finding,
monitoring.edit_finding on a draft, monitoring.correct_finding on the current submission), runs
in one transaction and saves nothing when refused. Drafts are saved as they are, whatever is
still missing; submitting runs the full rules (`assessment_errors`, `standard_errors`), after
which the finding never changes. A correction is a new draft version (version + 1, `supersedes`
the old one, with its reason); when it is submitted it becomes the current version, and when the
old one was already public the correction is published at once and its creation is written to
the public history. Drafts and unpublished submissions never reach the history: the reports
service writes it when a report publishes its findings.

Links are a list of web addresses (strings, http or https); files are FindingFile rows, checked
by core.uploads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openhromada.core.errors import ServiceError
from openhromada.core.history import record_create
from openhromada.core.services import require
from openhromada.core.services import save as _save
from openhromada.core.uploads import MAX_UPLOAD_BYTES, check_uploads
from openhromada.plans.lifecycle import PlanStatus

from ..lifecycle import (
    COMPLETION_NEEDS_EVIDENCE,
    OPENED_NEEDS_EVIDENCE,
    VERDICT_NEEDS_EVIDENCE,
    FindingStatus,
    ReportKind,
    Standard,
)
from ..models import Assessment, Assignment, FindingFile, StandardFinding
from ..rules import ASSESSABLE_PLAN_STATES

MAX_EVIDENCE_BYTES = MAX_UPLOAD_BYTES
MAX_LINKS = 30
MAX_LINK_LENGTH = 2000

# The values a monitor sets on an assessment (everything else is the service's).
ASSESSMENT_VALUES = (
    "verifiable",
    "lens_transparency",
    "lens_participation",
    "lens_accountability",
    "potential",
    "completion",
    "opened_government",
    "narrative",
    "assessed_on",
)
# The scales a commitment that is not verifiable must leave empty.
LENS = ("lens_transparency", "lens_participation", "lens_accountability")
RESULTS_ONLY = ("completion", "opened_government")
STANDARD_VALUES = ("verdict", "narrative", "assessed_on")

_URL = URLValidator(schemes=["http", "https"])


# --- the rules, as pure functions ------------------------------------------------------------


def kind_refusal(plan, kind: str, today: dt.date | None = None) -> str:
    """Why findings of `kind` cannot be made on `plan` now, or "" when they can: an inception
    review once the plan is submitted (or later), a results report once the plan is completed
    or its end date has passed."""
    if kind not in ReportKind.values:
        return _("Unknown kind of assessment.")
    if plan.status not in ASSESSABLE_PLAN_STATES:
        return _("The plan can be assessed once it is submitted.")
    if kind == ReportKind.RESULTS:
        today = today or timezone.localdate()
        if plan.status != PlanStatus.COMPLETED and not (plan.end_date and plan.end_date < today):
            return _(
                "The results can be assessed once the plan is completed or its end date has passed."
            )
    return ""


def _scale_errors(values: Mapping[str, Any], kind: str) -> dict:
    """Which scales a finding of `kind` must, and must not, fill in."""
    errors: dict[str, str] = {}
    verifiable = values.get("verifiable")
    if verifiable is None:
        errors["verifiable"] = _("Say whether the commitment is verifiable.")
    elif not verifiable:
        for name in (*LENS, "potential", *RESULTS_ONLY):
            if values.get(name):
                errors[name] = _(
                    "A commitment that is not verifiable cannot be assessed on the other scales."
                )
    else:
        required = {"potential": _("Choose the potential for results.")}
        if kind == ReportKind.RESULTS:
            required["completion"] = _("Choose the completion.")
            required["opened_government"] = _("Say whether it opened government.")
        errors.update({name: message for name, message in required.items() if not values.get(name)})
    if kind == ReportKind.INCEPTION:
        for name in RESULTS_ONLY:
            if values.get(name):
                errors[name] = _(
                    "An inception review does not assess completion or whether it opened "
                    "government: they are for the results report."
                )
    return errors


def _date_errors(assessed_on) -> dict:
    if assessed_on is None:
        return {"assessed_on": _("Give the date of the assessment.")}
    if assessed_on > timezone.localdate():
        return {"assessed_on": _("The date of assessment cannot be in the future.")}
    return {}


def assessment_errors(values: Mapping[str, Any], kind: str, has_evidence: bool) -> dict:
    """The full rules an assessment must meet to be submitted: {field: message}, empty when it
    meets them. `values` are the assessment's (ASSESSMENT_VALUES); `has_evidence` says whether it
    has at least one evidence link or file."""
    errors: dict[str, str] = {}
    if not (values.get("narrative") or "").strip():
        errors["narrative"] = _("Write the narrative: what you found and why.")
    errors.update(_scale_errors(values, kind))
    if not has_evidence and (
        values.get("completion") in COMPLETION_NEEDS_EVIDENCE
        or values.get("opened_government") in OPENED_NEEDS_EVIDENCE
    ):
        errors["links"] = _(
            "Give evidence (a link or a file) for the completion or change in government "
            "practice you found."
        )
    errors.update(_date_errors(values.get("assessed_on")))
    return errors


def standard_errors(values: Mapping[str, Any], has_evidence: bool) -> dict:
    """The rules a co-creation finding must meet to be submitted: {field: message}."""
    errors: dict[str, str] = {}
    verdict = values.get("verdict")
    if not verdict:
        errors["verdict"] = _("Choose a verdict: met, partly met or not met.")
    elif verdict in VERDICT_NEEDS_EVIDENCE and not has_evidence:
        errors["links"] = _("Give evidence (a link or a file) for a standard met or partly met.")
    errors.update(_date_errors(values.get("assessed_on")))
    return errors


def clean_links(links: Iterable[str] | None, field: str = "links") -> list[str]:
    """Web addresses, http or https only, without blanks or repeats."""
    cleaned: list[str] = []
    for link in links or ():
        link = (link or "").strip()
        if not link or link in cleaned:
            continue
        try:
            if len(link) > MAX_LINK_LENGTH:
                raise ValidationError("too long")
            _URL(link)
        except ValidationError:
            raise ServiceError(
                {field: _("“%(link)s” is not a web address (http or https).") % {"link": link[:80]}}
            ) from None
        cleaned.append(link)
    if len(cleaned) > MAX_LINKS:
        raise ServiceError({field: _("Give at most %(n)d links.") % {"n": MAX_LINKS}})
    return cleaned


# --- shared by both kinds of finding ---------------------------------------------------------


def save(finding):
    """Validate and save; a broken field rule is the service's refusal (ServiceError)."""
    try:
        return _save(finding)
    except ServiceError:
        raise
    except ValidationError as error:
        raise ServiceError(error.message_dict) from None


def _fresh_assignment(assignment: Assignment) -> Assignment:
    """The assignment as it is now (ended? plan moved on?), with what its rules read."""
    return Assignment.objects.select_related("network", "plan__hromada").get(pk=assignment.pk)


def _locked(model, pk: int):
    return (
        model.objects.select_for_update()
        .select_related("assignment__network", "assignment__plan__hromada")
        .get(pk=pk)
    )


def _check_kind(assignment: Assignment, kind: str) -> None:
    reason = kind_refusal(assignment.plan, kind)
    if reason:
        raise ServiceError({"kind": reason})


def _check_date(assessed_on) -> None:
    if assessed_on and assessed_on > timezone.localdate():
        raise ServiceError({"assessed_on": _("The date of assessment cannot be in the future.")})


def _file_owner(finding) -> dict:
    key = "assessment" if isinstance(finding, Assessment) else "standard_finding"
    return {key: finding}


def _attach(finding, files, remove_files, field: str = "files") -> None:
    """Add the uploads to a draft (checked first) and drop the files it no longer wants."""
    files = [f for f in files or () if f]
    try:
        check_uploads(files, field)
    except ValidationError as error:
        raise ServiceError(error.message_dict) from None
    removed = {int(pk) for pk in remove_files or ()}
    if removed:
        for row in FindingFile.objects.filter(pk__in=removed, **_file_owner(finding)):
            name = row.file.name
            row.delete()
            if not FindingFile.objects.filter(file=name).exists():
                transaction.on_commit(lambda n=name, s=row.file.storage: s.delete(n))
    for upload in files:
        FindingFile.objects.create(
            **_file_owner(finding),
            file=upload,
            name=upload.name[:200],
            size=upload.size,
            content_type=upload.content_type,
        )


def _has_evidence(finding) -> bool:
    return bool(finding.links) or finding.files.exists()


def _publish_correction(actor, finding, now) -> None:
    """Submitting `finding`: it becomes the current version; a correction takes the place of
    the version it corrects — in its report, and in public at once if that one was public."""
    old = finding.supersedes
    finding.status = FindingStatus.SUBMITTED
    finding.submitted_at = now
    if old is not None:
        old = type(finding).objects.select_for_update().get(pk=old.pk)
        if old.is_current:
            old.is_current = False
            old.save(update_fields=["is_current", "updated_at"])
        finding.report_id = old.report_id
        if old.published_at is not None:
            finding.published_at = now
    finding.is_current = True
    save(finding)
    if finding.published_at is not None:
        record_create(actor=actor, obj=finding, fields=type(finding).HISTORY_FIELDS)


def _correct(actor, finding, reason: str, copy: tuple[str, ...]):
    """A new draft version of the current submission `finding`, with its values and files."""
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(
            {"correction_reason": _("Say why the submitted finding is being corrected.")}
        )
    model = type(finding)
    if model.objects.filter(supersedes=finding).exists():
        raise ServiceError(
            _("A correction of this finding is already in draft: finish and submit it.")
        )
    new = model(
        assignment=finding.assignment,
        kind=finding.kind,
        version=finding.version + 1,
        supersedes=finding,
        correction_reason=reason,
        status=FindingStatus.DRAFT,
        is_current=False,
        links=list(finding.links),
        author=actor,
        author_label=finding.assignment.monitor_label,
        **{name: getattr(finding, name) for name in copy},
    )
    save(new)
    for row in finding.files.all():
        FindingFile.objects.create(
            **_file_owner(new),
            file=row.file.name,
            name=row.name,
            size=row.size,
            content_type=row.content_type,
        )
    return new


# --- assessments of commitments --------------------------------------------------------------


@transaction.atomic
def assessment_save(
    *,
    actor,
    assignment: Assignment,
    commitment,
    kind: str,
    values: Mapping[str, Any],
    links: Iterable[str] | None = None,
    files=(),
    remove_files: Iterable[int] = (),
) -> Assessment:
    """Create or update the monitor's draft assessment of `commitment` for `kind` (inception or
    results). `values` holds any of ASSESSMENT_VALUES; `links` the evidence addresses (replacing
    the draft's); `files` new uploads; `remove_files` ids of the draft's files to drop. A draft
    may be incomplete; only its links, files, date and choices are checked."""
    assignment = _fresh_assignment(assignment)
    require(actor, "monitoring.assess", assignment)
    unknown = set(values) - set(ASSESSMENT_VALUES)
    if unknown:
        raise TypeError(f"not an assessment value: {', '.join(sorted(unknown))}")
    _check_kind(assignment, kind)
    if commitment.plan_id != assignment.plan_id:
        raise ServiceError(_("The commitment is not in the assigned plan."))
    draft = (
        Assessment.objects.select_for_update()
        .filter(assignment=assignment, commitment=commitment, kind=kind, status=FindingStatus.DRAFT)
        .first()
    )
    if draft is None:
        if Assessment.objects.filter(
            assignment=assignment, commitment=commitment, kind=kind
        ).exists():
            raise ServiceError(
                _("This assessment is already submitted: correct it with a new version.")
            )
        draft = Assessment(
            assignment=assignment,
            commitment=commitment,
            kind=kind,
            author=actor,
            author_label=assignment.monitor_label,
        )
    else:
        draft.assignment = assignment
        require(actor, "monitoring.edit_finding", draft)
    for name, value in values.items():
        setattr(draft, name, value)
    draft.narrative = draft.narrative or ""
    draft.potential = draft.potential or ""
    draft.completion = draft.completion or ""
    draft.opened_government = draft.opened_government or ""
    _check_date(draft.assessed_on)
    draft.links = clean_links(links)
    save(draft)
    _attach(draft, files, remove_files)
    return draft


def _assessment_values(assessment: Assessment) -> dict:
    return {name: getattr(assessment, name) for name in ASSESSMENT_VALUES}


@transaction.atomic
def assessment_submit(*, actor, assessment: Assessment) -> Assessment:
    """Submit a draft assessment after the full rules; it is final from now on."""
    assessment = _locked(Assessment, assessment.pk)
    require(actor, "monitoring.edit_finding", assessment)
    if assessment.supersedes_id is None:
        _check_kind(assessment.assignment, assessment.kind)
    errors = assessment_errors(
        _assessment_values(assessment), assessment.kind, _has_evidence(assessment)
    )
    if errors:
        raise ServiceError(errors)
    _publish_correction(actor, assessment, timezone.now())
    return assessment


@transaction.atomic
def assessment_correct(*, actor, assessment: Assessment, reason: str) -> Assessment:
    """Start a correction of the current submitted assessment: a new draft version with its
    values and evidence, and the reason. Returns the new draft."""
    assessment = _locked(Assessment, assessment.pk)
    require(actor, "monitoring.correct_finding", assessment)
    return _correct(actor, assessment, reason, ("commitment_id", *ASSESSMENT_VALUES))


# --- the co-creation checklist ---------------------------------------------------------------


@transaction.atomic
def checklist_save(
    *, actor, assignment: Assignment, kind: str, rows: Iterable[Mapping[str, Any]]
) -> list[StandardFinding]:
    """Save drafts of the co-creation checklist: each row names its `standard` and gives any of
    `verdict`, `narrative`, `assessed_on`, `links`, `files` (new uploads) and `remove_files`.
    A standard with a draft (a first one or a correction) updates it; one without anything
    gets a new draft; one already submitted without a correction in draft is refused."""
    assignment = _fresh_assignment(assignment)
    require(actor, "monitoring.assess", assignment)
    _check_kind(assignment, kind)
    existing = {
        f.standard: f
        for f in StandardFinding.objects.select_for_update()
        .filter(assignment=assignment, kind=kind)
        .order_by("version")
    }  # the latest version of each standard
    saved = []
    for row in rows:
        standard = row.get("standard")
        if standard not in Standard.values:
            raise ServiceError(_("Unknown participation standard."))
        finding = existing.get(standard)
        if finding is not None and finding.status != FindingStatus.DRAFT:
            raise ServiceError(
                {
                    standard: _(
                        "“%(standard)s” is already submitted: correct it with a new version."
                    )
                    % {"standard": Standard(standard).label}
                }
            )
        if finding is None:
            finding = StandardFinding(
                assignment=assignment,
                plan=assignment.plan,
                kind=kind,
                standard=standard,
                author=actor,
                author_label=assignment.monitor_label,
            )
        else:
            finding.assignment = assignment
            require(actor, "monitoring.edit_finding", finding)
        for name in STANDARD_VALUES:
            if name in row:
                value = row[name]
                setattr(finding, name, value if name == "assessed_on" else value or "")
        _check_date(finding.assessed_on)
        if "links" in row:
            finding.links = clean_links(row["links"], standard)
        save(finding)
        _attach(finding, row.get("files"), row.get("remove_files"), standard)
        saved.append(finding)
    return saved


@transaction.atomic
def checklist_submit(*, actor, assignment: Assignment, kind: str) -> list[StandardFinding]:
    """Submit every draft of the checklist at once, after the full rules: each standard must
    have a verdict (a first submission covers every standard), with evidence when it is met or
    partly met. Returns the submitted findings."""
    assignment = _fresh_assignment(assignment)
    findings = list(
        StandardFinding.objects.select_for_update()
        .filter(assignment=assignment, kind=kind)
        .order_by("standard", "version")
    )
    latest = {f.standard: f for f in findings}
    drafts = [f for f in latest.values() if f.status == FindingStatus.DRAFT]
    if not drafts:
        require(actor, "monitoring.assess", assignment)
        raise ServiceError(_("There is nothing to submit: the checklist has no drafts."))
    for finding in drafts:
        finding.assignment = assignment
        require(actor, "monitoring.edit_finding", finding)
    if any(f.supersedes_id is None for f in drafts):
        _check_kind(assignment, kind)
    errors: dict[str, str] = {}
    for standard in Standard:
        if standard.value not in latest:
            errors[standard.value] = _("“%(standard)s”: choose a verdict.") % {
                "standard": standard.label
            }
    for finding in drafts:
        problems = standard_errors(
            {name: getattr(finding, name) for name in STANDARD_VALUES}, _has_evidence(finding)
        )
        if problems:
            errors[finding.standard] = " ".join(
                f"“{Standard(finding.standard).label}”: {message}" for message in problems.values()
            )
    if errors:
        raise ServiceError(errors)
    now = timezone.now()
    for finding in drafts:
        _publish_correction(actor, finding, now)
    return drafts


@transaction.atomic
def standard_correct(*, actor, finding: StandardFinding, reason: str) -> StandardFinding:
    """Start a correction of one current submitted co-creation finding: a new draft version
    (submitted with the checklist). Returns the new draft."""
    finding = _locked(StandardFinding, finding.pk)
    require(actor, "monitoring.correct_finding", finding)
    return _correct(actor, finding, reason, ("plan_id", "standard", *STANDARD_VALUES))
