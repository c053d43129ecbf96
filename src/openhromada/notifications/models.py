"""Follows (a user watching a public object) and the notifications they receive."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from openhromada.core.fields import LineField, ProseField


class Follow(models.Model):
    """A user follows a public object (an action plan, a commitment, …)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="follows",
        verbose_name=_("user"),
        help_text=_("Who follows; private to them."),
    )  # private to them
    content_type = models.ForeignKey(
        ContentType,
        on_delete=models.CASCADE,
        verbose_name=_("type"),
        help_text=_("Kind of the record followed."),
    )  # a removed type ends its follows
    object_id = models.PositiveBigIntegerField(
        _("object"), help_text=_("Identifier of the record followed.")
    )
    created_at = models.DateTimeField(
        auto_now_add=True, help_text=_("When they started following.")
    )

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "content_type", "object_id"], name="follow_once"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.content_type_id}:{self.object_id}"


class Notification(models.Model):
    """Something a user should know about, shown in the platform and sent by e-mail."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("user"),
        help_text=_("Who it is for; private to them."),
    )  # private to them
    title = LineField(_("title"), max_length=300, help_text=_("What happened, in one line."))
    body = ProseField(_("text"), blank=True, help_text=_("More about it, if there is more."))
    url = models.CharField(
        _("address"), max_length=500, help_text=_("The page it is about, on the platform.")
    )
    created_at = models.DateTimeField(
        _("date"), auto_now_add=True, help_text=_("When the notification was made.")
    )
    read_at = models.DateTimeField(
        _("read"), null=True, blank=True, help_text=_("When it was read; empty while unread.")
    )
    emailed_at = models.DateTimeField(
        _("e-mailed"),
        null=True,
        blank=True,
        help_text=_("When it was sent by e-mail; empty if it was not."),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["user", "read_at", "-created_at"])]

    def __str__(self) -> str:
        return self.title
