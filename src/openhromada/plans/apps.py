from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "openhromada.plans"
    label = "plans"
    verbose_name = _("Action plans")

    def ready(self):
        from openhromada.core import sections

        from .sections import hromada_plans

        sections.register("hromada", hromada_plans)
