"""Forms for residents, officials and moderators; the services do the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from openhromada.core.forms import DATETIME, MARKDOWN_HELP, UPLOAD_HELP, MultipleFileField

from .lifecycle import CommentOutcome, ModerationRule, QuestionKind, ResponseKind
from .models import Call, Consultation, Proposal


def lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


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
        help_texts = {"description": MARKDOWN_HELP}

    def values(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        return {**data, "categories": lines(self.cleaned_data["categories"])}


class CloseForm(forms.Form):
    closed_reason = forms.CharField(
        label=_("Why it closes early"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class ProposalForm(forms.ModelForm):
    attachments = MultipleFileField(label=_("Attachments"), required=False, help_text=UPLOAD_HELP)

    class Meta:
        model = Proposal
        fields = ("title", "problem", "solution", "category")
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 5}),
            "solution": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {"solution": MARKDOWN_HELP}

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = call.categories.all()
        if not call.categories.exists():
            del self.fields["category"]

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields}


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=MARKDOWN_HELP,
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


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


class AbuseForm(forms.Form):
    rule = forms.ChoiceField(label=_("Which rule it breaks"), choices=ModerationRule.choices)
    reason = forms.CharField(
        label=_("What is wrong"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class HideForm(forms.Form):
    rule = forms.ChoiceField(
        label=_("Public reason (the rule broken)"), choices=ModerationRule.choices
    )


class BlockForm(forms.Form):
    rule = forms.ChoiceField(label=_("The rule broken"), choices=ModerationRule.choices)
    everywhere = forms.BooleanField(
        label=_("Everywhere on the platform (operators only)"), required=False
    )


class ConsultationForm(forms.ModelForm):
    class Meta:
        model = Consultation
        fields = ("title", "description", "plan", "document", "opens_at", "closes_at")
        widgets = {"opens_at": DATETIME, "closes_at": DATETIME}
        help_texts = {"description": MARKDOWN_HELP, "document": UPLOAD_HELP}

    def __init__(self, *args, hromada, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = hromada.action_plans.all()

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class SectionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    text = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 10}), help_text=MARKDOWN_HELP
    )


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("Question"), max_length=500)
    kind = forms.ChoiceField(label=_("Kind"), choices=QuestionKind.choices)
    options = forms.CharField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For single and multiple choice: one option per line."),
    )


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=CommentOutcome.choices)
    outcome_reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ReportForm(forms.Form):
    report = forms.CharField(
        label=_("Summary report"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=MARKDOWN_HELP,
    )
