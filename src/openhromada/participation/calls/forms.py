"""Forms for calls, proposals and responses; the services do the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from openhromada.core.forms import DATETIME, MARKDOWN_HELP, UPLOAD_HELP, MultipleFileField

from ..forms import lines
from ..lifecycle import ResponseKind
from ..models import Call, Proposal


class CallForm(forms.ModelForm):
    categories = forms.CharField(
        label=_("Categories"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One per line: OGP values or topics residents choose from."),
    )

    class Meta:
        model = Call
        fields = ("title", "description", "rules", "opens_at", "closes_at")
        widgets = {"opens_at": DATETIME, "closes_at": DATETIME}
        # instructions for the person filling it in (the model's help describes the data)
        help_texts = {
            "title": _(
                "What residents are asked for, e.g. “Proposals to the action plan 2025–2026”."
            ),
            "description": MARKDOWN_HELP,
        }

    def values(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        return {**data, "categories": lines(self.cleaned_data["categories"])}


class ProposalForm(forms.ModelForm):
    attachments = MultipleFileField(label=_("Attachments"), required=False, help_text=UPLOAD_HELP)

    class Meta:
        model = Proposal
        fields = ("title", "problem", "solution", "category")
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 5}),
            "solution": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "title": _("One line that says what you propose; it heads your proposal in lists."),
            "solution": MARKDOWN_HELP,
            "category": _("Choose the one closest to your proposal; it helps sort the proposals."),
        }

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = call.categories.all()
        self.fields["category"].empty_label = _("not chosen")
        if not call.categories.exists():
            del self.fields["category"]

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields}


class ResponseForm(forms.Form):
    response = forms.ChoiceField(
        label=_("Response"), choices=ResponseKind.choices, widget=forms.RadioSelect
    )
    response_reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Every response says why, in words the author understands."),
    )
    commitments = forms.ModelMultipleChoiceField(
        label=_("Commitments it became"),
        required=False,
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )
    merged_into = forms.ModelChoiceField(
        label=_("Merged into proposal"), required=False, queryset=None
    )

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commitments"].queryset = proposal.call.plan.commitments.all()
        self.fields["merged_into"].queryset = proposal.call.proposals.exclude(
            pk=proposal.pk
        ).filter(withdrawn_at__isnull=True)
