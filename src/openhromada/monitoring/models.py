"""Monitoring networks: civil-society networks whose monitors assess progress independently."""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from openhromada.core.fields import LineField
from openhromada.core.models import data_origin_field, public_slug_field


class MonitoringNetwork(models.Model):
    """A network of civil-society organisations spanning regions (Popolo: an Organization)."""

    slug = public_slug_field(80)
    name_uk = LineField(
        _("name (Ukrainian)"), max_length=200, help_text=_("The network's name in Ukrainian.")
    )
    name_en = LineField(
        _("name (English)"), max_length=200, help_text=_("The network's name in English.")
    )
    oblasts = models.ManyToManyField(
        "places.Oblast",
        blank=True,
        related_name="monitoring_networks",
        verbose_name=_("regions covered"),
        help_text=_("Oblasts where the network has members."),
    )
    origin = data_origin_field()

    HISTORY_FIELDS = ("slug", "name_uk", "name_en", "origin")

    class Meta:
        ordering = ["name_uk"]
        verbose_name = _("monitoring network")
        verbose_name_plural = _("monitoring networks")

    def __str__(self) -> str:
        return self.name_en if translation.get_language() == "en" else self.name_uk
