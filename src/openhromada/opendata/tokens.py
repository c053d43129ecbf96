"""Creating, revoking and checking personal API tokens; the API's authentication and limits."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from ninja.security import HttpBearer
from ninja.throttling import SimpleRateThrottle

from openhromada.core.ratelimit import client_address, limit_key

from .models import ApiToken

TOKEN_PREFIX = "oh_"
MAX_ACTIVE_TOKENS = 20


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def token_create(*, actor, name: str, scope: str) -> tuple[ApiToken, str]:
    """A new token for `actor`; the plain token is returned once and never stored."""
    if not actor.is_authenticated or not actor.has_perm("opendata.add_apitoken"):
        raise PermissionDenied
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Name the token, e.g. what uses it.")})
    if scope not in ApiToken.Scope.values:
        raise ValidationError({"scope": _("Choose read or read and write.")})
    if actor.api_tokens.filter(revoked_at__isnull=True).count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            ngettext(
                "You have %(n)d active token; revoke it first.",
                "You have %(n)d active tokens; revoke one first.",
                MAX_ACTIVE_TOKENS,
            )
            % {"n": MAX_ACTIVE_TOKENS}
        )
    plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=actor, name=name[:100], prefix=plain[:10], digest=_digest(plain))
    token.scope = scope
    token.full_clean()
    token.save()
    return token, plain


@transaction.atomic
def token_revoke(*, actor, token: ApiToken) -> ApiToken:
    if token.user_id != actor.pk:
        raise PermissionDenied
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_from_request(request) -> ApiToken | None:
    """The active token in `Authorization: Bearer …`, looked up once per request."""
    if not hasattr(request, "_api_token"):
        header = request.headers.get("Authorization", "")
        scheme, _sep, value = header.partition(" ")
        token = None
        if scheme.lower() == "bearer" and value.strip().startswith(TOKEN_PREFIX):
            token = (
                ApiToken.objects.select_related("user")
                .filter(digest=_digest(value.strip()), revoked_at__isnull=True)
                .first()
            )
            if token and not token.user.is_active:
                token = None
        request._api_token = token
        if token and (
            token.last_used_at is None or timezone.now() - token.last_used_at > timedelta(minutes=5)
        ):
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return request._api_token


class TokenAuth(HttpBearer):
    """Writes: a personal token with the write scope; the owner's own permissions apply."""

    def authenticate(self, request, token):
        api_token = token_from_request(request)
        if api_token is None:
            return None
        if api_token.scope != ApiToken.Scope.WRITE:
            raise PermissionDenied
        request.user = api_token.user
        return api_token


class _SettingsRateThrottle(SimpleRateThrottle):
    """Reads its rate from settings on each request, so operators (and tests) can change it."""

    setting = ""

    def __init__(self):
        super().__init__(getattr(settings, self.setting))

    def allow_request(self, request) -> bool:
        self.rate = getattr(settings, self.setting)
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_ident(self, request) -> str:
        """The platform's one client-address rule (Ninja's own would believe any
        X-Forwarded-For a client sends), IPv6 counted per /64."""
        return limit_key(client_address(request))


class AnonymousThrottle(_SettingsRateThrottle):
    """Requests without a valid token, per client address."""

    setting = "API_RATE_ANONYMOUS"

    def get_cache_key(self, request):
        if token_from_request(request) is not None:
            return None
        return f"api-throttle:anon:{self.get_ident(request)}"


class TokenThrottle(_SettingsRateThrottle):
    """Requests with a valid token, per token."""

    setting = "API_RATE_TOKEN"

    def get_cache_key(self, request):
        token = token_from_request(request)
        return f"api-throttle:token:{token.pk}" if token else None
