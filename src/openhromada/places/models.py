"""Oblasts, raions and hromadas from the official codifier (КАТОТТГ)."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from openhromada.core.field_docs import UPDATED
from openhromada.core.fields import LineField, LinkField
from openhromada.core.models import data_origin_field, public_slug_field
from openhromada.core.records import PublicRecord
from openhromada.core.text import collation_key, fold

katottg_validator = RegexValidator(
    r"^UA\d{17}$", _("A КАТОТТГ code is “UA” followed by 17 digits, e.g. UA68040470000017208.")
)


def katottg_field(**kwargs) -> models.CharField:
    return models.CharField(
        _("КАТОТТГ code"),
        max_length=19,
        unique=True,
        validators=[katottg_validator],
        help_text=_("Code in the Codifier of administrative-territorial units (UA + 17 digits)."),
        **kwargs,
    )


class BilingualName(models.Model):
    """Ukrainian name as in the codifier, English by the national transliteration."""

    name_uk = LineField(
        _("name (Ukrainian)"), max_length=200, help_text=_("Name in Ukrainian, as in the codifier.")
    )
    name_en = LineField(
        _("name (English)"),
        max_length=200,
        help_text=_("Name in English (national transliteration)."),
    )
    sort_key = models.CharField(
        max_length=200,
        db_index=True,
        editable=False,
        default="",
        help_text=_("Sorts by the Ukrainian alphabet on any database."),
    )
    updated_at = models.DateTimeField(
        _("updated at"),
        default=timezone.now,
        db_index=True,
        editable=False,
        help_text=UPDATED,
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.refresh_derived()
        super().save(*args, **kwargs)

    def refresh_derived(self) -> None:
        """Recompute fields derived from the names (called on every save and bulk write)."""
        self.sort_key = collation_key(self.name_uk)[:200]
        self.updated_at = timezone.now()

    @property
    def name(self) -> str:
        return self.name_en if translation.get_language() == "en" else self.name_uk


class Oblast(BilingualName):
    """A top-level region: 24 oblasts, Crimea (ARC) and the two cities with special status."""

    class Kind(models.TextChoices):
        OBLAST = "oblast", _("oblast")
        AUTONOMOUS_REPUBLIC = "arc", _("autonomous republic")
        SPECIAL_CITY = "city", _("city with special status")

    code = katottg_field()
    slug = public_slug_field(60)
    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind.choices, help_text=_("Kind of region.")
    )
    temporarily_occupied = models.BooleanField(
        _("temporarily occupied"),
        default=False,
        help_text=_("Temporarily occupied as a whole (Crimea, Sevastopol)."),
    )
    HISTORY_FIELDS = ("code", "name_uk", "name_en", "kind", "temporarily_occupied")

    class Meta:
        ordering = ["sort_key"]
        verbose_name = _("oblast")
        verbose_name_plural = _("oblasts")


class Raion(BilingualName):
    """A raion (district) within an oblast, as the codifier lists it."""

    code = katottg_field()
    oblast = models.ForeignKey(
        Oblast,
        on_delete=models.PROTECT,
        related_name="raions",
        verbose_name=_("oblast"),  # PROTECT: codifier entries are updated, never cascaded away
        help_text=_("The oblast the raion is in."),
    )

    class Meta:
        ordering = ["sort_key"]
        verbose_name = _("raion")
        verbose_name_plural = _("raions")

    HISTORY_FIELDS = ("code", "name_uk", "name_en", "oblast")


class HromadaQuerySet(models.QuerySet):
    def members(self):
        return self.filter(ogp_member_since__isnull=False)

    def for_directory(self):
        """Plain rows for lists: dicts are several times cheaper to build than model instances."""
        return self.values(*DIRECTORY_FIELDS)


DIRECTORY_FIELDS = (
    "slug",
    "name_uk",
    "name_en",
    "kind",
    "ogp_member_since",
    "ogp_member_until",
    "membership_origin",
    "temporarily_occupied",
    "oblast__name_uk",
    "oblast__name_en",
)


class Hromada(BilingualName):
    """A territorial community (or Kyiv/Sevastopol, which take part like one)."""

    class Kind(models.TextChoices):
        URBAN = "urban", _("urban")
        SETTLEMENT = "settlement", _("settlement")
        RURAL = "rural", _("rural")

    class Category(models.TextChoices):
        HROMADA = "H", _("territorial community")
        SPECIAL_CITY = "K", _("city with special status")

    code = katottg_field()
    slug = public_slug_field(80)
    category = models.CharField(
        _("codifier category"),
        max_length=1,
        choices=Category.choices,
        default=Category.HROMADA,
        help_text=_("Category in the codifier."),
    )
    oblast = models.ForeignKey(
        Oblast,
        on_delete=models.PROTECT,
        related_name="hromadas",
        verbose_name=_("oblast"),
        help_text=_("The oblast the hromada is in."),
        # PROTECT: removing an oblast must never silently remove hromadas and their records
    )
    raion = models.ForeignKey(
        Raion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hromadas",
        verbose_name=_("raion"),
        help_text=_("The raion the hromada is in; empty for Kyiv and Sevastopol."),
    )
    kind = models.CharField(
        _("kind"),
        max_length=12,
        choices=Kind.choices,
        db_index=True,
        help_text=_(
            "Kind of hromada, from the category of its administrative centre: city → urban, "
            "urban-type settlement or settlement → settlement, village → rural."
        ),
    )
    centre_name_uk = LineField(
        _("administrative centre (Ukrainian)"),
        max_length=200,
        blank=True,
        help_text=_("Administrative centre, in Ukrainian."),
    )
    centre_name_en = LineField(
        _("administrative centre (English)"),
        max_length=200,
        blank=True,
        help_text=_("Administrative centre, in English."),
    )
    centre_code = models.CharField(
        _("КАТОТТГ code of the centre"),
        max_length=19,
        blank=True,
        help_text=_("КАТОТТГ code of the administrative centre."),
    )
    population = models.PositiveIntegerField(
        _("population"),
        null=True,
        blank=True,
        help_text=_("Official population figure; empty unless one is loaded, never estimated."),
    )
    population_source = LineField(
        _("population source"),
        max_length=300,
        blank=True,
        help_text=_("Where the population figure comes from."),
    )
    temporarily_occupied = models.BooleanField(
        _("temporarily occupied territory"),
        default=False,
        db_index=True,
        help_text=_("In temporarily occupied territory."),
    )
    website = LinkField(_("official website"), blank=True, help_text=_("Official website."))
    ogp_member_since = models.DateField(
        _("OGP Local member since"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("When the hromada joined OGP Local; empty if it never has."),
    )
    ogp_member_until = models.DateField(
        _("OGP Local member until"),
        null=True,
        blank=True,
        help_text=_("When the hromada left OGP Local; empty while it is a member."),
    )
    membership_origin = data_origin_field(
        _("origin of membership data"),
        help_text=_(
            "Where the membership data comes from; demonstration membership is labelled as "
            "such on every page."
        ),
    )
    search_text = models.CharField(
        max_length=600,
        editable=False,
        default="",
        help_text=_("Case-folded names in both languages, for search."),
    )
    objects = HromadaQuerySet.as_manager()

    class Meta:
        ordering = ["sort_key"]
        verbose_name = _("hromada")
        verbose_name_plural = _("hromadas")
        indexes = [
            # Each index serves a directory filter or sort order (Ukrainian, English).
            models.Index(fields=["sort_key", "code"]),
            models.Index(fields=["name_en", "code"]),
            models.Index(fields=["oblast", "sort_key"]),
            models.Index(fields=["kind", "sort_key"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ogp_member_until__isnull=True)
                | models.Q(
                    ogp_member_since__isnull=False,
                    ogp_member_until__gte=models.F("ogp_member_since"),
                ),
                name="hromada_membership_dates_ordered",
                violation_error_message=_("Membership cannot end before it starts."),
            ),
        ]

    # Fields whose changes go to the public history.
    HISTORY_FIELDS = (
        "code",
        "name_uk",
        "name_en",
        "category",
        "oblast",
        "raion",
        "kind",
        "centre_name_uk",
        "centre_name_en",
        "population",
        "population_source",
        "temporarily_occupied",
        "website",
        "ogp_member_since",
        "ogp_member_until",
        "membership_origin",
    )
    # Codifier records stay public; an operator can withhold a hromada's contact details.
    RECORD = PublicRecord(hromada="pk", withholdable=("website", "population"))

    def refresh_derived(self) -> None:
        """Recompute the search text and the Ukrainian sort key from the names."""
        self.search_text = fold(
            " ".join(
                [self.name_uk, self.name_en, self.centre_name_uk, self.centre_name_en, self.code]
            )
        )[:600]
        super().refresh_derived()

    @property
    def full_name(self) -> str:
        """The official long form: «Хмельницька міська територіальна громада»."""
        en = translation.get_language() == "en"
        if self.category == self.Category.SPECIAL_CITY:
            return self.name
        if en:
            return f"{self.name_en} {self.get_kind_display()} hromada"
        adjective = {"urban": "міська", "settlement": "селищна", "rural": "сільська"}[self.kind]
        return f"{self.name_uk} {adjective} територіальна громада"

    @property
    def centre_name(self) -> str:
        return self.centre_name_en if translation.get_language() == "en" else self.centre_name_uk

    @property
    def is_ogp_member(self) -> bool:
        return self.ogp_member_since is not None and self.ogp_member_until is None

    def clean(self):
        super().clean()
        if self.ogp_member_until and not self.ogp_member_since:
            raise ValidationError({"ogp_member_since": _("Give the date membership started.")})
        if (
            self.ogp_member_until
            and self.ogp_member_since
            and self.ogp_member_until < self.ogp_member_since
        ):
            raise ValidationError(
                {"ogp_member_until": _("Membership cannot end before it starts.")}
            )
