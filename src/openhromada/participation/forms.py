"""What the sub-domains' forms share: a list typed one item per line, and the early close of a
call or a consultation."""

from django import forms
from django.utils.translation import gettext_lazy as _


def lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class CloseForm(forms.Form):
    closed_reason = forms.CharField(
        label=_("Why it closes early"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
