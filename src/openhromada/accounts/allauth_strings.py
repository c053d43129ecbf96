"""allauth strings whose Ukrainian translation we improve: listed here so makemessages keeps them
in our catalogue, which Django reads before allauth's own (LOCALE_PATHS come first)."""

from django.utils.translation import gettext_noop

OVERRIDDEN = [
    gettext_noop("Email"),
    gettext_noop("Email address"),
    gettext_noop("Remember Me"),
    gettext_noop("Sign Up"),
    # subjects of the mails that answer a sign-up or reset for a known or unknown address
    gettext_noop("Account Already Exists"),
    gettext_noop("Unknown Account"),
]
