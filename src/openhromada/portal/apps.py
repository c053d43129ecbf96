from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The top of the house: what gathers every app — URL wiring, the API assembly, the sitemap,
    the home page, and the demo and scale commands. Nothing imports it."""

    name = "openhromada.portal"
    label = "portal"
    verbose_name = _("Portal")
