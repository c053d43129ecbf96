"""Personal API tokens: shown once, stored as a hash, scoped, revocable."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from openhromada.core.fields import LineField


class ApiToken(models.Model):
    class Scope(models.TextChoices):
        READ = "read", _("read (a higher rate limit)")
        WRITE = "write", _("read and write (your own permissions)")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,  # a token is nothing without its owner
        related_name="api_tokens",
        help_text=_("The token's owner: it acts with their permissions."),
    )
    name = LineField(_("name"), max_length=100, help_text=_("What the token is for."))
    prefix = models.CharField(
        _("starts with"), max_length=12, help_text=_("The first characters, to recognise it.")
    )
    digest = models.CharField(
        max_length=64, unique=True, help_text=_("SHA-256 of the token; the token is not kept.")
    )
    scope = models.CharField(
        _("scope"), max_length=10, choices=Scope.choices, help_text=_("What the token may do.")
    )
    created_at = models.DateTimeField(
        _("created"), auto_now_add=True, help_text=_("When the token was made.")
    )
    last_used_at = models.DateTimeField(
        _("last used"), null=True, blank=True, help_text=_("When the token was last used.")
    )
    revoked_at = models.DateTimeField(
        _("revoked"),
        null=True,
        blank=True,
        help_text=_("When the token was revoked; empty while it works."),
    )

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def active(self) -> bool:
        return self.revoked_at is None
