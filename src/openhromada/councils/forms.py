"""Forms for the council's secretary, co-chairs and officials; the services do the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from openhromada.core.forms import DATE, DATETIME, MARKDOWN_HELP, UPLOAD_HELP

from .lifecycle import Result, Topic, VoteOption
from .models import AgendaItem, Council, Meeting, Membership


class CouncilForm(forms.ModelForm):
    class Meta:
        model = Council
        fields = (
            "name",
            "founding_decision_number",
            "founding_decision_date",
            "founding_document",
            "rules_text",
            "rules_file",
            "term_start",
            "term_end",
            "quorum_percent",
            "notice_days",
            "minutes_due_days",
        )
        widgets = {"founding_decision_date": DATE, "term_start": DATE, "term_end": DATE}
        help_texts = {
            "name": _("As in the decision that set the council up."),
            "founding_decision_number": _("As printed on the decision, e.g. 12/45."),
            "founding_decision_date": _("The day it was adopted, as printed on it."),
            "term_start": _("The first day of the council's term, from the founding decision."),
            "founding_document": UPLOAD_HELP,
            "rules_file": UPLOAD_HELP,
            "rules_text": MARKDOWN_HELP,
        }


class MembershipForm(forms.ModelForm):
    name = forms.CharField(label=_("Full name"), max_length=200)
    bio = forms.CharField(
        label=_("Public profile"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A line about the person; never an e-mail address or phone number."),
    )

    class Meta:
        model = Membership
        fields = ("on_behalf_of", "sector", "post", "start_date", "end_date", "elected_by")
        widgets = {"start_date": DATE, "end_date": DATE}

    def __init__(self, *args, elections=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["elected_by"].queryset = elections
        self.fields["elected_by"].label_from_instance = lambda m: (
            f"{m.decided_on:%d.%m.%Y} — {m.text[:100]}"
        )
        if self.instance.pk:
            self.fields["name"].initial = self.instance.person.name
            self.fields["bio"].initial = self.instance.person.bio


class AccountLinkForm(forms.Form):
    account_email = forms.EmailField(
        label=_("E-mail of the member's platform account"),
        required=False,
        help_text=_(
            "Private. The account gets the rights of the member's post (secretary and co-chairs "
            "edit the council's records; members see draft agendas). Leave empty to unlink."
        ),
    )


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ("starts_at", "place", "online_url")
        widgets = {"starts_at": DATETIME}
        help_texts = {
            "starts_at": _("Kyiv time."),
            "online_url": _(
                "A link residents can follow to watch or join; leave it empty if the meeting is "
                "in person only."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starts_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ("title", "description", "document", "discussion")
        help_texts = {
            "document": UPLOAD_HELP,
            "description": MARKDOWN_HELP,
            "discussion": MARKDOWN_HELP,
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "discussion": forms.Textarea(attrs={"rows": 4}),
        }


class MinutesForm(forms.Form):
    minutes_text = forms.CharField(
        label=_("Minutes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=MARKDOWN_HELP,
    )
    minutes_file = forms.FileField(label=_("Minutes (file)"), required=False, help_text=UPLOAD_HELP)


class MotionForm(forms.Form):
    """A motion with its result, and the vote either per member or as counts."""

    text = forms.CharField(label=_("Motion"), widget=forms.Textarea(attrs={"rows": 3}))
    topic = forms.ChoiceField(label=_("Topic"), choices=Topic.choices, initial=Topic.OTHER)
    result = forms.ChoiceField(label=_("Result"), choices=Result.choices)
    plan = forms.ModelChoiceField(label=_("Action plan concerned"), queryset=None, required=False)
    commitments = forms.ModelMultipleChoiceField(
        label=_("Commitments concerned"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    mode = forms.ChoiceField(
        label=_("How the vote is recorded"),
        choices=[("members", _("per member")), ("counts", _("as counts"))],
        initial="members",
        widget=forms.RadioSelect,
    )
    yes_count = forms.IntegerField(label=_("Yes"), min_value=0, max_value=1000, required=False)
    no_count = forms.IntegerField(label=_("No"), min_value=0, max_value=1000, required=False)
    abstain_count = forms.IntegerField(
        label=_("Abstain"), min_value=0, max_value=1000, required=False
    )
    not_voting_count = forms.IntegerField(
        label=_("Not voting"), min_value=0, max_value=1000, required=False
    )
    absent_count = forms.IntegerField(
        label=_("Absent"), min_value=0, max_value=1000, required=False
    )

    def __init__(self, *args, members=(), present=None, plans=None, commitments=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans
        self.fields["commitments"].queryset = commitments
        self.fields["commitments"].label_from_instance = lambda c: (
            f"{c.plan.period} · {c.number}. {c.title}"
        )
        self.member_fields = []
        for member in members:
            name = f"vote_{member.pk}"
            was_present = present is None or member.pk in present
            self.fields[name] = forms.ChoiceField(
                label=member.person.name,
                required=False,
                choices=[("", "—"), *[(o.value, o.label) for o in VoteOption]],
                initial="" if was_present else VoteOption.ABSENT,
            )
            self.member_fields.append(name)

    def votes(self) -> dict[int, str] | None:
        if self.cleaned_data.get("mode") != "members":
            return None
        return {
            int(name.removeprefix("vote_")): self.cleaned_data[name]
            for name in self.member_fields
            if self.cleaned_data.get(name)
        }

    def counts(self) -> dict[str, int]:
        return {
            VoteOption.YES: self.cleaned_data.get("yes_count") or 0,
            VoteOption.NO: self.cleaned_data.get("no_count") or 0,
            VoteOption.ABSTAIN: self.cleaned_data.get("abstain_count") or 0,
            VoteOption.NOT_VOTING: self.cleaned_data.get("not_voting_count") or 0,
            VoteOption.ABSENT: self.cleaned_data.get("absent_count") or 0,
        }
