from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import User

PUBLIC_NAME = User._meta.get_field("display_name")
NAME_REQUIRED = _("Enter the name others will see, e.g. your first name and an initial.")


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "preferred_language", "text_size", "theme"]


class SignupForm(AllauthSignupForm):
    """allauth's sign-up (ACCOUNT_FORMS) asking for the public name too, checked as the model
    checks it; the adapter's `save_user` stores it."""

    display_name = PUBLIC_NAME.formfield(
        required=True,
        error_messages={"required": NAME_REQUIRED},
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    field_order = ["display_name", "email", "password1", "password2"]

    def clean_display_name(self) -> str:
        name = PUBLIC_NAME.clean(self.cleaned_data["display_name"], None)  # one line, clean
        if not name.strip():
            raise forms.ValidationError(NAME_REQUIRED, code="required")
        return name.strip()
