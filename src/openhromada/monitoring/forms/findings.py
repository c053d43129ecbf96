"""Forms for monitors' findings: an assessment of a commitment, the co-creation checklist, and a
correction's reason. They collect what the monitor typed; the services check the rules (a draft
may be incomplete, submitting asks for everything)."""

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from openhromada.core.forms import DATE, MARKDOWN_HELP, MultipleFileField

from ..lifecycle import Completion, OpenedGovernment, Potential, ReportKind, Verdict
from ..services.findings import MAX_EVIDENCE_BYTES

FILES_HELP = lazy(
    lambda: (
        _("PDF, images, office documents, CSV or text; up to %(mb)d MB each.")
        % {"mb": MAX_EVIDENCE_BYTES // 2**20}
    ),
    str,
)()
LINKS_HELP = _("One address per line, starting with http:// or https://.")
NOT_YET = ("", _("not assessed yet"))


def _radios(label, choices, help_text=""):
    return forms.ChoiceField(
        label=label,
        choices=[NOT_YET, *choices],
        required=False,
        widget=forms.RadioSelect,
        help_text=help_text,
    )


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class EvidenceMixin:
    """Evidence links (one per line) and files, and the draft's files to remove."""

    def _add_evidence_fields(self, existing_files):
        self.fields["links"] = forms.CharField(
            label=_("evidence links"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text=LINKS_HELP,
        )
        self.fields["files"] = MultipleFileField(
            label=_("evidence files"), required=False, help_text=FILES_HELP
        )
        if existing_files:
            self.fields["remove_files"] = forms.TypedMultipleChoiceField(
                label=_("remove files"),
                required=False,
                coerce=int,
                choices=[(f.pk, f.name) for f in existing_files],
                widget=forms.CheckboxSelectMultiple,
            )

    def clean_links(self):
        return _lines(self.cleaned_data.get("links"))


class AssessmentForm(EvidenceMixin, forms.Form):
    """One commitment on the IRM-style scales; an inception review leaves out completion and
    whether it opened government."""

    verifiable = forms.TypedChoiceField(
        label=_("verifiable"),
        choices=[NOT_YET, ("yes", _("yes")), ("no", _("no"))],
        required=False,
        coerce=lambda v: v == "yes",
        empty_value=None,
        widget=forms.RadioSelect,
        help_text=_(
            "Can its results be checked? A commitment that is not verifiable cannot be assessed "
            "on the other scales."
        ),
    )
    lens_transparency = forms.BooleanField(label=_("more transparent"), required=False)
    lens_participation = forms.BooleanField(label=_("more participatory"), required=False)
    lens_accountability = forms.BooleanField(label=_("more accountable"), required=False)
    potential = _radios(
        _("potential for results"),
        Potential.choices,
        _("Substantial is the older scale's transformative."),
    )
    completion = _radios(_("completion"), Completion.choices)
    opened_government = _radios(_("did it open government?"), OpenedGovernment.choices)
    narrative = forms.CharField(
        label=_("narrative"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=MARKDOWN_HELP,
    )
    assessed_on = forms.DateField(
        label=_("date of assessment"),
        required=False,
        widget=DATE,
        help_text=_("Not in the future."),
    )

    LENS = ("lens_transparency", "lens_participation", "lens_accountability")
    RADIOS = ("verifiable", "potential", "completion", "opened_government")

    def __init__(self, *args, kind: str, existing_files=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        if kind == ReportKind.INCEPTION:
            del self.fields["completion"]
            del self.fields["opened_government"]
        self._add_evidence_fields(existing_files)

    @staticmethod
    def initial_from(assessment) -> dict:
        if assessment is None:
            return {}
        verifiable = {True: "yes", False: "no"}.get(assessment.verifiable, "")
        return {
            "verifiable": verifiable,
            "lens_transparency": assessment.lens_transparency,
            "lens_participation": assessment.lens_participation,
            "lens_accountability": assessment.lens_accountability,
            "potential": assessment.potential,
            "completion": assessment.completion,
            "opened_government": assessment.opened_government,
            "narrative": assessment.narrative,
            "assessed_on": assessment.assessed_on,
            "links": "\n".join(assessment.links),
        }

    def values(self) -> dict:
        """The assessment's values for services.findings.assessment_save."""
        data = self.cleaned_data
        names = ("verifiable", *self.LENS, "potential", "narrative", "assessed_on")
        if self.kind == ReportKind.RESULTS:
            names = (*names, "completion", "opened_government")
        return {name: data.get(name) for name in names}

    def lens_fields(self):
        return [self[name] for name in self.LENS]

    def radio_fields(self):
        return [self[name] for name in self.RADIOS if name in self.fields]


class ChecklistDateForm(forms.Form):
    """The date of the checklist's assessment, shared by its standards."""

    assessed_on = forms.DateField(
        label=_("date of assessment"),
        required=False,
        widget=DATE,
        help_text=_("Not in the future."),
    )


class StandardForm(EvidenceMixin, forms.Form):
    """One participation standard of the co-creation checklist (the form's prefix is the
    standard)."""

    verdict = _radios(_("verdict"), Verdict.choices)
    narrative = forms.CharField(
        label=_("note"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=MARKDOWN_HELP,
    )

    def __init__(self, *args, existing_files=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._add_evidence_fields(existing_files)

    @staticmethod
    def initial_from(finding) -> dict:
        if finding is None:
            return {}
        return {
            "verdict": finding.verdict,
            "narrative": finding.narrative,
            "links": "\n".join(finding.links),
        }


class CorrectionForm(forms.Form):
    correction_reason = forms.CharField(
        label=_("reason for the correction"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Why the submitted finding is corrected. Once the correction is submitted, the reason "
            "is public with it if the finding was already published."
        ),
    )
