"""Forms for reporting abuse and for moderators; the services do the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..lifecycle import ModerationRule


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
