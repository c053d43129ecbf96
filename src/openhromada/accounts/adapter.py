"""allauth adapter: accounts keep their language; the platform's client address; failed sign-ins
counted so that guessing from one address cannot lock an account's owner out.

The sign-in limits override allauth 65.x's own (pinned in pyproject.toml) where it counts
failures: its `login_failed` rate "10/m/ip,5/5m/key" counts the `key` part per e-mail from any
address, so five wrong passwords from anywhere locked the owner out everywhere. Here the key is
the account *and* the address, the per-address part stays, and a generous ceiling per account
("login_failed_account") bounds a guess spread over many addresses.
"""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.core.internal import ratelimit
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import get_random_string, salted_hmac
from django.utils.translation import gettext, gettext_lazy

from openhromada.core.ratelimit import client_address

from .models import User

ACCOUNT_CEILING = "login_failed_account"
# A signed cookie naming (by an HMAC) the accounts this browser has signed in to.
KNOWN_DEVICE_COOKIE = "oh_known"
KNOWN_DEVICE_AGE = 365 * 24 * 3600
KNOWN_DEVICE_ACCOUNTS = 5


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        # the throttle counts this address (or this account from it): say what to do now
        "too_many_login_attempts": gettext_lazy(
            "Too many wrong passwords from here. Try again in a few minutes, or reset your "
            "password if you have forgotten it."
        ),
    }

    def save_user(self, request, user, form, commit=True):
        language = translation.get_language() or settings.LANGUAGE_CODE
        if language in dict(settings.LANGUAGES):
            user.preferred_language = language
        user.display_name = form.cleaned_data.get("display_name", user.display_name)
        return super().save_user(request, user, form, commit=commit)

    def send_mail(self, template_prefix, email, context):
        """Write to a user in the language they chose (also when the mail only says that the
        address already has an account)."""
        user = context.get("user") or User.objects.filter(email__iexact=email).first()
        language = getattr(user, "preferred_language", None) or translation.get_language()
        with translation.override(language):
            # where a mail about a change to the account sends someone who did not make it
            # (on the address the request came to, as allauth's own links in the mail)
            path = reverse("account_reset_password")
            request = allauth_context.request
            site = settings.SITE_URL.rstrip("/")
            context.setdefault(
                "password_reset_url", request.build_absolute_uri(path) if request else site + path
            )
            super().send_mail(template_prefix, email, context)

    def get_http_user_agent(self, request) -> str:
        """The browser named in a mail about a change to the account; allauth's fallback is
        English ("Unspecified") in every language."""
        return request.META.get("HTTP_USER_AGENT") or gettext("not given")

    def format_email_subject(self, subject) -> str:
        """A subject starts with the platform's name in the reader's language («[Відкрита
        громада] …»), never the host's (allauth names a site without the sites framework by its
        domain)."""
        return f"[{gettext('Open Hromada')}] {subject}"

    def send_account_already_exists_mail(self, email):
        """Signing up with a known address makes no account, but hashes a throwaway password as
        making one would: the answer must not come measurably sooner for a known address."""
        make_password(get_random_string(32))
        super().send_account_already_exists_mail(email)

    def get_client_ip(self, request):
        """The platform's one client-address rule (TRUSTED_PROXY_HEADER), as the API's and the
        contributions' limits use."""
        return client_address(request) or super().get_client_ip(request)

    def _account_key(self, request, **credentials) -> str:
        return super()._get_login_attempts_cache_key(request, **credentials)

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        """What `login_failed`'s `key` rate counts: this account from this address."""
        return f"{self._account_key(request, **credentials)}:{ratelimit.get_ip(request)}"

    def _device_mark(self, email: str) -> str:
        return salted_hmac(KNOWN_DEVICE_COOKIE, email.strip().lower()).hexdigest()[:20]

    def _known_device(self, request, email: str) -> bool:
        """Has this browser signed in to this account before (OWASP's device cookies)?"""
        marks = request.get_signed_cookie(
            KNOWN_DEVICE_COOKIE, default="", salt=KNOWN_DEVICE_COOKIE, max_age=KNOWN_DEVICE_AGE
        )
        return bool(email) and self._device_mark(email) in marks.split(",")

    def post_login(self, request, user, **kwargs):
        """Remember this browser for the account, so a flood of guesses from elsewhere never
        locks its owner out of a browser they have used before."""
        response = super().post_login(request, user, **kwargs)
        marks = request.get_signed_cookie(
            KNOWN_DEVICE_COOKIE, default="", salt=KNOWN_DEVICE_COOKIE, max_age=KNOWN_DEVICE_AGE
        ).split(",")
        mark = self._device_mark(user.email)
        others = [m for m in marks if m and m != mark][-(KNOWN_DEVICE_ACCOUNTS - 1) :]
        marks = [*others, mark]
        response.set_signed_cookie(
            KNOWN_DEVICE_COOKIE,
            ",".join(marks),
            salt=KNOWN_DEVICE_COOKIE,
            max_age=KNOWN_DEVICE_AGE,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
        return response

    def pre_authenticate(self, request, **credentials):
        """allauth's limits (per address; per account and address), then the ceiling per
        account from any address — except in a browser that has signed in to the account
        before; a successful sign-in takes its attempt back from all."""
        super().pre_authenticate(request, **credentials)
        if self._known_device(request, credentials.get("email") or ""):
            return
        ceiling = ratelimit.consume(
            request,
            app="allauth.account",
            action=ACCOUNT_CEILING,
            key=self._account_key(request, **credentials),
        )
        if not ceiling:
            raise self.validation_error("too_many_login_attempts")
        self._login_failed_rl_usage.usage.extend(ceiling.usage)

    def _delete_login_attempts_cached_email(self, request, **credentials):
        """After a password reset (only the address's owner can do one) counts start afresh."""
        super()._delete_login_attempts_cached_email(request, **credentials)
        ratelimit.clear(
            request,
            app="allauth.account",
            action=ACCOUNT_CEILING,
            key=self._account_key(request, **credentials),
        )
