"""Forms for officials: plans, commitments (the full OGP template), milestones, progress."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from openhromada.core.forms import DATE, MultipleFileField

from .lifecycle import MilestoneStatus
from .models import ActionPlan, Commitment, Milestone, SupportingActor
from .services import MAX_EVIDENCE_BYTES


class PlanForm(forms.ModelForm):
    class Meta:
        model = ActionPlan
        fields = ["title", "summary", "start_date", "end_date"]
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "summary": forms.Textarea(attrs={"rows": 4}),
        }
        # instructions for the person filling it in (the model's help describes the data)
        help_texts = {
            "title": _(
                "As in the decision that approves the plan, e.g. “Action plan of the hromada "
                "for 2025–2026”."
            ),
        }


class ListField(forms.CharField):
    """Comma-separated values, e.g. tags."""

    def to_python(self, value):
        return [part.strip() for part in (value or "").split(",") if part.strip()]

    def prepare_value(self, value):
        return ", ".join(str(v) for v in value) if isinstance(value, list) else value


class SdgField(ListField):
    def to_python(self, value):
        parts = super().to_python(value)
        try:
            goals = sorted({int(p) for p in parts})
        except ValueError:
            raise ValidationError(
                _("List goal numbers separated by commas, e.g. 11, 16.")
            ) from None
        if any(not 1 <= g <= 17 for g in goals):
            raise ValidationError(_("Sustainable Development Goals are numbered 1 to 17."))
        return goals


class CommitmentForm(forms.ModelForm):
    sdgs = SdgField(
        label=_("Sustainable Development Goals"),
        required=False,
        help_text=_("Goal numbers separated by commas, e.g. 11, 16."),
    )
    tags = ListField(label=_("tags"), required=False, help_text=_("Separated by commas."))

    class Meta:
        model = Commitment
        fields = list(Commitment.TEMPLATE_FIELDS)  # the OGP template, in its order
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            **{
                f: forms.Textarea(attrs={"rows": 3})
                for f in ("problem", "baseline", "objective", "how_it_solves")
            },
        }
        help_texts = {
            "title": _("A short name residents will recognise, e.g. “Open data on road repairs”."),
            **{
                f: _("Tick it if the commitment serves this OGP value.")
                for f in (
                    "value_access_to_information",
                    "value_civic_participation",
                    "value_public_accountability",
                    "value_technology_innovation",
                )
            },
        }


ActorFormSet = forms.inlineformset_factory(
    Commitment, SupportingActor, fields=["name", "sector"], extra=2, can_delete=True
)


class AmendmentForm(CommitmentForm):
    reason = forms.CharField(
        label=_("reason for the amendment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Published with the amendment, beside the earlier text."),
    )


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = [
            "number",
            "expected_output",
            "start_date",
            "due_date",
            "responsible_body",
            "weight",
        ]
        widgets = {
            "start_date": DATE,
            "due_date": DATE,
            "expected_output": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "due_date": _(
                "The day by which the milestone must be done; after it the milestone shows as "
                "overdue."
            ),
            "responsible_body": _("The body that does the work, as the plan names it."),
        }


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_("Columns as in the template; what the file may hold is described below."),
    )


class ProgressForm(forms.Form):
    date = forms.DateField(label=_("date"), widget=DATE)
    text = forms.CharField(label=_("what was done"), widget=forms.Textarea(attrs={"rows": 4}))
    status = forms.ChoiceField(label=_("new status"), choices=MilestoneStatus.choices)
    percent = forms.IntegerField(label=_("progress, %"), min_value=0, max_value=100)
    links = forms.CharField(
        label=_("evidence links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One address per line."),
    )
    files = MultipleFileField(
        label=_("evidence files"),
        required=False,
        # formatted when shown, in the reader's language (not once, at import)
        help_text=lazy(
            lambda: (
                _("PDF, images, office documents, CSV or text; up to %(mb)d MB each.")
                % {"mb": MAX_EVIDENCE_BYTES // 2**20}
            ),
            str,
        )(),
    )

    def clean_links(self):
        validator = forms.URLField(assume_scheme="https")
        links = []
        for line in (self.cleaned_data.get("links") or "").splitlines():
            if line.strip():
                links.append({"url": validator.clean(line.strip())})
        return links
