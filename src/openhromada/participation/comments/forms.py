"""The comment form, for a proposal's thread and a consultation section's alike."""

from django import forms
from django.utils.translation import gettext_lazy as _

from openhromada.core.forms import MARKDOWN_HELP

from ..models import Comment


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"),
        max_length=Comment._meta.get_field("text").max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=MARKDOWN_HELP,
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
