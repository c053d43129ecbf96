"""Forms of monitoring reports: the monitor's summary, recommendations and days for the reply;
the hromada's reply to a finding or to the whole report."""

from django import forms
from django.utils.translation import gettext_lazy as _

from openhromada.core.forms import MARKDOWN_HELP

from ..lifecycle import REPLY_DAYS_RANGE, ReportKind
from ..models import Reply, Report


class ReportForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = ("summary", "recommendations", "reply_days")
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 8}),
            "recommendations": forms.Textarea(attrs={"rows": 8}),
        }
        help_texts = {
            "summary": MARKDOWN_HELP,
            "recommendations": MARKDOWN_HELP,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        low, high = REPLY_DAYS_RANGE
        self.fields["reply_days"].widget.attrs.update({"min": low, "max": high})
        self.fields["reply_days"].help_text = _(
            "How many days the hromada has to reply once the report is sent to it "
            "(from %(low)d to %(high)d)."
        ) % {"low": low, "high": high}


class ReplyForm(forms.ModelForm):
    class Meta:
        model = Reply
        fields = ("text",)
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}


class CompileForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=ReportKind.choices)
