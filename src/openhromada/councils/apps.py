from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilsConfig(AppConfig):
    name = "openhromada.councils"
    label = "councils"
    verbose_name = _("Coordination councils")

    def ready(self):
        # Imported here, not at the top: these modules read models and other apps' registries,
        # which Django makes ready only after every app is loaded (the layers' one exception).
        from openhromada.opendata.base import register as register_datasets

        from .datasets import COUNCILS, DECISIONS, MEETINGS, MEMBERSHIPS, VOTES

        register_datasets(COUNCILS, MEMBERSHIPS, MEETINGS, DECISIONS, VOTES)
        from openhromada.core import sections

        from .sections import commitment_decisions, hromada_council, plan_decisions

        sections.register("hromada", hromada_council)
        sections.register("plan", plan_decisions)
        sections.register("commitment", commitment_decisions)
        from openhromada.notifications.selectors import register_page

        from .selectors import council_page

        register_page("councils.council", council_page, ("hromada",))
