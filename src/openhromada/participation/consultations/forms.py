"""Forms officials prepare and answer consultations with; the services do the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from openhromada.core.forms import DATETIME, MARKDOWN_HELP, UPLOAD_HELP

from ..lifecycle import CommentOutcome, QuestionKind
from ..models import Consultation


class ConsultationForm(forms.ModelForm):
    class Meta:
        model = Consultation
        fields = ("title", "description", "plan", "document", "opens_at", "closes_at")
        widgets = {"opens_at": DATETIME, "closes_at": DATETIME}
        help_texts = {
            "title": _("The name of the draft document, as residents will look for it."),
            "description": MARKDOWN_HELP,
            "document": UPLOAD_HELP,
        }

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
