from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "openhromada.plans"
    label = "plans"
    verbose_name = _("Action plans")

    def ready(self):
        # Imported here, not at the top: these modules read models and other apps' registries,
        # which Django makes ready only after every app is loaded (the layers' one exception).
        from openhromada.opendata.base import register as register_datasets

        from .datasets import COMMITMENTS, MILESTONES, PLANS, PROGRESS_UPDATES

        register_datasets(PLANS, COMMITMENTS, MILESTONES, PROGRESS_UPDATES)
        from openhromada.core import sections

        from .sections import hromada_plans

        sections.register("hromada", hromada_plans)
        from openhromada.core.history_display import register_attached

        from .evidence import EVIDENCE

        register_attached(EVIDENCE)  # the public history lists an update's evidence files
