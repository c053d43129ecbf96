"""Public history: an append-only, hash-chained log of every public change."""

import hashlib
import json

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .fields import ProseField


class DataOrigin(models.TextChoices):
    """Where a record comes from, so demonstration and synthetic content is always labelled."""

    REAL = "real", _("Real data")
    DEMO = "demo", _("Demonstration data")
    SYNTHETIC = "synthetic", _("Synthetic data for benchmarks")


class HistoryAction(models.TextChoices):
    CREATE = "create", _("created")
    UPDATE = "update", _("changed")
    DELETE = "delete", _("deleted")
    WITHHOLD = "withhold", _("withheld from publication")
    RELEASE = "release", _("published again")


class AppendOnlyQuerySet(models.QuerySet):
    """Bulk updates and deletes are refused: history is never rewritten through the ORM."""

    def update(self, **kwargs):
        raise PermissionError("The public history is append-only.")

    def delete(self):
        raise PermissionError("The public history is append-only.")


class HistoryEntry(models.Model):
    """One change to one public object; `hash` covers the entry and the previous entry's hash."""

    seq = models.BigIntegerField(unique=True, help_text=_("Position in the chain, from 1."))
    created_at = models.DateTimeField(help_text=_("When the change was made."))
    actor_id = models.BigIntegerField(
        null=True,
        blank=True,
        help_text=_(
            "Internal id of the user who made the change, never published; a plain number, so "
            "deleting an account never rewrites history."
        ),
    )
    actor_label = models.CharField(
        max_length=200, help_text=_("Public display name of who made the change.")
    )
    object_type = models.CharField(
        max_length=100,
        db_index=False,
        help_text=_("Kind of the changed record, as app_label.model (e.g. plans.commitment)."),
    )
    object_id = models.CharField(max_length=64, help_text=_("Identifier of the changed record."))
    object_repr = models.CharField(max_length=300, help_text=_("The record's name at the time."))
    action = models.CharField(
        max_length=20, choices=HistoryAction.choices, help_text=_("What happened to the record.")
    )
    changes = models.JSONField(
        default=dict,
        help_text=_(
            "Field diff: {field: [old, new]}; withheld values null. A value that refers to "
            "another record is {type, id, title} while that record is public, else null."
        ),
    )
    prev_hash = models.CharField(
        max_length=64, help_text=_("Hash of the previous entry (64 zeros before the first).")
    )
    hash = models.CharField(
        max_length=64, unique=True, help_text=_("SHA-256 of this entry and the previous hash.")
    )
    # Outside the hash: where the object lives (e.g. its action plan), so public lists can leave
    # out everything inside a draft with one indexed lookup. Derived data, never evidence.
    container_type = models.CharField(
        max_length=100,
        blank=True,
        default="",
        help_text=_(
            "Kind of the record the changed one belongs to (e.g. its action plan), as "
            "app_label.model; not part of the hash."
        ),
    )
    container_id = models.BigIntegerField(
        null=True,
        blank=True,
        help_text=_("Identifier of the record the changed one belongs to; not part of the hash."),
    )

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-seq"]
        indexes = [
            models.Index(fields=["object_type", "object_id", "-seq"]),
            models.Index(fields=["created_at"], name="history_created"),  # open data: since
            models.Index(fields=["container_type", "container_id"], name="history_container"),
        ]
        verbose_name = _("history entry")
        verbose_name_plural = _("public history")

    def __str__(self) -> str:
        return f"#{self.seq} {self.object_repr} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("The public history is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The public history is append-only.")

    def compute_hash(self) -> str:
        return entry_hash(self)


def entry_hash(entry: HistoryEntry) -> str:
    """SHA-256 over a canonical JSON of the entry's content and the previous hash."""
    payload = {
        "seq": entry.seq,
        "created_at": entry.created_at.isoformat(timespec="microseconds"),
        "actor_id": entry.actor_id,
        "actor_label": entry.actor_label,
        "object_type": entry.object_type,
        "object_id": str(entry.object_id),
        "object_repr": entry.object_repr,
        "action": entry.action,
        "changes": entry.changes,
        "prev_hash": entry.prev_hash,
    }
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class HistoryHead(models.Model):
    """The single row holding the chain's tip; locked by every writer so the chain stays linear."""

    id = models.PositiveSmallIntegerField(
        primary_key=True, default=1, help_text=_("Always 1: the chain has one head.")
    )
    last_seq = models.BigIntegerField(
        default=0, help_text=_("Position of the last entry in the chain; 0 before the first.")
    )
    last_hash = models.CharField(
        max_length=64,
        default="0" * 64,
        help_text=_("Hash of the last entry in the chain; 64 zeros before the first."),
    )

    class Meta:
        verbose_name = _("history chain head")

    def __str__(self) -> str:
        return f"#{self.last_seq} {self.last_hash[:12]}"


class ProfilePreferences(models.Model):
    """Abstract: the accessibility preferences a user keeps in their profile."""

    class TextSize(models.TextChoices):
        SMALL = "small", _("Smaller text")
        NORMAL = "normal", _("Normal text")
        LARGE = "large", _("Larger text")
        XLARGE = "xlarge", _("Largest text")

    class Theme(models.TextChoices):
        DEFAULT = "default", _("Default")
        CONTRAST = "contrast", _("High contrast")
        DARK = "dark", _("Dark")
        SEPIA = "sepia", _("Warm (sepia)")

    text_size = models.CharField(
        _("text size"),
        max_length=10,
        choices=TextSize.choices,
        default=TextSize.NORMAL,
        help_text=_("How large the text on the pages is for you."),
    )
    theme = models.CharField(
        _("colour theme"),
        max_length=10,
        choices=Theme.choices,
        default=Theme.DEFAULT,
        help_text=_("The colours of the pages for you."),
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=5,
        choices=settings.LANGUAGES,
        default="uk",
        help_text=_("The language of the pages and of the e-mails you receive."),
    )

    class Meta:
        abstract = True


def public_slug_field(max_length: int = 80) -> models.SlugField:
    """The stable public identifier of a record, used in its addresses and in open data."""
    return models.SlugField(
        _("slug"),
        max_length=max_length,
        unique=True,
        help_text=_("Stable public identifier used in addresses."),
    )


def data_origin_field(verbose_name=None, **kwargs) -> models.CharField:
    """Real, demonstration or synthetic: demo and synthetic records are labelled wherever shown."""
    kwargs.setdefault(
        "help_text",
        _("Where the record comes from; demonstration and synthetic data are labelled as such."),
    )
    return models.CharField(
        verbose_name or _("origin"),
        max_length=10,
        choices=DataOrigin.choices,
        default=DataOrigin.REAL,
        **kwargs,
    )


class Withholding(models.Model):
    """An operator's decision to keep a record, or one field of it, out of every public output.

    The withheld content stays in the database (history is never rewritten); pages, the API,
    exports, feeds and the catalogue leave it out while the withholding is active.
    """

    object_type = models.CharField(
        max_length=100, help_text=_("Kind of the withheld record, as app_label.model.")
    )
    object_id = models.CharField(max_length=64, help_text=_("Identifier of the withheld record."))
    field = models.CharField(
        _("field"),
        max_length=100,
        blank=True,
        help_text=_("The withheld field; empty when the whole record is withheld."),
    )
    reason = ProseField(
        _("reason"), help_text=_("Why it is withheld; shown publicly in the history.")
    )
    created_at = models.DateTimeField(
        _("withheld at"), auto_now_add=True, help_text=_("When it was withheld.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,  # the decision outlives the operator's account
        null=True,
        related_name="+",
        help_text=_("The operator who withheld it."),
    )
    released_at = models.DateTimeField(
        _("published again at"),
        null=True,
        blank=True,
        help_text=_("When it was published again; empty while it is withheld."),
    )
    release_reason = ProseField(
        _("reason for publishing again"),
        blank=True,
        help_text=_("Why it was published again; shown publicly in the history."),
    )

    class Meta:
        verbose_name = _("withholding")
        verbose_name_plural = _("withholdings")
        indexes = [models.Index(fields=["released_at", "object_type"])]
        constraints = [
            models.UniqueConstraint(
                fields=["object_type", "object_id", "field"],
                condition=models.Q(released_at__isnull=True),
                name="one_active_withholding",
            )
        ]

    def __str__(self) -> str:
        return f"{self.object_type}#{self.object_id} {self.field or '*'}"
