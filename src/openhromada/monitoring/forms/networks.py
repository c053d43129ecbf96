"""Forms for running a network, applying to join it, conflicts of interest and assignments; the
services (monitoring.services.networks) do the rules."""

from itertools import groupby

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from openhromada.core.forms import DATE, MARKDOWN_HELP
from openhromada.places.models import Hromada, Oblast
from openhromada.plans.models import ActionPlan

from ..models import MemberApplication, MemberOrganisation, MonitoringNetwork
from ..rules import ASSESSABLE_PLAN_STATES


def _name(row: dict, prefix: str = "") -> str:
    english = translation.get_language() == "en"
    return (
        row[f"{prefix}name_en"] if english and row[f"{prefix}name_en"] else row[f"{prefix}name_uk"]
    )


class NetworkForm(forms.ModelForm):
    class Meta:
        model = MonitoringNetwork
        fields = ("name_uk", "name_en", "description", "oblasts", "accepts_applications")
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "oblasts": forms.CheckboxSelectMultiple,
        }
        help_texts = {"description": MARKDOWN_HELP}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["oblasts"].queryset = Oblast.objects.order_by("sort_key")


class MemberForm(forms.ModelForm):
    class Meta:
        model = MemberOrganisation
        fields = ("name", "edrpou", "oblast", "website", "email", "phone", "joined_on")
        widgets = {
            "joined_on": DATE,
            "edrpou": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["oblast"].queryset = Oblast.objects.order_by("sort_key")


class MemberEndForm(forms.Form):
    left_on = forms.DateField(
        label=_("Left on"),
        widget=DATE,
        help_text=_("The last day of the membership; today or earlier."),
    )


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = MemberApplication
        fields = ("name", "edrpou", "oblast", "website", "email", "phone", "motivation")
        widgets = {
            "motivation": forms.Textarea(attrs={"rows": 6}),
            "edrpou": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        }
        help_texts = {
            "email": _(
                "The organisation's public address: it is shown on the network's page if the "
                "organisation is admitted."
            ),
            "phone": _("Shown on the network's page if the organisation is admitted."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["oblast"].queryset = Oblast.objects.order_by("sort_key")


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=3000, widget=forms.Textarea
    )


def hromada_choices() -> list:
    """Every hromada, grouped by oblast (one query)."""
    rows = Hromada.objects.order_by("oblast__sort_key", "name_uk").values(
        "pk", "name_uk", "name_en", "oblast__name_uk", "oblast__name_en"
    )
    return [("", "—")] + [
        (oblast, [(str(r["pk"]), _name(r)) for r in group])
        for oblast, group in groupby(rows, key=lambda r: _name(r, "oblast__"))
    ]


class ConflictForm(forms.Form):
    monitor = forms.ModelChoiceField(label=_("Monitor"), queryset=None)
    hromada = forms.TypedChoiceField(label=_("Hromada"), coerce=int)
    description = forms.CharField(
        label=_("Nature of the conflict"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("E.g. employed by the city council; a relative is the deputy mayor."),
    )

    def __init__(self, *args, monitors=None, **kwargs):
        super().__init__(*args, **kwargs)
        if monitors is None:  # a monitor declares their own
            del self.fields["monitor"]
        else:
            self.fields["monitor"].queryset = monitors
            self.fields["monitor"].label_from_instance = lambda u: u.public_name
        self.fields["hromada"].choices = hromada_choices()

    def clean_hromada(self):
        hromada = Hromada.objects.filter(pk=self.cleaned_data["hromada"]).first()
        if hromada is None:
            raise forms.ValidationError(_("Choose a hromada."))
        return hromada


def plan_choices(oblast: Oblast | None) -> list:
    """The plans a monitor may be assigned to (public, submitted or later), grouped by hromada."""
    plans = ActionPlan.objects.filter(status__in=ASSESSABLE_PLAN_STATES)
    if oblast is not None:
        plans = plans.filter(hromada__oblast=oblast)
    rows = plans.order_by("hromada__oblast__sort_key", "hromada__name_uk", "-start_date").values(
        "pk",
        "title",
        "start_date",
        "end_date",
        "hromada_id",
        "hromada__name_uk",
        "hromada__name_en",
    )
    choices: list = [("", "—")]
    for _pk, items in groupby(rows, key=lambda r: r["hromada_id"]):
        group = list(items)
        plans_of = [
            (str(r["pk"]), f"{r['title']} ({r['start_date'].year}–{r['end_date'].year})")
            for r in group
        ]
        choices.append((_name(group[0], "hromada__"), plans_of))
    return choices


class AssignmentForm(forms.Form):
    monitor = forms.ModelChoiceField(label=_("Monitor"), queryset=None)
    plan = forms.TypedChoiceField(label=_("Action plan"), coerce=int)
    declaration = forms.CharField(
        label=_("Declaration of no conflict"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "What the monitor declared about their independence from the hromada; it is public."
        ),
    )

    def __init__(self, *args, monitors=None, oblast=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["monitor"].queryset = monitors
        self.fields["monitor"].label_from_instance = lambda u: u.public_name
        self.fields["plan"].choices = plan_choices(oblast)

    def clean_plan(self):
        plan = ActionPlan.objects.select_related("hromada").filter(pk=self.cleaned_data["plan"])
        if not plan:
            raise forms.ValidationError(_("Choose an action plan."))
        return plan[0]
